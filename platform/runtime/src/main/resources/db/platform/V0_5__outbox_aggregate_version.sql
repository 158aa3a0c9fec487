-- The version a tombstone erased up to, published as the ce_aggregateversion header: a consumer deletes only
-- what is older, and refuses older values replayed after it (an erasure marker). Null for other events.
alter table outbox_event add column aggregate_version bigint;
