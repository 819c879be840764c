-- The console: an audit log of who did what, long-lived API tokens for
-- scripts, and erasure (a message or contact keeps its place, emptied).
-- Same tables and names as migrations/sqlite.

create table audit_log (
    id uuid primary key,
    at timestamptz not null,
    actor_id uuid,
    actor_name text,
    action text not null,
    target text,
    detail text
);
create index audit_log_at_idx on audit_log (at desc, id desc);

-- An API token acts as its own user (no email, so never in the team), whose
-- bearer token is an ordinary `auth_tokens` row that does not expire soon.
create table api_tokens (
    id uuid primary key,
    name text not null,
    role text not null check (role in ('agent', 'supervisor', 'admin')),
    user_id uuid not null references users (id),
    token_hash text not null,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    revoked_at timestamptz
);

alter table messages add column erased boolean not null default false;
alter table users add column erased boolean not null default false;
create index sessions_closed_idx on sessions (closed_at) where status = 'closed';
