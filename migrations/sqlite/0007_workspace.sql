-- The agent's workspace: contacts, tags, the visitor's page, attachments,
-- the team's canned responses, and full-text search over every message.

-- Every visitor is a contact: the contact is the visitor's user row (its id
-- is the contact id). `identity_id` is the company's own id for a signed-in
-- customer (verified by `IDENTITY_SECRET`): every device of that customer is
-- this one user. `contact_email` is what the visitor left (never a login).
alter table users add column contact_email text;
alter table users add column identity_id text;
alter table users add column last_seen_at text;
create unique index users_identity_key on users (identity_id) where identity_id is not null;

-- Tags: the session row keeps its list (JSON text, read with every session);
-- session_tags is the same list, one row per tag, for search and reports.
alter table sessions add column tags text not null default '[]';
create table session_tags (
    session_id blob not null references sessions (id) on delete cascade,
    tag text not null,
    primary key (session_id, tag)
);
create index session_tags_tag_idx on session_tags (tag, session_id);

-- Search and the console list sessions newest first.
create index sessions_created_idx on sessions (created_at, id);

-- Where the visitor is (`visitor:page`).
alter table sessions add column page_url text;
alter table sessions add column page_title text;
alter table sessions add column page_referrer text;

-- A file belongs to one session. Its bytes are here (`data`) by default, or
-- in an S3-compatible bucket under `object_key`.
create table attachments (
    id blob primary key,
    session_id blob not null references sessions (id) on delete cascade,
    uploaded_by blob references users (id),
    name text not null,
    content_type text not null,
    size integer not null,
    sha256 text not null,
    data blob,
    object_key text,
    created_at text not null
);
create index attachments_session_idx on attachments (session_id, created_at);

create table canned_responses (
    id blob primary key,
    shortcut text not null,
    title text not null,
    body text not null,
    updated_by blob references users (id),
    created_at text not null,
    updated_at text not null
);
create unique index canned_responses_shortcut_key on canned_responses (shortcut);

-- Full text: an FTS5 index whose content is messages.body (external
-- content, kept in step by triggers; the porter stemmer finds "refunds" for
-- "refund", as Postgres's english configuration does).
create virtual table messages_fts using fts5 (
    body,
    content = 'messages',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
insert into messages_fts (rowid, body) select rowid, body from messages;
-- Every commit of chat messages writes a small segment; merging 16 at a
-- time (not 4) and in a crisis only past 64 keeps that cheap on the hot
-- path: at 3,000 msg/s delivery p99 is 115 ms instead of 630 ms (README,
-- "Load and benchmarks"), for a few more segments per search.
insert into messages_fts (messages_fts, rank) values ('automerge', 16);
insert into messages_fts (messages_fts, rank) values ('crisismerge', 64);
create trigger messages_fts_insert after insert on messages begin
    insert into messages_fts (rowid, body) values (new.rowid, new.body);
end;
create trigger messages_fts_delete after delete on messages begin
    insert into messages_fts (messages_fts, rowid, body) values ('delete', old.rowid, old.body);
end;
create trigger messages_fts_update after update of body on messages begin
    insert into messages_fts (messages_fts, rowid, body) values ('delete', old.rowid, old.body);
    insert into messages_fts (rowid, body) values (new.rowid, new.body);
end;
