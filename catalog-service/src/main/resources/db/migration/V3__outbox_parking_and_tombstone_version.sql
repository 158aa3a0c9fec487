-- Outbox rows Kafka keeps refusing (too large, topic missing, not authorized) are parked by the relay: kept, no
-- longer sent, for an operator (docs/RELIABILITY.md). The outbox table is platform-runtime's (db/platform), but
-- a platform migration numbered 0.x would sort below the versions this database already has, which Flyway
-- refuses: each service with an outbox carries the change itself.
alter table outbox_event
    add column attempts   integer not null default 0,
    add column last_error varchar(1000),
    add column parked_at  timestamptz;

-- The relay reads only what is neither sent nor parked; operators and the parked gauge read the parked rows.
drop index outbox_event_unsent;
create index outbox_event_unsent on outbox_event (seq) where sent_at is null and parked_at is null;
create index outbox_event_parked on outbox_event (seq) where parked_at is not null;

-- The version a tombstone erased up to, published as the ce_aggregateversion header: a consumer deletes only
-- what is older, and refuses older values replayed after it (an erasure marker). Null for other events.
alter table outbox_event add column aggregate_version bigint;
