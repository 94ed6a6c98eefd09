#!/usr/bin/env bash
# Without a display, "starting the till" runs a short scripted day through the CLI on a ledger of its
# own with the demo catalogue (build/demo-script.db, made afresh each run, so the demo ledger of the
# window never gets scripted tickets): open with a counted float, sales, the day report, the Z, verify.
# Environment: CAISSE_DB, another ledger (kept); CAISSE_BIN, the caisse to run (default build/default).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
caisse="${CAISSE_BIN:-$here/build/default/caisse}"
db="${CAISSE_DB:-$here/build/demo-script.db}"
mkdir -p "$(dirname "$db")"
if [ -z "${CAISSE_DB:-}" ]; then
  rm -f "$db" "$db".head "$db".key "$db".credentials "$db".parked "$db"-wal "$db"-shm
fi
if [ ! -e "$db" ]; then
  "$caisse" init --db "$db" --terminal COMPTOIR-1 --demo
fi
# A count of exactly CENTS, largest notes first ("50x2,0.5x1"), as the coordinator would type it.
count_of() {
  local c=$1 out="" d n
  for d in 50000 20000 10000 5000 2000 1000 500 200 100 50 20 10 5 2 1; do
    n=$((c / d)); c=$((c % d))
    [ "$n" -gt 0 ] && out="$out${out:+,}$(awk -v d="$d" 'BEGIN { printf "%g", d / 100 }')x$n"
  done
  echo "${out:-1x0}"
}
# Closes the open session with a count equal to what the drawer should hold (the Z).
close_day() {
  local x cash card voucher
  x=$("$caisse" session x --db "$db" --json 2>/dev/null) || return 0
  cash=$(printf '%s' "$x" | sed -n 's/^  "expected_cash": \([0-9]*\).*/\1/p')
  card=$(printf '%s' "$x" | sed -n 's/^    "card": \([0-9]*\).*/\1/p'); card=${card:-0}
  voucher=$(printf '%s' "$x" | sed -n 's/^    "voucher": \([0-9]*\).*/\1/p'); voucher=${voucher:-0}
  echo "+ caisse close (the drawer holds what it should)"
  "$caisse" close --db "$db" --user Karim --pin 2345 --count "$(count_of "$cash")" --card "$((card / 100)).$(printf '%02d' $((card % 100)))" \
    --voucher "$((voucher / 100)).$(printf '%02d' $((voucher % 100)))"
  echo
}
# A session left open by an earlier run (maybe yesterday's) is closed first: a day is one session.
close_day
"$caisse" session open --db "$db" --user Karim --pin 2345 --count "20x5,10x4,1x10"
sell() { echo "+ caisse sell $*"; "$caisse" sell --db "$db" "$@"; echo; }
sell --user Lucie --pin 1111 --item MAFE --item BISSAP --pay cash:20
sell --user Lucie --pin 1111 --item TAJINE*2 --item CORNE --item EAU*2 --pay card
sell --user Mei --pin 2222 --item BOBUN --item NEMS --item CAFE --discount 10% --manager Karim --manager-pin 2345 --pay voucher:9 --pay cash
sell --user Mei --pin 2222 --item CEVI --item BIERE*2 --pay cheque
sell --user Lucie --pin 1111 --item PLATJ@8,50 --item CHICHA --pay transfer
sell --user Lucie --pin 1111 --item ECHARPE --item SAC-WAX --pay card
# Receipts are printed when the customer asks (French law since August 2023): the first USB
# printer found, else the on-screen printer. The drawer pulse needs a real printer.
last=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item COUSC --item EAU --pay cash:20 --json | sed -n 's/.*"ticket": \([0-9]*\).*/\1/p')
echo "+ caisse receipt --ticket $last --printer auto"
"$caisse" receipt --db "$db" --ticket "$last" --printer auto || echo "(the receipt was not printed; the sale is kept)"
echo
echo "+ caisse report day"
"$caisse" report day --db "$db"
echo
close_day
echo "+ caisse verify"
"$caisse" verify --db "$db"
