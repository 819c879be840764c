-- Core chat data model: users, tokens, sessions, messages, handoffs,
-- end-chat requests, summaries and the transactional outbox.
-- Ids are UUIDs stored as 16-byte blobs; times as RFC 3339 text in UTC.

create table users (
    id blob primary key,
    role text not null check (role in ('user', 'agent', 'admin')),
    display_name text not null,
    email text,
    password_hash text,
    external_id text,
    created_at text not null
);
create unique index users_email_key on users (lower(email)) where email is not null;
create unique index users_external_id_key on users (external_id) where external_id is not null;

create table auth_tokens (
    token_hash text primary key,
    user_id blob not null references users (id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    revoked_at text
);
create index auth_tokens_user_idx on auth_tokens (user_id);

create table sessions (
    id blob primary key,
    status text not null check (status in ('bot_pending', 'queued_for_agent', 'active_with_agent', 'closed')),
    channel text not null check (channel in ('web', 'whatsapp')),
    user_id blob not null references users (id),
    agent_id blob references users (id),
    site text,
    created_at text not null,
    queued_at text,
    assigned_at text,
    closed_at text,
    ended_by text check (ended_by in ('user', 'agent', 'system')),
    last_seq integer not null default 0,
    last_message_at text
);
create index sessions_status_idx on sessions (status, queued_at);
create index sessions_user_idx on sessions (user_id, status);
create index sessions_agent_idx on sessions (agent_id, status);

create table messages (
    id blob primary key,
    session_id blob not null references sessions (id),
    seq integer not null,
    sender_type text not null check (sender_type in ('user', 'agent', 'bot', 'system')),
    sender_id blob,
    sender_name text,
    body text not null,
    client_msg_id text,
    citations text,
    attachments text,
    external_id text,
    delivery_status text,
    delivery_error text,
    created_at text not null,
    constraint messages_session_seq_key unique (session_id, seq)
);
create unique index messages_client_msg_id_key on messages (session_id, client_msg_id) where client_msg_id is not null;
create unique index messages_external_id_key on messages (external_id) where external_id is not null;

create table handoff_requests (
    id blob primary key,
    session_id blob not null references sessions (id),
    requested_at text not null,
    claimed_at text,
    claimed_by blob references users (id)
);
create index handoff_requests_session_idx on handoff_requests (session_id);

create table end_requests (
    id blob primary key,
    session_id blob not null references sessions (id),
    requested_by text not null check (requested_by in ('user', 'agent', 'system')),
    created_at text not null,
    resolved_at text,
    outcome text check (outcome in ('accepted', 'declined', 'superseded'))
);
create unique index end_requests_pending_key on end_requests (session_id) where resolved_at is null;

create table summaries (
    session_id blob primary key references sessions (id),
    summary text not null,
    topics text not null,
    message_count integer not null,
    started_at text not null,
    ended_at text not null,
    ended_by text not null,
    end_requested_by text,
    user_display_name text not null,
    agent_display_name text,
    created_at text not null
);

create table outbox (
    id integer primary key autoincrement,
    event_id blob not null unique,
    topic text not null,
    event_key text not null,
    payload text not null,
    created_at text not null,
    published_at text
);
create index outbox_pending_idx on outbox (id) where published_at is null;
