#!/usr/bin/env bash
# Until the touch screen lands, "starting the till" runs a short scripted service through the CLI
# on a local ledger with the demo catalogue, then prints the day report and checks the ledger.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
caisse="$here/build/default/caisse"
bash "$here/tools/install-udev-rule.sh" || true  # USB receipt printers without root
db="${CAISSE_DB:-$here/demo/caisse-demo.db}"
mkdir -p "$(dirname "$db")"
if [ ! -e "$db" ]; then
  "$caisse" init --db "$db" --terminal COMPTOIR-1 --demo
fi
"$caisse" session open --db "$db" --user Lucie --float 150,00 2>/dev/null || echo "(session already open)"
sell() { echo "+ caisse sell $*"; "$caisse" sell --db "$db" "$@"; echo; }
sell --user Lucie --item MAFE --item BISSAP --pay cash:20
sell --user Lucie --item TAJINE*2 --item CORNE --item EAU*2 --pay card
sell --user Mei --item BOBUN --item NEMS --item CAFE --discount 10% --pay voucher:9 --pay cash
sell --user Mei --item CEVI --item BIERE*2 --pay cheque
sell --user Lucie --item PLATJ@8,50 --item CHICHA --pay transfer
sell --user Lucie --item ECHARPE --item SAC-WAX --pay card
# Receipts are printed when the customer asks (French law since August 2023): the first USB
# printer found, else the on-screen printer. The drawer pulse needs a real printer.
last=$("$caisse" sell --db "$db" --user Lucie --item COUSC --item EAU --pay cash:20 --json | sed -n 's/.*"ticket": \([0-9]*\).*/\1/p')
echo "+ caisse receipt --ticket $last --printer auto"
"$caisse" receipt --db "$db" --ticket "$last" --printer auto || echo "(the receipt was not printed; the sale is kept)"
echo
echo "+ caisse report day"
"$caisse" report day --db "$db"
echo
echo "+ caisse verify"
"$caisse" verify --db "$db"
