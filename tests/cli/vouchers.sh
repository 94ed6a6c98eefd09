#!/usr/bin/env bash
# Meal vouchers above the bill through the CLI (issue 12 item 2): accepted with no change, the
# excess recorded apart from the sale (sale, day report, X, Z and its reading back, JSON key
# voucher_excess in cents, the accounting account setting), card above the bill still refused,
# the voucher stack at the close counted at face value, a cancellation, verify and the
# independent verifier.
set -euo pipefail
caisse="$1"
source_dir="$2"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
get() { python3 -c 'import json,sys; j=json.loads(sys.argv[1])
for k in sys.argv[2].split("."): j = j[k]
print(j)' "$1" "$2"; }

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null

# An 8,00 € ticket paid with a 10,00 € meal voucher: no change, 2,00 € left by the customer.
s=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@8,00 --pay voucher:10,00 --json)
[ "$(get "$s" total)" = 800 ] || fail "total: $s"
[ "$(get "$s" change)" = 0 ] || fail "change: $s"
[ "$(get "$s" voucher_excess)" = 200 ] || fail "voucher_excess: $s"
text=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@8,00 --pay voucher:9,00)
[[ "$text" == *"the customer leaves 1,00"* ]] || fail "the sale does not say what the customer leaves: $text"
# Still refused: card above the bill, and an excess above 25 € (a mistyped amount).
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM sales")
err=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@8,00 --pay card:10,00 2>&1 >/dev/null) && fail "card above the bill accepted"
[[ "$err" == *"only cash gives change"* ]] || fail "card above the bill: $err"
err=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@8,00 --pay voucher:40 2>&1 >/dev/null) && fail "a 32 € voucher excess accepted"
[[ "$err" == *"mistyped"* ]] || fail "voucher excess above 25 €: $err"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM sales")" = "$before" ] || fail "a refused sale was recorded"
# Cash above the bill still gives change; cash beside a voucher that covers the bill comes back whole.
s=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@8,00 --pay voucher:10 --pay cash:5 --json)
[ "$(get "$s" change)" = 500 ] && [ "$(get "$s" voucher_excess)" = 200 ] || fail "voucher and cash: $s"

# The projection and the payload.
[ "$(sqlite3 "$db" "SELECT group_concat(voucher_excess) FROM sales")" = "200,100,200" ] || fail "sales.voucher_excess"
payload=$(sqlite3 "$db" "SELECT payload FROM journal WHERE kind = 'sale' ORDER BY seq LIMIT 1")
[[ "$payload" == *'"vat":[{"ht":727,"rate":1000,"ttc":800,"vat":73}],"voucher_excess":200}' ]] || fail "payload: $payload"

# The day report, the X: their own line, never in the takings.
r=$("$caisse" report day --db "$db" --json)
[ "$(get "$r" voucher_excess)" = 500 ] && [ "$(get "$r" total)" = 2400 ] && [ "$(get "$r" by_tender.voucher)" = 2400 ] \
  && [ "$(get "$r" voucher_excess_account)" = 758 ] || fail "report day --json: $r"
"$caisse" report day --db "$db" | grep -q "Meal vouchers above the bill (not sales, account 758): 5,00" || fail "report day text"
"$caisse" settings --db "$db" --user Karim --pin 2345 --set accounting.voucher_excess_account=7588 >/dev/null
err=$("$caisse" settings --db "$db" --user Karim --pin 2345 --set "accounting.voucher_excess_account=75 88" 2>&1 >/dev/null) && fail "a bad account accepted"
[[ "$err" == *"account number"* ]] || fail "bad account: $err"
x=$("$caisse" session x --db "$db" --json)
[ "$(get "$x" voucher_excess)" = 500 ] && [ "$(get "$x" voucher_excess_account)" = 7588 ] && [ "$(get "$x" total)" = 2400 ] \
  || fail "session x --json: $x"

# The last ticket cancelled: its 10 € voucher goes back whole and takes its 2 € excess back with it.
"$caisse" cancel --db "$db" --user Karim --pin 2345 --ticket 3 >/dev/null
[ "$(sqlite3 "$db" "SELECT group_concat(method || ':' || amount) FROM refund_payments")" = "voucher:-1000" ] || fail "cancel payments"
[ "$(sqlite3 "$db" "SELECT voucher_excess FROM refunds")" = "-200" ] || fail "cancel voucher_excess"

# The close: the voucher stack holds 19,00 € (10 + 9): 16,00 € of sales and 3,00 € of excess.
z=$("$caisse" close --db "$db" --user Karim --pin 2345 --count "50x2" --voucher 19,00 --json)
[ "$(get "$z" voucher_excess)" = 300 ] && [ "$(get "$z" total)" = 1600 ] && [ "$(get "$z" by_tender.voucher)" = 1600 ] \
  && [ "$(get "$z" voucher_excess_account)" = 7588 ] || fail "Z: $z"
ztext=$("$caisse" report z --db "$db")
[[ "$ztext" == *"voucher: declared 19,00"*"difference 0,00"* ]] || fail "the voucher stack is not counted at face value: $ztext"
[[ "$ztext" == *"Meal vouchers above the bill (not sales, account 7588): 3,00"* ]] || fail "Z text: $ztext"
[ "$(sqlite3 "$db" "SELECT payload FROM journal WHERE kind = 'closure.day'" | grep -c '"voucher_excess":300')" = 1 ] || fail "Z payload"

"$caisse" verify --db "$db" >/dev/null || fail "verify"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$db" >/dev/null || fail "independent verifier"
# Tampering with the recorded excess is caught.
cp "$db" "$work/t.db"
sqlite3 "$work/t.db" "DROP TRIGGER sales_no_update; UPDATE sales SET voucher_excess = 0 WHERE ticket = 1" 2>/dev/null \
  || fail "cannot tamper"
if "$caisse" verify --db "$work/t.db" >/dev/null 2>&1; then fail "verify missed a changed voucher_excess"; fi
echo "vouchers: ok"
