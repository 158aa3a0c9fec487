-- Customers who were erased: the id and the version the erasure took, nothing they answered. Versions go on
-- from it when the customer answers again, so every consumer sees the new profile as newer than what it erased,
-- and a repeated erasure publishes the same tombstone again.
create table profile_erasure (
    customer_id varchar(64) primary key,
    version     bigint      not null check (version > 0),
    erased_at   timestamptz not null
);
