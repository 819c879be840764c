-- The RAG bot's knowledge: crawled pages and their passages (chunks), each
-- with the embedding of the embedder named in `embedder` (vectors of
-- different embedders are never compared).
--
-- Dimensions differ by embedder (384 for all-MiniLM-L6-v2, 512 for the
-- built-in lexical one, 1536 for OpenAI's text-embedding-3-small), so the
-- column is an untyped `vector` and each known dimension gets a partial HNSW
-- expression index (`embedding::vector(N)` where dims = N); searches use the
-- same expression. Other dimensions still work, by exact scan.
-- Text search: a generated, weighted tsvector with a GIN index.

create table knowledge_pages (
    id bigserial primary key,
    site text not null,
    url text not null,
    title text not null,
    fetched_at timestamptz not null,
    constraint knowledge_pages_site_url_key unique (site, url)
);

create table knowledge_chunks (
    id bigserial primary key,
    page_id bigint not null references knowledge_pages (id) on delete cascade,
    site text not null,
    ord integer not null,
    title text not null,
    heading text not null,
    body text not null,
    embedder text not null,
    dims integer not null,
    embedding vector not null,
    tsv tsvector generated always as (
        setweight(to_tsvector('english', title || ' ' || heading), 'A')
        || to_tsvector('english', body)
    ) stored
);
create index knowledge_chunks_site_idx on knowledge_chunks (site, embedder);
create index knowledge_chunks_embedder_idx on knowledge_chunks (embedder);
create index knowledge_chunks_page_idx on knowledge_chunks (page_id);
create index knowledge_chunks_tsv_idx on knowledge_chunks using gin (tsv);
create index knowledge_chunks_hnsw_384 on knowledge_chunks
    using hnsw ((embedding::vector(384)) vector_cosine_ops) where dims = 384;
create index knowledge_chunks_hnsw_512 on knowledge_chunks
    using hnsw ((embedding::vector(512)) vector_cosine_ops) where dims = 512;
create index knowledge_chunks_hnsw_1536 on knowledge_chunks
    using hnsw ((embedding::vector(1536)) vector_cosine_ops) where dims = 1536;
