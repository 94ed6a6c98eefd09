#!/usr/bin/env bash
# Power use of an idle till: the window runs 11 s under Xvfb with no input, then gets SIGTERM and
# prints its --timing summary. Reports frames per second and CPU after the first second (start-up
# excluded) and CPU over the whole run. Builds nothing: give the build directory (default
# build/default). Figures are printed, not asserted. "Frames" are frames rendered and swapped; the
# loop also builds one ImGui frame a second for the clock and skips it when it draws the same pixels.
#
#   bench/ui_power.sh [BUILD_DIR]
#
# Environment:
#   CAISSE_UI_IDLE_SECONDS   how long the till is left alone (default: 11)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build/default}" && pwd)
IDLE=${CAISSE_UI_IDLE_SECONDS:-11}
caisse=$BUILD/caisse
[[ -x $caisse ]] || { echo "ui_power: $caisse is missing: build the caisse target first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "ui_power: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$caisse" init --db "$work/l.db" --demo >/dev/null
echo "== $caisse --db <fresh demo ledger> --timing, left alone ${IDLE} s under Xvfb, then SIGTERM"

# The signal goes to caisse itself (not to xvfb-run, which would take the X server away first).
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" --db "$2" --timing 2>"$3" >/dev/null &
  pid=$!
  sleep "$4"
  kill -TERM "$pid"
  wait "$pid"
' _ "$caisse" "$work/l.db" "$work/err" "$IDLE" || { cat "$work/err" >&2; echo "ui_power: caisse did not exit cleanly" >&2; exit 1; }
cat "$work/err"

field() { sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" "$work/err" | head -1; }
frames=$(field frames) seconds=$(field seconds) cpu=$(field cpu_ms)
frames1=$(field frames_after_1s) seconds1=$(field seconds_after_1s) cpu1=$(field cpu_ms_after_1s)
built1=$(field unchanged_after_1s)
[[ -n $frames && -n $frames1 ]] || { echo "ui_power: no --timing summary" >&2; exit 1; }
read -r fps idle_cpu run_cpu < <(awk -v f="$frames1" -v s="$seconds1" -v c1="$cpu1" -v c="$cpu" -v t="$seconds" \
  'BEGIN { printf "%.2f %.2f %.2f\n", (s > 0 ? f / s : 0), (s > 0 ? c1 / (10 * s) : 0), (t > 0 ? c / (10 * t) : 0) }')
echo
echo "frames drawn after the first second: $frames1 in ${seconds1} s = $fps frames/s   (target <= 2)"
echo "  (and ${built1:-0} frames built for the clock but identical to the screen, so neither rendered nor swapped)"
echo "CPU after the first second: ${cpu1} ms in ${seconds1} s = ${idle_cpu} %   (target <= 1 %)"
echo "CPU over the whole run, start-up included: ${cpu} ms in ${seconds} s = ${run_cpu} %   ($frames frames)"
printf 'SUMMARY\tidle till window, Xvfb, %s s without input: frames drawn after the first second\t%s frames/s\t<= 2 frames/s\t\t%s\n' \
  "$IDLE" "$fps" "$(awk -v v="$fps" 'BEGIN { print (v <= 2 ? "met" : "MISSED") }')"
printf 'SUMMARY\tidle till window: CPU after the first second\t%s %%\t<= 1 %%\twhole run, start-up included: %s %%\t%s\n' \
  "$idle_cpu" "$run_cpu" "$(awk -v v="$idle_cpu" 'BEGIN { print (v <= 1 ? "met" : "MISSED") }')"
