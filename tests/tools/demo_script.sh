#!/usr/bin/env bash
# The first README command without a display (issue 12 item 15): tools/demo.sh runs its scripted day
# on a ledger of its own, made afresh each run, never on the window's demo ledger, and installs
# nothing outside the source tree (no udev rule).
#   demo_script.sh CAISSE SOURCE_DIR
set -euo pipefail
caisse=$1 src=$2
fail() { echo "FAIL: $*"; exit 1; }
demo_db="$src/demo/caisse-demo.db"
before=$( [ -e "$demo_db" ] && stat -c %Y-%s "$demo_db" || echo absent)
udev=/etc/udev/rules.d/60-caisse-commune-printers.rules
udev_before=$( [ -e "$udev" ] && echo present || echo absent)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
db="$src/build/demo-script.db"
sales=()
for run in 1 2; do
  env -u DISPLAY -u WAYLAND_DISPLAY CAISSE_BIN="$caisse" bash "$src/tools/demo.sh" > "$out/run$run.txt" 2>&1 ||
    { cat "$out/run$run.txt"; fail "demo.sh run $run exited non-zero"; }
  [ -e "$db" ] || fail "demo.sh left no $db"
  "$caisse" verify --db "$db" > /dev/null || fail "verify of $db after run $run"
  sales+=("$(sqlite3 "$db" "SELECT COUNT(*) FROM sales")")
done
# Made afresh: the second run's ledger holds one run of tickets, not two.
[ "${sales[0]}" -gt 0 ] || fail "the scripted day sold nothing"
[ "${sales[1]}" -eq "${sales[0]}" ] || fail "the script's ledger holds ${sales[1]} sales after two runs, ${sales[0]} after one"
sales=${sales[1]}
after=$( [ -e "$demo_db" ] && stat -c %Y-%s "$demo_db" || echo absent)
[ "$before" = "$after" ] || fail "demo.sh touched the window's demo ledger $demo_db"
udev_after=$( [ -e "$udev" ] && echo present || echo absent)
[ "$udev_before" = "$udev_after" ] || fail "demo.sh installed $udev"
grep -q "install-udev-rule" "$out/run1.txt" && fail "demo.sh ran the udev installer"
echo "demo_script: ok ($sales sales, demo ledger untouched, nothing installed)"
