-- The agent's workspace: contacts, tags, the visitor's page, attachments,
-- the team's canned responses, and full-text search over every message.
-- Same tables and names as migrations/sqlite.

-- Every visitor is a contact: the visitor's user row (its id is the contact
-- id). `identity_id` is the company's own id for a signed-in customer.
alter table users
    add column contact_email text,
    add column identity_id text,
    add column last_seen_at timestamptz;
create unique index users_identity_key on users (identity_id) where identity_id is not null;

-- Search and the console list sessions newest first.
create index sessions_created_idx on sessions (created_at, id);

alter table sessions
    add column tags text not null default '[]',
    add column page_url text,
    add column page_title text,
    add column page_referrer text;
create table session_tags (
    session_id uuid not null references sessions (id) on delete cascade,
    tag text not null,
    primary key (session_id, tag)
);
create index session_tags_tag_idx on session_tags (tag, session_id);

create table attachments (
    id uuid primary key,
    session_id uuid not null references sessions (id) on delete cascade,
    uploaded_by uuid references users (id),
    name text not null,
    content_type text not null,
    size bigint not null,
    sha256 text not null,
    data bytea,
    object_key text,
    created_at timestamptz not null
);
create index attachments_session_idx on attachments (session_id, created_at);

create table canned_responses (
    id uuid primary key,
    shortcut text not null,
    title text not null,
    body text not null,
    updated_by uuid references users (id),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index canned_responses_shortcut_key on canned_responses (shortcut);

-- Full text: a stored tsvector (english: stems, as SQLite's porter
-- tokenizer does) with a GIN index. Everything but letters and digits is a
-- separator first, as in SQLite's unicode61 tokenizer and in the query: so
-- "<gift>" is the word gift (not an HTML tag) and "vera@shop.test" three
-- words (not one email token), on both databases alike.
alter table messages
    add column search tsvector generated always as
        (to_tsvector('english', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g'))) stored;
create index messages_search_idx on messages using gin (search);
