# Shared by backup.sh and restore.sh (sourced, not run): settings, database location, running-server checks.
# shellcheck shell=bash

die() { echo "${PROG}: $*" >&2; exit 1; }
say() { echo "${PROG}: $*"; }

# Reads RELAYPOOL_* lines from a systemd-style env file (KEY=value, no shell evaluation: the file is not
# sourced). A variable already set in the environment wins.
load_env_file() {
  local file="$1" line key value
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(RELAYPOOL_[A-Z0-9_]+)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    value="${value#\"}"; value="${value%\"}"
    [[ -n "${!key+set}" ]] || export "$key=$value"
  done <"$file"
}

# jdbc:postgresql://host[:port]/database[?sslmode=...] -> PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD
# for pg_dump/pg_restore. Only a single host is understood.
export_pg_connection() {
  local url="$RELAYPOOL_DATABASE_URL" rest hostport query
  [[ "$url" == jdbc:postgresql://* ]] || die "RELAYPOOL_DATABASE_URL must look like jdbc:postgresql://host:port/db, got '$url'"
  rest="${url#jdbc:postgresql://}"
  hostport="${rest%%/*}"
  rest="${rest#*/}"
  query=""
  [[ "$rest" == *\?* ]] && query="${rest#*\?}"
  export PGDATABASE="${rest%%\?*}"
  export PGHOST="${hostport%%:*}"
  export PGPORT=5432
  [[ "$hostport" == *:* ]] && PGPORT="${hostport##*:}"
  [[ "$hostport" == *,* ]] && die "several database hosts in RELAYPOOL_DATABASE_URL are not supported here; pass one"
  [[ -n "${RELAYPOOL_DATABASE_USER:-}" ]] && export PGUSER="$RELAYPOOL_DATABASE_USER"
  [[ -n "${RELAYPOOL_DATABASE_PASSWORD:-}" ]] && export PGPASSWORD="$RELAYPOOL_DATABASE_PASSWORD"
  if [[ "$query" =~ (^|&)sslmode=([a-z-]+) ]]; then export PGSSLMODE="${BASH_REMATCH[2]}"; fi
  return 0
}

# Prints the postmaster.pid of an embedded PostgreSQL that is running under DIR; nothing if none is.
# A pid file whose process is gone is left over from a crash: PostgreSQL recovers from that copy on start.
running_embedded_postgres() {
  local dir="$1" pidfile pid
  [[ -d "$dir" ]] || return 0
  while IFS= read -r pidfile; do
    pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      echo "$pidfile"
      return 0
    fi
  done < <(find "$dir" -maxdepth 4 -name postmaster.pid -type f 2>/dev/null)
}

# --stop-service NAME: stop the relay for the duration of the script, start it again on exit.
stop_service_until_exit() {
  local service="$1" data_dir="$2" i
  command -v systemctl >/dev/null 2>&1 || die "--stop-service needs systemctl"
  say "stopping $service"
  systemctl stop "$service"
  # shellcheck disable=SC2064 # the service name is fixed now, on purpose
  trap "echo '${PROG}: starting $service again'; systemctl start '$service'" EXIT
  for ((i = 0; i < 60; i++)); do
    [[ -z "$(running_embedded_postgres "$data_dir")" ]] && return 0
    sleep 1
  done
  die "the embedded PostgreSQL under $data_dir still runs 60 s after stopping $service"
}
