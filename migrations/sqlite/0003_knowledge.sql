-- The RAG bot's knowledge: crawled pages and their passages (chunks), each
-- with the embedding of the embedder named in `embedder` (vectors of
-- different embedders are never compared) as little-endian f32 bytes, and
-- an FTS5 index over title, heading and text. Searches use exact cosine in
-- Rust over a site's vectors, and FTS5's bm25 for text.

create table knowledge_pages (
    id integer primary key,
    site text not null,
    url text not null,
    title text not null,
    fetched_at text not null,
    constraint knowledge_pages_site_url_key unique (site, url)
);

create table knowledge_chunks (
    id integer primary key,
    page_id integer not null references knowledge_pages (id) on delete cascade,
    site text not null,
    ord integer not null,
    title text not null,
    heading text not null,
    body text not null,
    embedder text not null,
    dims integer not null,
    embedding blob not null
);
create index knowledge_chunks_site_idx on knowledge_chunks (site, embedder);
create index knowledge_chunks_embedder_idx on knowledge_chunks (embedder);
create index knowledge_chunks_page_idx on knowledge_chunks (page_id);

create virtual table knowledge_fts using fts5 (
    title, heading, body,
    content = 'knowledge_chunks', content_rowid = 'id',
    tokenize = 'porter unicode61'
);

create trigger knowledge_chunks_ai after insert on knowledge_chunks begin
    insert into knowledge_fts (rowid, title, heading, body)
    values (new.id, new.title, new.heading, new.body);
end;

create trigger knowledge_chunks_ad after delete on knowledge_chunks begin
    insert into knowledge_fts (knowledge_fts, rowid, title, heading, body)
    values ('delete', old.id, old.title, old.heading, old.body);
end;
