#!/usr/bin/env bash
# Writes one timestamped archive holding everything needed to bring a Relaypool back:
#   MANIFEST        when, from where, which database mode
#   data/           the data directory: master.key, usage journal, and the embedded PostgreSQL if used
#   config/         the configuration directory (config.yaml, relaypool.env: may hold the master key)
#   database.dump   pg_dump --format=custom of the external PostgreSQL (only when database.url is set)
# The archive holds the master key and secrets: it is written with mode 0600; keep it somewhere safe.
# See docs/backup.md.
set -euo pipefail
PROG=backup.sh
# shellcheck source=backup-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/backup-lib.sh"

usage() {
  cat <<USAGE
Usage: backup.sh [--data-dir DIR] [--config-dir DIR|none] [--env-file FILE] [--out DIR] [--stop-service NAME]

  --data-dir DIR       data directory (default: RELAYPOOL_DATA_DIR, else /var/lib/relaypool)
  --config-dir DIR     configuration directory to include (default: /etc/relaypool when present); none = skip
  --env-file FILE      RELAYPOOL_* settings (default: <config-dir>/relaypool.env when present)
  --out DIR            where the archive goes (default: the current directory)
  --stop-service NAME  with the embedded PostgreSQL: stop this systemd service during the copy, start it after

External PostgreSQL (RELAYPOOL_DATABASE_URL set): pg_dump runs against it while the relay keeps serving.
Embedded PostgreSQL: the relay must be stopped (the files of a running database are not a backup).
USAGE
}

DATA_DIR="" CONFIG_DIR="" ENV_FILE="" OUT="." STOP_SERVICE=""
while (($#)); do
  case "$1" in
    --data-dir) DATA_DIR="${2:?--data-dir needs a directory}"; shift 2 ;;
    --config-dir) CONFIG_DIR="${2:?--config-dir needs a directory}"; shift 2 ;;
    --env-file) ENV_FILE="${2:?--env-file needs a file}"; shift 2 ;;
    --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
    --stop-service) STOP_SERVICE="${2:?--stop-service needs a unit name}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

[[ -z "$CONFIG_DIR" && -d /etc/relaypool ]] && CONFIG_DIR=/etc/relaypool
[[ "$CONFIG_DIR" == none ]] && CONFIG_DIR=""
[[ -z "$ENV_FILE" && -n "$CONFIG_DIR" ]] && ENV_FILE="$CONFIG_DIR/relaypool.env"
[[ -n "$ENV_FILE" ]] && load_env_file "$ENV_FILE"
[[ -z "$DATA_DIR" ]] && DATA_DIR="${RELAYPOOL_DATA_DIR:-/var/lib/relaypool}"
[[ -d "$DATA_DIR" ]] || die "no data directory at $DATA_DIR (pass --data-dir)"
[[ -z "$CONFIG_DIR" || -d "$CONFIG_DIR" ]] || die "no configuration directory at $CONFIG_DIR"

DB_MODE=embedded
[[ -n "${RELAYPOOL_DATABASE_URL:-}" ]] && DB_MODE=external

if [[ "$DB_MODE" == external ]]; then
  command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found; install the PostgreSQL client of the server's major version or newer (apt-get install postgresql-client-17)"
  export_pg_connection
elif [[ -n "$STOP_SERVICE" ]]; then
  stop_service_until_exit "$STOP_SERVICE" "$DATA_DIR"
else
  running="$(running_embedded_postgres "$DATA_DIR")"
  [[ -z "$running" ]] || die "the embedded PostgreSQL is running ($running). Stop the relay first
(systemctl stop relaypool, or docker compose stop relay) or pass --stop-service relaypool."
fi

umask 077
mkdir -p "$OUT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
NAME="relaypool-backup-$STAMP"
STAGE="$(mktemp -d "$OUT/.$NAME.XXXXXX")"
cleanup_stage() { rm -rf "$STAGE"; }
trap 'cleanup_stage' ERR INT TERM

# Hard links where possible: instant and no extra space; a copy otherwise (another file system).
cp -al "$DATA_DIR" "$STAGE/data" 2>/dev/null || { rm -rf "$STAGE/data"; cp -a "$DATA_DIR" "$STAGE/data"; }
[[ -n "$CONFIG_DIR" ]] && cp -a "$CONFIG_DIR" "$STAGE/config"
if [[ "$DB_MODE" == external ]]; then
  say "dumping database $PGDATABASE on $PGHOST:$PGPORT"
  pg_dump --format=custom --no-owner --file="$STAGE/database.dump"
fi
{
  echo "created=$STAMP"
  echo "host=$(hostname)"
  echo "data_dir=$DATA_DIR"
  echo "config_dir=$CONFIG_DIR"
  echo "database=$DB_MODE"
  echo "master_key_file=$([[ -f "$DATA_DIR/master.key" ]] && echo present || echo absent)"
} >"$STAGE/MANIFEST"

ARCHIVE="$OUT/$NAME.tar.gz"
tar -C "$STAGE" -czf "$ARCHIVE.part" .
chmod 0600 "$ARCHIVE.part"
mv -f "$ARCHIVE.part" "$ARCHIVE"
cleanup_stage
if [[ ! -f "$DATA_DIR/master.key" ]]; then
  say "WARNING: no master.key in $DATA_DIR: the master key is in this archive only if it is in the configuration
directory (relaypool.env). Keep your own copy of RELAYPOOL_SECURITY_MASTER_KEY safe (for Docker: deploy/.env)."
fi
echo "$ARCHIVE"
