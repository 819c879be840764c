-- Outgoing webhooks: the outbox's second consumer. Each event is fanned out
-- (outbox.fanned_out_at) into a delivery per webhook that wants it, holding
-- a copy of the envelope; deliveries are retried with backoff and logged.
-- Same tables and names as migrations/postgres.

create table webhooks (
    id blob primary key,
    url text not null,
    -- a JSON array of event types, or ["*"]
    events text not null,
    secret text not null,
    active integer not null default 1,
    created_by blob references users (id) on delete set null,
    created_at text not null
);

create table webhook_deliveries (
    id blob primary key,
    webhook_id blob not null references webhooks (id) on delete cascade,
    outbox_id integer not null,
    event_id blob not null,
    event_type text not null,
    -- the session: one session's deliveries go out in outbox order
    event_key text not null,
    payload text not null,
    state text not null check (state in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    last_status integer,
    last_error text,
    next_attempt_at text,
    locked_until text,
    delivered_at text,
    created_at text not null,
    unique (webhook_id, event_id)
);
-- a webhook's pending deliveries in outbox order (the sender looks for each session's first)
create index webhook_deliveries_head_idx on webhook_deliveries (webhook_id, outbox_id) where state = 'pending';
create index webhook_deliveries_queue_idx on webhook_deliveries (webhook_id, event_key, outbox_id) where state = 'pending';
create index webhook_deliveries_log_idx on webhook_deliveries (webhook_id, created_at desc, id desc);

alter table outbox add column fanned_out_at text;
-- events written before webhooks existed go to none
update outbox set fanned_out_at = created_at;
create index outbox_fan_out_idx on outbox (id) where fanned_out_at is null;
