-- The visitor's side: settings operators change at run time, the visitor's
-- language, offline conversations answered by email, the rating after a
-- chat, and the queue of mails to send. Same tables and names as
-- migrations/sqlite.

create table settings (
    key text primary key,
    value text not null,
    updated_by uuid references users (id) on delete set null,
    updated_at timestamptz not null
);

alter table users add column locale text;

-- `offline`: queued while no one could answer; the visitor is answered by
-- email. `team_told_at`: the team's notice is queued. `mailed_seq`: agents'
-- messages up to it were mailed to the visitor (or seen live);
-- `replies_mailed_at`: the last such mail (replies are batched).
alter table sessions
    add column offline boolean not null default false,
    add column team_told_at timestamptz,
    add column mailed_seq bigint not null default 0,
    add column replies_mailed_at timestamptz,
    add column csat_rating integer check (csat_rating between 1 and 5),
    add column csat_comment text,
    add column csat_at timestamptz,
    add column csat_asked_at timestamptz;
create index sessions_offline_idx on sessions (queued_at) where offline and team_told_at is null;
create index sessions_activity_idx on sessions (last_message_at);

create table mails (
    id uuid primary key,
    kind text not null check (kind in ('offline_notice', 'reply', 'transcript')),
    session_id uuid references sessions (id) on delete cascade,
    recipient text not null,
    subject text not null,
    body text not null,
    attempts integer not null default 0,
    created_at timestamptz not null,
    next_attempt_at timestamptz not null,
    sent_at timestamptz,
    failed_at timestamptz,
    last_error text
);
create index mails_due_idx on mails (next_attempt_at) where sent_at is null and failed_at is null;
create index mails_session_idx on mails (session_id, kind, created_at);
