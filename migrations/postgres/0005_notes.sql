-- Private notes on a chat: written by staff, read by staff, never part of
-- the visitor's transcript or its seq.

create table notes (
    id uuid primary key,
    session_id uuid not null references sessions (id) on delete cascade,
    author_id uuid not null references users (id),
    author_name text not null,
    body text not null,
    created_at timestamptz not null
);
create index notes_session_idx on notes (session_id, created_at);
