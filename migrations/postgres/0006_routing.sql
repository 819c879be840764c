-- Routing: a supervisor role, deactivated accounts, and the queue's order
-- and alerts.

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
    check (role in ('user', 'agent', 'supervisor', 'admin'));
update users set capacity = greatest(1, least(capacity, 50));
alter table users add constraint users_capacity_check check (capacity between 1 and 50);
-- A deactivated account cannot log in and is never routed a chat.
alter table users add column active boolean not null default true;

-- A chat whose agent left goes back to the front of the queue: the queue is
-- ordered by priority (1 for those), then by when each began to wait.
alter table sessions add column queue_priority integer not null default 0;
-- When agents were last alerted that the chat is waiting too long.
alter table sessions add column alerted_at timestamptz;
create index sessions_queue_idx on sessions (status, queue_priority desc, queued_at);
-- Recent waits (for the visitor's estimate) are read by when they ended.
create index handoff_requests_claimed_idx on handoff_requests (claimed_at);
