-- no-transaction
-- Routing: a supervisor role, deactivated accounts, and the queue's order
-- and alerts.
--
-- SQLite cannot change a CHECK constraint in place, so `users` is rebuilt
-- (the documented twelve-step procedure): foreign keys are off for the
-- copy, which runs in its own transaction, and checked before it commits.

pragma foreign_keys = off;

begin;

create table users_new (
    id blob primary key,
    role text not null check (role in ('user', 'agent', 'supervisor', 'admin')),
    display_name text not null,
    email text,
    password_hash text,
    external_id text,
    created_at text not null,
    presence text not null default 'online' check (presence in ('online', 'away')),
    capacity integer not null default 3 check (capacity between 1 and 50),
    announced_status text check (announced_status in ('online', 'away', 'offline')),
    left_at text,
    -- A deactivated account cannot log in and is never routed a chat.
    active integer not null default 1 check (active in (0, 1))
);

insert into users_new (id, role, display_name, email, password_hash, external_id, created_at,
                       presence, capacity, announced_status, left_at)
select id, role, display_name, email, password_hash, external_id, created_at,
       presence, max(1, min(capacity, 50)), announced_status, left_at
from users;

drop table users;
alter table users_new rename to users;

create unique index users_email_key on users (lower(email)) where email is not null;
create unique index users_external_id_key on users (external_id) where external_id is not null;

-- A chat whose agent left goes back to the front of the queue: the queue is
-- ordered by priority (1 for those), then by when each began to wait.
alter table sessions add column queue_priority integer not null default 0;
-- When agents were last alerted that the chat is waiting too long.
alter table sessions add column alerted_at text;
create index sessions_queue_idx on sessions (status, queue_priority desc, queued_at);

-- Recent waits (for the visitor's estimate) are read by when they ended.
create index handoff_requests_claimed_idx on handoff_requests (claimed_at);

commit;

pragma foreign_keys = on;
