-- The console: an audit log of who did what, long-lived API tokens for
-- scripts, and erasure (a message or contact keeps its place, emptied).
-- Same tables and names as migrations/postgres.

create table audit_log (
    id blob primary key,
    at text not null,
    actor_id blob,
    actor_name text,
    action text not null,
    target text,
    detail text
);
create index audit_log_at_idx on audit_log (at desc, id desc);

-- An API token acts as its own user (no email, so never in the team), whose
-- bearer token is an ordinary `auth_tokens` row that does not expire soon.
create table api_tokens (
    id blob primary key,
    name text not null,
    role text not null check (role in ('agent', 'supervisor', 'admin')),
    user_id blob not null references users (id),
    token_hash text not null,
    created_by blob references users (id) on delete set null,
    created_at text not null,
    revoked_at text
);

alter table messages add column erased integer not null default 0;
alter table users add column erased integer not null default 0;
create index sessions_closed_idx on sessions (closed_at) where status = 'closed';
