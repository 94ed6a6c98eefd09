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

# The same, idle on the sell screen: the demo's tiles show pictures and pictograms (issue 12 item 8),
# decoded on their own thread, so the loop must fall asleep again once they are shown. A session is
# opened by the CLI; the window is signed in by xdotool tapping the 1280x800 layout (Lucie's tile,
# "1" four times, "Se connecter"); CPU is read from /proc over the idle seconds after 3 s to settle.
# Skipped, saying so, without xdotool.
if ! command -v xdotool >/dev/null; then
  echo "ui_power: xdotool is missing: the sell-screen idle figure is skipped (apt-get install xdotool)"
  exit 0
fi
"$caisse" session open --db "$work/l.db" --user Karim --pin 2345 --float 150,00 >/dev/null
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" --db "$2" --size 1280x800 2>/dev/null >/dev/null &
  pid=$!
  sleep 3
  xdotool mousemove 530 190 click 1; sleep 0.5
  for i in 1 2 3 4; do xdotool mousemove 995 452 click 1; sleep 0.3; done
  xdotool mousemove 1100 632 click 1; sleep 3
  xdotool mousemove 1279 799
  command -v import >/dev/null && import -window root "$4/sell.png"
  t0=$(awk "{print \$14 + \$15}" /proc/$pid/stat)
  sleep "$3"
  t1=$(awk "{print \$14 + \$15}" /proc/$pid/stat)
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$t0 $t1 $(getconf CLK_TCK)" >"$4/sell_ticks"
' _ "$caisse" "$work/l.db" "$IDLE" "$work"
read -r t0 t1 hz <"$work/sell_ticks"
sell_cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$IDLE" 'BEGIN { printf "%.2f", 100 * (b - a) / hz / s }')
[[ -f $work/sell.png ]] && cp "$work/sell.png" "$BUILD/ui_power_sell.png" && echo "the sell screen it idled on: $BUILD/ui_power_sell.png"
echo "CPU idle on the sell screen (pictures shown) over ${IDLE} s: $((t1 - t0)) ticks of 1/$hz s = ${sell_cpu} %   (target <= 1 %)"
printf 'SUMMARY\tidle till window on the sell screen with pictures, Xvfb, %s s without input: CPU\t%s %%\t<= 1 %%\t\t%s\n' \
  "$IDLE" "$sell_cpu" "$(awk -v v="$sell_cpu" 'BEGIN { print (v <= 1 ? "met" : "MISSED") }')"
