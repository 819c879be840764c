-- The visitor's side: settings operators change at run time, the visitor's
-- language, offline conversations answered by email, the rating after a
-- chat, and the queue of mails to send. Same tables and names as
-- migrations/postgres.

create table settings (
    key text primary key,
    value text not null,
    updated_by blob references users (id) on delete set null,
    updated_at text not null
);

alter table users add column locale text;

-- `offline`: queued while no one could answer; the visitor is answered by
-- email. `team_told_at`: the team's notice is queued. `mailed_seq`: agents'
-- messages up to it were mailed to the visitor (or seen live);
-- `replies_mailed_at`: the last such mail (replies are batched).
alter table sessions add column offline integer not null default 0;
alter table sessions add column team_told_at text;
alter table sessions add column mailed_seq integer not null default 0;
alter table sessions add column replies_mailed_at text;
alter table sessions add column csat_rating integer check (csat_rating between 1 and 5);
alter table sessions add column csat_comment text;
alter table sessions add column csat_at text;
alter table sessions add column csat_asked_at text;
create index sessions_offline_idx on sessions (queued_at) where offline = 1 and team_told_at is null;
create index sessions_activity_idx on sessions (last_message_at);

create table mails (
    id blob primary key,
    kind text not null check (kind in ('offline_notice', 'reply', 'transcript')),
    session_id blob references sessions (id) on delete cascade,
    recipient text not null,
    subject text not null,
    body text not null,
    attempts integer not null default 0,
    created_at text not null,
    next_attempt_at text not null,
    sent_at text,
    failed_at text,
    last_error text
);
create index mails_due_idx on mails (next_attempt_at) where sent_at is null and failed_at is null;
create index mails_session_idx on mails (session_id, kind, created_at);
