#!/usr/bin/env bash
# Builds caisse (default preset) and starts the till: the touch screen on the demo ledger when there
# is a display, else the scripted CLI service of tools/demo.sh. Extra arguments go to the window
# (e.g. --fullscreen, --size 1920x1080, --lang en).
#   bash tools/run.sh [WINDOW OPTIONS...]
# Environment: CAISSE_DB, the ledger (default: demo/caisse-demo.db, created with the demo catalogue);
# CAISSE_BUILD_DIR, where to build the window (default: build/default, the preset's).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="${CAISSE_BUILD_DIR:-$here/build/default}"
caisse="$build/caisse"
cd "$here"
if [ ! -f "$build/build.ninja" ]; then
  cmake --preset default -B "$build" >/dev/null
fi
cmake --build "$build" --target caisse

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display (neither DISPLAY nor WAYLAND_DISPLAY is set): running the scripted CLI service of tools/demo.sh instead"
  exec bash "$here/tools/demo.sh"
fi

# Nothing is written outside the source tree: the udev rule for USB printers is installed on request
# (sudo bash tools/install-udev-rule.sh); say so when a printer is plugged in but cannot be opened.
"$caisse" printers --json 2>/dev/null | grep -q '"problem": "permission denied' &&
  echo "run: a USB receipt printer is plugged in but cannot be opened: sudo bash tools/install-udev-rule.sh (once)"
db="${CAISSE_DB:-$here/demo/caisse-demo.db}"
mkdir -p "$(dirname "$db")"
if [ ! -e "$db" ]; then
  "$caisse" init --db "$db" --terminal COMPTOIR-1 --demo
fi
exec "$caisse" --db "$db" "$@"
