-- The W3C trace context of the request or consumed event that wrote the row: the relay publishes the row in a span
-- of that trace and sends it as the record's traceparent (and tracestate) headers. Null when the change was made
-- outside a trace (tracing off, a background job). The outbox table is platform-runtime's; each service with an
-- outbox carries the change itself (see V3).
alter table outbox_event
    add column traceparent varchar(55),
    add column tracestate  varchar(512);
