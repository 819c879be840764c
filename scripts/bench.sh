#!/usr/bin/env bash
# The benchmarks of issue #7, each written as JSON into a results folder:
#   startup.json        binary size and cold start to /health
#   idle.json           idle connections held, memory per connection
#   chat-<rate>.json    a rate sweep: the highest rate whose delivery p99 stays
#                       under 50 ms with no errors (each rate gets two tries)
#   claim-storm.json    1,000 queued sessions, 50 agents racing (ROUTING=manual)
#   route.json          1,000 queued sessions routed to 50 agents of capacity 3
#                       as they come online (ROUTING=auto)
#   summary.json        the headline numbers of the above
#
# Usage: scripts/bench.sh [OUT_DIR]
# On SQLite in a temporary folder, or on Postgres when BENCH_DATABASE_URL is
# set (BENCH_PG=1 starts a throwaway cluster with scripts/pg.sh). Each scenario
# gets a freshly started server (release build), so memory and CPU are its own.
# Knobs: BENCH_IDLE (19000), BENCH_HOLD (20s), BENCH_VISITORS (200),
# BENCH_AGENTS (20), BENCH_RATES ("500 1000 2000 3000 4000 5000 6000"),
# BENCH_DURATION (20s), BENCH_STORM_SESSIONS (1000), BENCH_STORM_AGENTS (50),
# BENCH_ROUTE_CAPACITY (3; the route run uses the storm's sizes),
# BENCH_SKIP_BUILD=1 to use the existing release binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/webchat"
LOADGEN="$TARGET/release/loadgen"
WORK=$(mktemp -d /tmp/webchat-bench.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=""
PG_DIR=""
ADMIN_EMAIL=bench-admin@bench.test
ADMIN_PASSWORD=bench-admin-password
# Agents claim in the chat and storm runs; the route run sets auto.
ROUTING_MODE=manual

log() { printf '\n==> %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
  stop_server
  [ -n "$PG_DIR" ] && scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# every connection is a file, on both sides
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ "${BENCH_PG:-0}" = 1 ] && [ -z "${BENCH_DATABASE_URL:-}" ]; then
  PG_DIR="$WORK/pg"
  BENCH_DATABASE_URL=$(scripts/pg.sh start "$PG_DIR" "$(free_port)" | tail -n 1)
fi
DB=sqlite
[ -n "${BENCH_DATABASE_URL:-}" ] && DB=postgres
OUT=${1:-bench-results/$(date +%Y%m%d-%H%M%S)-$DB}
mkdir -p "$OUT"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "release build"
  cargo build --release --locked --workspace --bins
fi

RUN=0
# Starts a fresh server (new SQLite file, or the Postgres URL); sets URL, SERVER_PID.
start_server() {
  RUN=$((RUN + 1))
  local port db
  port=$(free_port)
  db=${BENCH_DATABASE_URL:-sqlite://$WORK/bench-$RUN.db}
  DATABASE_URL="$db" HOST=127.0.0.1 PORT=$port RUST_LOG=warn ROUTING=$ROUTING_MODE \
    RATE_LIMIT_SOCKET_BURST=100000 RATE_LIMIT_SOCKET_PER_SEC=100000 \
    RATE_LIMIT_HANDSHAKE_BURST=100000 RATE_LIMIT_HANDSHAKE_PER_SEC=100000 \
    RATE_LIMIT_LOGIN_BURST=100000 RATE_LIMIT_LOGIN_PER_SEC=100000 \
    RATE_LIMIT_SESSION_BURST=100000 RATE_LIMIT_SESSION_PER_SEC=100000 \
    RATE_LIMIT_HANDOFF_BURST=100000 RATE_LIMIT_HANDOFF_PER_SEC=100000 \
    MAX_OPEN_SESSIONS_PER_VISITOR=100000 MAX_CONNECTIONS_PER_IP=100000 \
    WEBCHAT_ADMIN_EMAIL=$ADMIN_EMAIL WEBCHAT_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$BIN" >"$OUT/server-$RUN.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$port"
  for _ in $(seq 1 400); do curl -sf "$URL/health" >/dev/null && return 0; sleep 0.05; done
  echo "the server did not start:" >&2; cat "$OUT/server-$RUN.log" >&2; exit 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# loadgen <name> <scenario args...>: against a fresh server, JSON to OUT/<name>.json
loadgen() {
  local name=$1; shift
  start_server
  "$LOADGEN" --url "$URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --server-pid "$SERVER_PID" --json "$OUT/$name.json" "$@"
  stop_server
}

json_get() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); exec("print("+sys.argv[2]+")")' "$@"; }

log "binary size and cold start ($DB)"
DATABASE_URL=${BENCH_DATABASE_URL:-} "$LOADGEN" --json "$OUT/startup.json" \
  startup --bin "$BIN" --runs 5 --port "$(free_port)"

log "idle connections"
loadgen idle --connect-concurrency 64 idle --connections "${BENCH_IDLE:-19000}" \
  --hold "${BENCH_HOLD:-20s}"

log "chat rate sweep"
BEST=0
# passes: no errors, every acked message delivered, delivery p99 under 50 ms
chat_ok() {
  json_get "$OUT/chat-$1.json" \
    'int(d["error_total"]==0 and d["messages"]["delivery_latency_ms"]["p99"]<50 and d["messages"]["delivered"]>=d["messages"]["acked"])'
}
for rate in ${BENCH_RATES:-500 1000 2000 3000 4000 5000 6000}; do
  ok=0
  for _try in 1 2; do # a second try, so one noisy run does not end the sweep
    loadgen "chat-$rate" chat --visitors "${BENCH_VISITORS:-200}" --agents "${BENCH_AGENTS:-20}" \
      --rate "$rate" --duration "${BENCH_DURATION:-20s}"
    ok=$(chat_ok "$rate")
    [ "$ok" = 1 ] && break
  done
  if [ "$ok" = 1 ]; then BEST=$rate; else break; fi
done

log "claim storm"
loadgen claim-storm claim-storm --sessions "${BENCH_STORM_SESSIONS:-1000}" \
  --agents "${BENCH_STORM_AGENTS:-50}"

log "routing drain"
ROUTING_MODE=auto
loadgen route route --sessions "${BENCH_STORM_SESSIONS:-1000}" \
  --agents "${BENCH_STORM_AGENTS:-50}" --capacity "${BENCH_ROUTE_CAPACITY:-3}"
ROUTING_MODE=manual

python3 - "$OUT" "$DB" "$BEST" <<'EOF'
import json, os, sys
out, db, best = sys.argv[1], sys.argv[2], int(sys.argv[3])
load = lambda n: json.load(open(os.path.join(out, n + ".json")))
st, idle, storm, route = load("startup"), load("idle"), load("claim-storm"), load("route")
chat = load(f"chat-{best}") if best else None
summary = {
    "database": db,
    "binary_bytes": st["startup"]["binary_bytes"],
    "cold_start_ms": {"min": st["startup"]["min_ms"], "median": st["startup"]["median_ms"]},
    "idle": {"held": idle["connections"]["held"], "attempted": idle["connections"]["attempted"],
             "memory_per_connection_kb": idle["idle"]["memory_per_connection_kb"],
             "server_rss_mb": idle["server"]["rss_end_mb"]},
    "max_rate_p99_under_50ms": best,
    "at_that_rate": chat and {"acked_per_s": chat["messages"]["acked_per_s"],
                              "delivery_latency_ms": chat["messages"]["delivery_latency_ms"],
                              "server_cpu_avg_percent": chat["server"]["cpu_avg_percent"]},
    "claim_storm": storm["claims"],
    "route": route["routing"],
}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(json.dumps(summary, indent=2))
EOF
echo "results in $OUT"
