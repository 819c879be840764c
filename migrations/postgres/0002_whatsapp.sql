-- WhatsApp: one open session per number; an outbound queue filled in the
-- same transaction as the bot's or agent's message; delivery status that
-- only moves forward (delivery_rank).
create unique index sessions_open_whatsapp_key on sessions (user_id) where channel = 'whatsapp' and status <> 'closed';
alter table messages add column delivery_rank bigint;

create table whatsapp_outbound (
    message_id uuid primary key references messages (id),
    created_at timestamptz not null,
    attempts bigint not null default 0,
    sent_at timestamptz,
    last_error text
);
create index whatsapp_outbound_pending_idx on whatsapp_outbound (created_at) where sent_at is null;
