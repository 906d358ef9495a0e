# shellcheck shell=bash
# A private PostgreSQL server on a free loopback port, for scripts that test funnel's PostgreSQL state
# (scripts/chaos.sh, scripts/ci-rehearsal.sh). Source this file, then:
#   start_postgres PASSWORD   starts it (Debian's postgresql package) and sets POSTGRES_URL
#   stop_postgres             stops it and removes its files (call it from an EXIT trap)
# The server trusts every local connection: the password is ignored, and is there to prove that
# funnel never prints it.
PGROOT=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  if [ -n "$PGROOT" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"; fi
}
start_postgres() {
  local initdb port
  initdb=$(find /usr/lib/postgresql -path '*/bin/initdb' 2>/dev/null | sort -V | tail -1)
  [ -n "$initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  PGBIN=$(dirname "$initdb")
  PGROOT=$(mktemp -d)
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGROOT"; fi
  as_postgres "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --no-sync >"$PGROOT/initdb.log" 2>&1 ||
    { cat "$PGROOT/initdb.log"; exit 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-p $port -k $PGROOT -c listen_addresses=127.0.0.1" start >/dev/null
  export POSTGRES_URL="postgres://postgres:$1@127.0.0.1:$port/postgres"
}
