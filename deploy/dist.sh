#!/usr/bin/env bash
# Packs an already built source tree into dist/relaypool-<version>.tar.gz, the archive install.sh consumes.
# Usage: deploy/dist.sh [SOURCE_ROOT] [OUTPUT_DIR]   (called by './relaypool dist' after the build)
#
# The archive keeps the build layout (server/target/..., desktop-admin/target/...) so that the 'relaypool'
# launcher inside it runs the server and the desktop app unchanged, without rebuilding anything.
set -euo pipefail

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
OUT="${2:-$ROOT/dist}"

die() { echo "dist: $*" >&2; exit 1; }

# The first <version> of the parent pom is the project version (the parent pom has no <parent> of its own).
VERSION="$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
[[ "$VERSION" =~ ^[0-9A-Za-z._+-]+$ ]] || die "could not read the project version from $ROOT/pom.xml"

require() { [[ -e "$ROOT/$1" ]] || die "missing $1; build first ('./relaypool dist' builds, './relaypool build' too)"; }
require server/target/relaypool-server.jar
require server/target/lib
require desktop-admin/target/relaypool-desktop.jar
require desktop-admin/target/lib
require relaypool

NAME="relaypool-$VERSION"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
TOP="$STAGE/$NAME"
mkdir -p "$TOP/server/target" "$TOP/desktop-admin/target" "$TOP/deploy"

cp -p "$ROOT/server/target/relaypool-server.jar" "$TOP/server/target/"
cp -pR "$ROOT/server/target/lib" "$TOP/server/target/lib"
cp -p "$ROOT/desktop-admin/target/relaypool-desktop.jar" "$TOP/desktop-admin/target/"
cp -pR "$ROOT/desktop-admin/target/lib" "$TOP/desktop-admin/target/lib"
cp -p "$ROOT/relaypool" "$TOP/relaypool"
# Deployment files only: the module's build file, tests, build output and local Compose volumes stay behind.
for f in "$ROOT"/deploy/* "$ROOT"/deploy/.env.example; do
  [[ -e "$f" ]] || continue
  case "$(basename "$f")" in pom.xml|src|target|volumes) continue ;; esac
  cp -pR "$f" "$TOP/deploy/"
done
[[ -f "$ROOT/README.md" ]] && cp -p "$ROOT/README.md" "$TOP/"
[[ -d "$ROOT/docs" ]] && cp -pR "$ROOT/docs" "$TOP/docs"
echo "$VERSION" >"$TOP/VERSION"

mkdir -p "$OUT"
ARCHIVE="$OUT/$NAME.tar.gz"
tar -C "$STAGE" -czf "$ARCHIVE.tmp" "$NAME"
mv -f "$ARCHIVE.tmp" "$ARCHIVE"
echo "$ARCHIVE"
