#!/usr/bin/env bash
# Builds a self-contained app image of the desktop admin app with the JDK's jpackage (called by
# `./relaypool desktop-package`, which builds the jar first). Output: desktop-admin/target/dist/Relaypool/.
# Extra arguments go to jpackage, e.g. `--type deb` for an installer (needs fakeroot and dpkg-deb).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
JPACKAGE="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\)[^<]*</version>.*:\1:p' "$HERE/../pom.xml" | head -1)"

[[ -f "$TARGET/relaypool-desktop.jar" ]] || { echo "desktop-package: build first (./relaypool build)" >&2; exit 1; }
rm -rf "$TARGET/jpackage-input" "$TARGET/dist"
mkdir -p "$TARGET/jpackage-input" "$TARGET/dist"
cp "$TARGET/relaypool-desktop.jar" "$TARGET/jpackage-input/"
# the platform-specific JavaFX jars carry the classes; the empty "javafx-*-25.jar" ones are not needed
find "$TARGET/lib" -name '*.jar' ! -regex '.*/javafx-[a-z]+-[0-9.]+\.jar' -exec cp {} "$TARGET/jpackage-input/" \;

TYPE=(--type app-image)
[[ " $* " == *" --type "* ]] && TYPE=()
"$JPACKAGE" "${TYPE[@]}" \
  --name Relaypool \
  --app-version "${VERSION:-0.1.0}" \
  --vendor "Relaypool" \
  --description "Relaypool admin" \
  --input "$TARGET/jpackage-input" \
  --main-jar relaypool-desktop.jar \
  --main-class dev.relaypool.desktop.DesktopMain \
  --java-options "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" \
  --dest "$TARGET/dist" \
  "$@"
echo "desktop-package: app image in $TARGET/dist/Relaypool (start bin/Relaypool)"
