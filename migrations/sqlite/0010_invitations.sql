-- Invitations: an admin invites a person by email; the link's token is
-- stored only as its hash, lasts 7 days, and works once. Their mail goes
-- through the mail queue, so `mails.kind` gains 'invitation' (SQLite cannot
-- change a check constraint: the table is rebuilt, rows kept).
-- Same tables and names as migrations/postgres.

create table invitations (
    id blob primary key,
    email text not null,
    role text not null check (role in ('agent', 'supervisor', 'admin')),
    display_name text,
    capacity integer,
    token_hash text not null unique,
    invited_by blob references users (id) on delete set null,
    created_at text not null,
    expires_at text not null,
    accepted_at text,
    user_id blob references users (id) on delete set null,
    withdrawn_at text
);
create index invitations_created_idx on invitations (created_at desc);
create index invitations_email_idx on invitations (lower(email));

create table mails_new (
    id blob primary key,
    kind text not null check (kind in ('offline_notice', 'reply', 'transcript', 'invitation')),
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
insert into mails_new select id, kind, session_id, recipient, subject, body, attempts, created_at,
    next_attempt_at, sent_at, failed_at, last_error from mails;
drop table mails;
alter table mails_new rename to mails;
create index mails_due_idx on mails (next_attempt_at) where sent_at is null and failed_at is null;
create index mails_session_idx on mails (session_id, kind, created_at);
