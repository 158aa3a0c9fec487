-- Customers erased on profiles.skin.v1: the id and the version erased up to, nothing they answered. A value of
-- that version or older (replayed before compaction removed it) is refused; kept for the marker retention.
create table erased_customer (
    customer_id    varchar(64) primary key,
    erased_version bigint      not null check (erased_version >= 0),
    erased_at      timestamptz not null
);
create index erased_customer_erased_at on erased_customer (erased_at);
