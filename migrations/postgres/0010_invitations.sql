-- Invitations: an admin invites a person by email; the link's token is
-- stored only as its hash, lasts 7 days, and works once. Their mail goes
-- through the mail queue, so `mails.kind` gains 'invitation'.
-- Same tables and names as migrations/sqlite.

create table invitations (
    id uuid primary key,
    email text not null,
    role text not null check (role in ('agent', 'supervisor', 'admin')),
    display_name text,
    capacity bigint,
    token_hash text not null unique,
    invited_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    user_id uuid references users (id) on delete set null,
    withdrawn_at timestamptz
);
create index invitations_created_idx on invitations (created_at desc);
create index invitations_email_idx on invitations (lower(email));

alter table mails drop constraint mails_kind_check;
alter table mails add constraint mails_kind_check
    check (kind in ('offline_notice', 'reply', 'transcript', 'invitation'));
