-- Who read or erased a customer's data (platform-runtime, audit/), kept apart from that data: nothing on the erasure
-- path deletes from this table, so the record of an erasure outlives what it erased. It holds identifiers only
-- (token subjects, the customer id, the operation), never an answer.
-- A platform migration numbered 0.x, reaching databases already past it: quarkus.flyway.out-of-order=true.
create table access_audit (
    id            bigint generated always as identity primary key,
    recorded_at   timestamptz  not null,
    -- who: the token's sub; for a token held for the customer by another party, that party (act.sub)
    subject       text         not null,
    actor         text,
    -- the role that let the caller in: support, or customer for the customer's own (or delegated) token
    role          varchar(64)  not null,
    action        varchar(64)  not null,
    customer_id   varchar(64)  not null,
    http_method   varchar(16)  not null,
    path_template varchar(255) not null
);

create index access_audit_customer on access_audit (customer_id, recorded_at);
create index access_audit_subject on access_audit (subject, recorded_at);
