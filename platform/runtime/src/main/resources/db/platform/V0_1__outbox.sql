-- Transactional outbox shared by every service (platform-runtime). Platform migrations use versions 0.x so
-- they always sort before a service's own V1.. migrations in the same Flyway history.
create table outbox_event (
    id          uuid primary key,
    -- commit order per aggregate: the aggregate row is written (and locked) before its outbox row
    seq         bigint generated always as identity unique,
    topic       varchar(249) not null,
    message_key varchar(255) not null,
    event_type  varchar(200) not null,
    -- null is a tombstone: the aggregate was erased
    payload     text,
    created_at  timestamptz  not null,
    sent_at     timestamptz
);

-- The relay reads only what is unsent, in order: keep that index tiny.
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;
