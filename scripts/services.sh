#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer, for CI (.ci/run) and for developers:
#
#   bash scripts/services.sh          check; start what is installed but down; install what is missing
#   bash scripts/services.sh --check  only check, never start or install anything
#
# Hosts and ports come from DATABASE_URL and REDIS_URL (defaults: 127.0.0.1:5432 and
# 127.0.0.1:6379, as in libs/config/src/env.schema.ts). Only a service on this machine
# (localhost, 127.0.0.1, ::1) is started or installed; a remote one is only waited for.
# Installing uses Debian's packages (apt-get, as root or through sudo) and, for a cluster
# it has just created, lets loopback connections in without a password (trust), as the
# portal's default DATABASE_URL expects.
# SERVICES_WAIT_SECONDS (default 30) bounds the wait for each service.
set -euo pipefail

MODE=ensure
case "${1:-}" in
  '' | --ensure) ;;
  --check) MODE=check ;;
  -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "services.sh: unknown argument '$1' (use --check or nothing)" >&2
    exit 2
    ;;
esac

WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

log() { printf '[services] %s\n' "$*"; }
fail() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# host and port of a URL such as postgres://user:pass@host:5432/db or redis://[::1]:6379
url_host() {
  local rest="${1#*://}"
  rest="${rest%%/*}"
  rest="${rest%%\?*}"
  rest="${rest##*@}"
  if [[ "$rest" == \[* ]]; then
    rest="${rest#[}"
    echo "${rest%%]*}"
  else
    echo "${rest%%:*}"
  fi
}
url_port() {
  local rest="${1#*://}" default="$2"
  rest="${rest%%/*}"
  rest="${rest%%\?*}"
  rest="${rest##*@}"
  rest="${rest##*]}"
  if [[ "$rest" == *:* && -n "${rest##*:}" ]]; then echo "${rest##*:}"; else echo "$default"; fi
}
is_local() {
  case "$1" in
    localhost | 127.* | ::1 | '') return 0 ;;
    *) return 1 ;;
  esac
}

PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/logy_portal}"
REDIS_URL_="${REDIS_URL:-redis://127.0.0.1:6379}"
PG_HOST="$(url_host "$PG_URL")"
PG_PORT="$(url_port "$PG_URL" 5432)"
REDIS_HOST="$(url_host "$REDIS_URL_")"
REDIS_PORT="$(url_port "$REDIS_URL_" 6379)"
PG_HOST="${PG_HOST:-127.0.0.1}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"

# a TCP connect within 2 seconds, without any client installed
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

redis_up() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    timeout 3 bash -c "exec 3<>/dev/tcp/$REDIS_HOST/$REDIS_PORT && printf 'PING\r\n' >&3 && IFS= read -r line <&3 && [[ \$line == +PONG* ]]" 2>/dev/null
  fi
}

pg_clusters() {
  # "<version> main" for every installed cluster named main
  local dir
  [ -d /etc/postgresql ] || return 0
  for dir in /etc/postgresql/*/main; do
    [ -d "$dir" ] && basename "$(dirname "$dir")"
  done
  return 0
}

pg_installed() { command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(pg_clusters)" ]; }
redis_installed() { command -v redis-server >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    fail "need root to run: $* (run as root, or install it yourself)"
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install $* yourself, or run 'docker compose -f docker/compose.yml up -d postgres redis'"
  log "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# A cluster that this script created: trust loopback connections (the default DATABASE_URL has no password).
pg_trust_loopback() {
  local v hba
  for v in $(pg_clusters); do
    hba="/etc/postgresql/$v/main/pg_hba.conf"
    [ -f "$hba" ] || continue
    log "letting loopback connections in without a password in $hba"
    as_root sed -i -E \
      -e 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+)[a-z0-9-]+#\1trust#' \
      -e 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+::1/128[[:space:]]+)[a-z0-9-]+#\1trust#' \
      "$hba"
  done
}

pg_start() {
  local v
  for v in $(pg_clusters); do
    if as_root pg_ctlcluster --skip-systemctl-redirect "$v" main status >/dev/null 2>&1; then
      log "PostgreSQL $v/main is running: reloading its configuration"
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main reload || true
    else
      log "starting PostgreSQL $v/main"
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start || log "pg_ctlcluster $v main start failed"
    fi
  done
}

redis_start() {
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    || log "redis-server did not start"
}

wait_for() { # name check-function where
  local name="$1" check="$2" where="$3" waited=0
  until "$check"; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "$name answers at $where (after ${waited}s)"
}

PG_WHERE="$PG_HOST:$PG_PORT"
REDIS_WHERE="$REDIS_HOST:$REDIS_PORT"

if [ "$MODE" = check ]; then
  status=0
  if pg_up; then log "PostgreSQL answers at $PG_WHERE"; else log "PostgreSQL does NOT answer at $PG_WHERE"; status=1; fi
  if redis_up; then log "Redis answers at $REDIS_WHERE"; else log "Redis does NOT answer at $REDIS_WHERE"; status=1; fi
  exit "$status"
fi

# 1. install what is missing (only for services on this machine)
missing=()
pg_fresh=false
if ! pg_up && is_local "$PG_HOST" && ! pg_installed; then
  missing+=(postgresql)
  pg_fresh=true
fi
if ! redis_up && is_local "$REDIS_HOST" && ! redis_installed; then
  missing+=(redis-server)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
  if [ "$pg_fresh" = true ]; then pg_trust_loopback; fi
fi

# 2. start what is installed but down
if ! pg_up && is_local "$PG_HOST"; then
  pg_installed || fail "PostgreSQL is not installed and could not be installed"
  pg_start
elif [ "$pg_fresh" = true ]; then
  pg_start # apt may have started it before pg_hba.conf was changed
fi
if ! redis_up && is_local "$REDIS_HOST"; then
  redis_installed || fail "Redis is not installed and could not be installed"
  redis_start
fi

# 3. wait, bounded
wait_for PostgreSQL pg_up "$PG_WHERE" || fail "PostgreSQL does not answer at $PG_WHERE (DATABASE_URL) after ${WAIT_SECONDS}s.
  Start it with:   pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
  Install it with: apt-get install -y postgresql
  Or run it in Docker: docker compose -f docker/compose.yml up -d postgres"
wait_for Redis redis_up "$REDIS_WHERE" || fail "Redis does not answer at $REDIS_WHERE (REDIS_URL) after ${WAIT_SECONDS}s.
  Start it with:   redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no
  Install it with: apt-get install -y redis-server
  Or run it in Docker: docker compose -f docker/compose.yml up -d redis"
