#!/usr/bin/env bash
# Installs a Relaypool release archive (dist/relaypool-<version>.tar.gz from './relaypool dist') as a systemd
# service, and upgrades, rolls back, removes and reports on it.
#
#   /opt/relaypool/releases/<version>/   unpacked releases (the current one and the previous one are kept)
#   /opt/relaypool/current, previous     symlinks to releases/<version>
#   /opt/relaypool/jdk                   symlink to the JDK 25 the service runs on
#   /etc/relaypool/config.yaml           configuration (created from the example once, never overwritten)
#   /etc/relaypool/relaypool.env         secrets and RELAYPOOL_* overrides (created once, never overwritten)
#   /var/lib/relaypool                   data: embedded PostgreSQL, master.key, usage journal
#   /etc/systemd/system/relaypool.service
set -euo pipefail

REQUIRED_JAVA=25
SERVICE=relaypool
SERVICE_USER=relaypool
APP_DIR=/opt/relaypool
ETC_DIR=/etc/relaypool
DATA_DIR=/var/lib/relaypool
UNIT_FILE=/etc/systemd/system/relaypool.service

ROOT=""          # --root: prefix for every path, for tests and image builds; no useradd, no systemctl
JAVA_HOME_ARG="" # --java-home
PURGE=false

usage() {
  cat <<USAGE
Usage: install.sh [--root DIR] [--java-home DIR] <command> [args]

  install ARCHIVE    first installation of relaypool-<version>.tar.gz; creates the user, config and data
                     directories, the systemd unit, and starts the service
  upgrade ARCHIVE    unpacks a newer (or the same) release, switches to it and restarts the service
  rollback           switches back to the previous release and restarts the service
  uninstall [--purge]  stops and removes the service and the releases; keeps ${ETC_DIR} and ${DATA_DIR}
                     (the database and the master key) unless --purge is given
  status             shows the installed releases, the JDK and the service state

Options:
  --root DIR         treat DIR as the file-system root (no user creation, no systemctl)
  --java-home DIR    the JDK ${REQUIRED_JAVA}+ to run on (default: found under RELAYPOOL_JAVA_HOME, JAVA_HOME,
                     the PATH, /usr/lib/jvm, /opt/java)
USAGE
}

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }
p() { echo "${ROOT}$1"; } # a path under --root

# systemctl, useradd and chown only on the real root file system, and only as root.
SYSTEM_SKIP_REASON=""
decide_system_management() {
  if [[ -n "$ROOT" ]]; then
    SYSTEM_SKIP_REASON="--root is set"
  elif [[ "$(id -u)" -ne 0 ]]; then
    SYSTEM_SKIP_REASON="not running as root"
  fi
}
manages_system() { [[ -z "$SYSTEM_SKIP_REASON" ]]; }
skipped() { say "skipping $* ($SYSTEM_SKIP_REASON)"; }

java_major() { # feature version of the given java binary, or nothing
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')" || true
  echo "${v%%.*}"
}

