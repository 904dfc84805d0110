#!/usr/bin/env bash
# Puts a backup.sh archive back: the data directory (with master.key and, if embedded, the database), the
# configuration directory, and the external database from database.dump. Nothing is deleted: whatever is
# replaced is moved aside to <path>.before-restore-<time>. The relay must be stopped. See docs/backup.md.
set -euo pipefail
PROG=restore.sh
# shellcheck source=backup-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/backup-lib.sh"

usage() {
  cat <<USAGE
Usage: restore.sh ARCHIVE [--data-dir DIR] [--config-dir DIR|none] [--env-file FILE] [--force] [--stop-service NAME]

  --data-dir DIR       where the data directory goes (default: RELAYPOOL_DATA_DIR, else /var/lib/relaypool)
  --config-dir DIR     where the configuration goes (default: /etc/relaypool); none = leave configuration alone
  --env-file FILE      RELAYPOOL_DATABASE_* for the database restore (default: the restored relaypool.env)
  --force              replace a data directory that is not empty (it is moved aside, not deleted)
  --stop-service NAME  stop this systemd service during the restore, start it after
USAGE
}

ARCHIVE="" DATA_DIR="" CONFIG_DIR="/etc/relaypool" ENV_FILE="" FORCE=false STOP_SERVICE=""
while (($#)); do
  case "$1" in
    --data-dir) DATA_DIR="${2:?--data-dir needs a directory}"; shift 2 ;;
    --config-dir) CONFIG_DIR="${2:?--config-dir needs a directory}"; shift 2 ;;
    --env-file) ENV_FILE="${2:?--env-file needs a file}"; shift 2 ;;
    --force) FORCE=true; shift ;;
    --stop-service) STOP_SERVICE="${2:?--stop-service needs a unit name}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) [[ -z "$ARCHIVE" ]] || die "one archive only"; ARCHIVE="$1"; shift ;;
  esac
done
[[ -n "$ARCHIVE" ]] || { usage >&2; exit 2; }
[[ -f "$ARCHIVE" ]] || die "no archive at $ARCHIVE"
[[ "$CONFIG_DIR" == none ]] && CONFIG_DIR=""
[[ -z "$DATA_DIR" ]] && DATA_DIR="${RELAYPOOL_DATA_DIR:-/var/lib/relaypool}"
DATA_DIR="${DATA_DIR%/}"

# Unpack next to the data directory, so that moving it into place is a rename.
PARENT="$(dirname "$DATA_DIR")"
mkdir -p "$PARENT"
umask 077
WORK="$(mktemp -d "$PARENT/.relaypool-restore.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xzf "$ARCHIVE" || die "cannot unpack $ARCHIVE"
[[ -f "$WORK/MANIFEST" && -d "$WORK/data" ]] || die "$ARCHIVE is not a Relaypool backup (no MANIFEST or data/)"
DB_MODE="$(sed -n 's/^database=//p' "$WORK/MANIFEST")"

if [[ -z "$ENV_FILE" && -f "$WORK/config/relaypool.env" ]]; then ENV_FILE="$WORK/config/relaypool.env"; fi
[[ -n "$ENV_FILE" ]] && load_env_file "$ENV_FILE"

# Check everything before changing anything.
if [[ "$DB_MODE" == external ]]; then
  [[ -f "$WORK/database.dump" ]] || die "$ARCHIVE says database=external but holds no database.dump"
  [[ -n "${RELAYPOOL_DATABASE_URL:-}" ]] || die "the backup holds an external database: set RELAYPOOL_DATABASE_URL (and _USER, _PASSWORD) or pass --env-file"
  command -v pg_restore >/dev/null 2>&1 || die "pg_restore not found; install the PostgreSQL client (apt-get install postgresql-client-17)"
  export_pg_connection
fi
if [[ -d "$DATA_DIR" && -n "$(ls -A "$DATA_DIR")" && "$FORCE" != true ]]; then
  die "$DATA_DIR is not empty; pass --force to replace it (it is moved aside, not deleted)"
fi
if [[ -n "$STOP_SERVICE" ]]; then
  stop_service_until_exit "$STOP_SERVICE" "$DATA_DIR"
  # shellcheck disable=SC2064 # stop_service_until_exit replaced the clean-up trap: put both back
  trap "rm -rf '$WORK'; echo '${PROG}: starting $STOP_SERVICE again'; systemctl start '$STOP_SERVICE'" EXIT
fi
running="$(running_embedded_postgres "$DATA_DIR")"
[[ -z "$running" ]] || die "the relay's embedded PostgreSQL is running ($running); stop the relay first"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
if [[ -d "$DATA_DIR" ]]; then
  if [[ -n "$(ls -A "$DATA_DIR")" ]]; then
    mv "$DATA_DIR" "$DATA_DIR.before-restore-$STAMP"
    say "moved the old data directory to $DATA_DIR.before-restore-$STAMP"
  else
    rmdir "$DATA_DIR"
  fi
fi
mv "$WORK/data" "$DATA_DIR"
say "restored the data directory to $DATA_DIR"

if [[ -n "$CONFIG_DIR" && -d "$WORK/config" ]]; then
  mkdir -p "$CONFIG_DIR"
  for f in "$WORK"/config/* "$WORK"/config/.[!.]*; do
    [[ -e "$f" ]] || continue
    target="$CONFIG_DIR/$(basename "$f")"
    if [[ -e "$target" ]] && ! cmp -s "$f" "$target"; then
      mv "$target" "$target.before-restore-$STAMP"
      say "kept the old $target as $target.before-restore-$STAMP"
    fi
    cp -a "$f" "$target"
  done
  say "restored the configuration to $CONFIG_DIR"
fi

if [[ "$DB_MODE" == external ]]; then
  say "restoring database $PGDATABASE on $PGHOST:$PGPORT (objects in the dump are replaced)"
  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$PGDATABASE" "$WORK/database.dump"
fi
say "done; start the relay again (systemctl start relaypool, or docker compose up -d)"