find_java_home() {
  local candidates=() c v
  if [[ -n "$JAVA_HOME_ARG" ]]; then # asked for one: that one or nothing
    v=""
    [[ -x "$JAVA_HOME_ARG/bin/java" ]] && v="$(java_major "$JAVA_HOME_ARG/bin/java")"
    [[ "$v" =~ ^[0-9]+$ ]] && ((v >= REQUIRED_JAVA)) && { readlink -f "$JAVA_HOME_ARG"; return; }
    die "--java-home $JAVA_HOME_ARG is not a Java ${REQUIRED_JAVA} or newer (found: ${v:-no java}). $(install_java_hint)"
  fi
  [[ -n "${RELAYPOOL_JAVA_HOME:-}" ]] && candidates+=("$RELAYPOOL_JAVA_HOME")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [[ -d "$c" ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" ]] || continue
    v="$(java_major "$c/bin/java")"
    if [[ "$v" =~ ^[0-9]+$ ]] && ((v >= REQUIRED_JAVA)); then
      readlink -f "$c"
      return
    fi
  done
  die "no Java ${REQUIRED_JAVA} or newer found (looked at RELAYPOOL_JAVA_HOME, JAVA_HOME, java on the PATH,
/usr/lib/jvm, /opt/java). $(install_java_hint)"
}

install_java_hint() {
  cat <<HINT
Install one, then run this again, for example:
  Debian/Ubuntu: add the Adoptium apt repository (https://adoptium.net/installation/linux/) and
                 apt-get install temurin-${REQUIRED_JAVA}-jre   (or openjdk-${REQUIRED_JAVA}-jre-headless where your release has it)
  RHEL/Fedora:   dnf install temurin-${REQUIRED_JAVA}-jre (Adoptium repository) or java-${REQUIRED_JAVA}-openjdk-headless
or unpack any JDK ${REQUIRED_JAVA}+ and pass --java-home DIR.
HINT
}

installed() { [[ -L "$(p "$APP_DIR")/current" ]]; }
release_of() { local link; link="$(readlink "$(p "$APP_DIR")/$1" 2>/dev/null)" || return 0; basename "$link"; }

# Points APP_DIR/<name> at releases/<version> atomically (rename over the old link). Relative, so that a tree
# built under --root is valid once moved to /.
set_link() {
  local name="$1" target="$2" app
  app="$(p "$APP_DIR")"
  ln -sfn "$target" "$app/.$name.new"
  mv -Tf "$app/.$name.new" "$app/$name"
}

# Unpacks ARCHIVE into releases/<version>; prints the version.
unpack_release() {
  local archive="$1" app tmp top version
  [[ -f "$archive" ]] || die "no release archive at '$archive' (build one with './relaypool dist')"
  app="$(p "$APP_DIR")"
  mkdir -p "$app/releases"
  tmp="$(mktemp -d "$app/.unpack.XXXXXX")"
  tar -xzf "$archive" -C "$tmp" || { rm -rf "$tmp"; die "cannot unpack $archive"; }
  top="$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  if [[ -z "$top" || ! -f "$top/VERSION" || ! -f "$top/server/target/relaypool-server.jar" ]]; then
    rm -rf "$tmp"
    die "$archive is not a Relaypool release (expected relaypool-<version>/VERSION and server/target/relaypool-server.jar)"
  fi
  version="$(tr -d '[:space:]' <"$top/VERSION")"
  [[ "$version" =~ ^[0-9A-Za-z._+-]+$ ]] || { rm -rf "$tmp"; die "$archive has an invalid VERSION '$version'"; }
  if [[ -e "$app/releases/$version" ]]; then # reinstalling a version: swap the directory, keep no mix of both
    mv "$app/releases/$version" "$tmp/replaced"
  fi
  mv "$top" "$app/releases/$version"
  rm -rf "$tmp"
  echo "$version"
}

ensure_user() {
  if ! manages_system; then skipped "creating the system user '$SERVICE_USER'"; return; fi
  if id -u "$SERVICE_USER" >/dev/null 2>&1; then return; fi
  useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  say "created system user '$SERVICE_USER'"
}

own() { # owner:group path...
  local owner="$1"; shift
  manages_system && chown "$owner" "$@"
  return 0
}

ensure_config_and_data() {
  local etc data release="$1"
  etc="$(p "$ETC_DIR")"
  data="$(p "$DATA_DIR")"
  mkdir -p "$etc" "$data"
  chmod 0750 "$etc" "$data"
  own "root:$SERVICE_USER" "$etc"
  own "$SERVICE_USER:$SERVICE_USER" "$data"
  if [[ ! -e "$etc/config.yaml" ]]; then
    install -m 0640 "$release/deploy/config.example.yaml" "$etc/config.yaml"
    own "root:$SERVICE_USER" "$etc/config.yaml"
    say "wrote $ETC_DIR/config.yaml (every option at its default; edit it, then: systemctl restart $SERVICE)"
  fi
  if [[ ! -e "$etc/relaypool.env" ]]; then
    install -m 0640 "$release/deploy/relaypool.env.example" "$etc/relaypool.env"
    own "root:$SERVICE_USER" "$etc/relaypool.env"
    say "wrote $ETC_DIR/relaypool.env (secrets and overrides)"
  fi
}

install_unit() {
  local release="$1" unit
  unit="$(p "$UNIT_FILE")"
  mkdir -p "$(dirname "$unit")"
  install -m 0644 "$release/deploy/relaypool.service" "$unit"
}

systemctl_do() {
  if ! manages_system; then skipped "systemctl $*"; return; fi
  systemctl "$@"
}

# Keeps the current and the previous release; older ones go.
prune_releases() {
  local app keep_current keep_previous dir name
  app="$(p "$APP_DIR")"
  keep_current="$(release_of current)"
  keep_previous="$(release_of previous)"
  for dir in "$app"/releases/*; do
    [[ -d "$dir" ]] || continue
    name="$(basename "$dir")"
    if [[ "$name" != "$keep_current" && "$name" != "$keep_previous" ]]; then
      rm -rf "$dir"
      say "removed old release $name"
    fi
  done
}

activate() { # version: makes it current, remembering the one before as previous
  local version="$1" before app java_home
  app="$(p "$APP_DIR")"
  before="$(release_of current)"
  java_home="$(find_java_home)"
  ln -sfn "$java_home" "$app/.jdk.new" && mv -Tf "$app/.jdk.new" "$app/jdk"
  if [[ -n "$before" && "$before" != "$version" ]]; then
    set_link previous "releases/$before"
  fi
  set_link current "releases/$version"
  ensure_config_and_data "$app/releases/$version"
  install_unit "$app/releases/$version"
  say "current release: $version (was: ${before:-none}); Java: $java_home"
}

cmd_install() {
  local archive="${1:-}" version
  [[ -n "$archive" ]] || die "install needs the release archive: install.sh install dist/relaypool-<version>.tar.gz"
  installed && die "Relaypool is already installed ($(release_of current)); use 'install.sh upgrade ARCHIVE'"
  find_java_home >/dev/null # fail before touching anything
  ensure_user
  version="$(unpack_release "$archive")"
  activate "$version"
  systemctl_do daemon-reload
  systemctl_do enable --now "$SERVICE"
  say "installed $version. Next: edit $ETC_DIR/config.yaml, then 'systemctl restart $SERVICE'; the admin password is in 'journalctl -u $SERVICE'"
}

cmd_upgrade() {
  local archive="${1:-}" version
  [[ -n "$archive" ]] || die "upgrade needs the release archive: install.sh upgrade dist/relaypool-<version>.tar.gz"
  installed || die "Relaypool is not installed here; use 'install.sh install ARCHIVE'"
  find_java_home >/dev/null
  ensure_user
  version="$(unpack_release "$archive")"
  activate "$version"
  prune_releases
  systemctl_do daemon-reload
  systemctl_do restart "$SERVICE"
  say "upgraded to $version; if it misbehaves: install.sh rollback"
}

cmd_rollback() {
  local current previous app
  installed || die "Relaypool is not installed here"
  app="$(p "$APP_DIR")"
  current="$(release_of current)"
  previous="$(release_of previous)"
  [[ -n "$previous" && -d "$app/releases/$previous" ]] || die "no previous release to roll back to (current: $current)"
  set_link current "releases/$previous"
  set_link previous "releases/$current"
  install_unit "$app/releases/$previous"
  systemctl_do daemon-reload
  systemctl_do restart "$SERVICE"
  say "rolled back from $current to $previous ('install.sh rollback' again returns to $current)"
}

cmd_uninstall() {
  systemctl_do disable --now "$SERVICE"
  rm -f "$(p "$UNIT_FILE")"
  systemctl_do daemon-reload
  rm -rf "$(p "$APP_DIR")"
  if [[ "$PURGE" == true ]]; then
    rm -rf "$(p "$ETC_DIR")" "$(p "$DATA_DIR")"
    if manages_system && id -u "$SERVICE_USER" >/dev/null 2>&1; then
      userdel "$SERVICE_USER" || true
    fi
    say "removed Relaypool, its configuration and its data (--purge)"
  else
    say "removed Relaypool; kept $ETC_DIR and $DATA_DIR (database, master.key). Remove them with: install.sh uninstall --purge"
  fi
}

cmd_status() {
  local app dir name
  app="$(p "$APP_DIR")"
  if ! installed; then echo "Relaypool: not installed under $(p /)"; return 0; fi
  echo "current:  $(release_of current)"
  echo "previous: $(release_of previous)"
  echo "releases:"
  for dir in "$app"/releases/*; do
    [[ -d "$dir" ]] && name="$(basename "$dir")" && echo "  $name"
  done
  echo "java:     $(readlink "$app/jdk" 2>/dev/null || echo missing)"
  echo "config:   $ETC_DIR/config.yaml, $ETC_DIR/relaypool.env"
  echo "data:     $DATA_DIR"
  if manages_system; then
    echo "service:  $(systemctl is-active "$SERVICE" 2>/dev/null || true) ($(systemctl is-enabled "$SERVICE" 2>/dev/null || true))"
  else
    echo "service:  unknown ($SYSTEM_SKIP_REASON)"
  fi
}

main() {
  local args=()
  while (($#)); do
    case "$1" in
      --root) [[ $# -ge 2 ]] || die "--root needs a directory"; ROOT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
      --java-home) [[ $# -ge 2 ]] || die "--java-home needs a directory"; JAVA_HOME_ARG="$2"; shift 2 ;;
      --purge) PURGE=true; shift ;;
      -h|--help) usage; exit 0 ;;
      -*) usage >&2; die "unknown option '$1'" ;;
      *) args+=("$1"); shift ;;
    esac
  done
  [[ ${#args[@]} -ge 1 ]] || { usage >&2; exit 2; }
  decide_system_management
  local cmd="${args[0]}"
  case "$cmd" in
    install) cmd_install "${args[@]:1}" ;;
    upgrade) cmd_upgrade "${args[@]:1}" ;;
    rollback) cmd_rollback ;;
    uninstall) cmd_uninstall ;;
    status) cmd_status ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
