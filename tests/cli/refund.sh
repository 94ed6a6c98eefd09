#!/usr/bin/env bash
# caisse cancel and caisse refund (issue 9, item 9): the JSON contract, the receipt always printed,
# roles, and bad input as one clear line with nothing written. Then verify and the Z.
set -uo pipefail
caisse="$1"
source_dir="$2"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
json() { python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$1"; }

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work" --set "printer.uri=file:$work/printer.bin" >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
# Ticket 1: 2 x 9,50 (10 %) + 3,00 (5,5 %), 10 % off, paid by card.
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item BISSAP --discount 10% --manager Karim --manager-pin 2345 --pay card >/dev/null
# Ticket 2: 42,00 (20 %) in cash, 50 given.
"$caisse" sell --db "$db" --user Mei --pin 2222 --item ECHARPE --pay cash:50 >/dev/null

fingerprint() { sqlite3 "$db" "SELECT COUNT(*), hex(MAX(hash)) FROM journal WHERE kind <> 'event'"; }
refunds() { sqlite3 "$db" "SELECT COUNT(*) FROM refunds"; }
refused() { sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'"; }
# expect CODE "words" [events added] -- caisse args...: one line, that exit code, nothing else written.
expect() {
  local code="$1" words="$2" added="$3"; shift 3
  local before ev err rc
  before=$(fingerprint); ev=$(refused)
  err=$("$caisse" "$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq "$code" ] || fail "($*): exit $rc, expected $code: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "($*): error is not one line: $err"
  case "$err" in *"$words"*) ;; *) fail "($*): message lacks \"$words\": $err" ;; esac
  [ "$(fingerprint)" = "$before" ] || fail "($*): ledger changed"
  [ "$(refused)" -eq $((ev + added)) ] || fail "($*): expected $added refusal(s) journaled"
}

# Refusals: a seller may not refund; a seller may not cancel another's ticket.
expect 2 "may not refund a ticket" 1 refund --db "$db" --user Lucie --pin 1111 --ticket 1 --pay card
expect 2 "may cancel only their own ticket" 1 cancel --db "$db" --user Lucie --pin 1111 --ticket 2
# Bad input: unknown ticket, SKU not on the ticket, more than remains, unknown method, voucher, a price.
expect 2 "ticket 9 does not exist" 0 refund --db "$db" --user Karim --pin 2345 --ticket 9 --pay card
expect 2 "SKU \"YASSA\" is not on ticket 1" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --item YASSA --pay card
expect 2 "only 2 remain" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --item MAFE*3 --pay card
expect 2 "unknown payment method \"bitcoin\"" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --pay bitcoin
expect 2 "meal vouchers" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --pay voucher
expect 2 "takes no price" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --item MAFE@1 --pay card
expect 2 "is not the last ticket" 0 cancel --db "$db" --user Karim --pin 2345 --ticket 1
expect 2 "quantity must be at least 1" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --item MAFE*0 --pay card
[ "$(refunds)" = 0 ] || fail "a refused request recorded a refund"

# A partial refund, then the rest: together exactly ticket 1, VAT per rate included.
out=$("$caisse" refund --db "$db" --user Karim --pin 2345 --ticket 1 --item MAFE --pay cash --json) || fail "partial refund: $out"
for k in refund ticket total by_entrepreneur by_vat payments hash; do
  echo "$out" | python3 -c 'import json,sys; sys.exit(0 if sys.argv[1] in json.load(sys.stdin) else 1)' "$k" || fail "refund --json lacks $k"
done
[ "$(echo "$out" | json refund)" = 1 ] || fail "first refund is not number 1: $out"
[ "$(echo "$out" | json ticket)" = 1 ] || fail "refund names the wrong ticket: $out"
# One Mafé of 9,50 with its part of the 10 % discount (95 of the 2 x 9,50 + 3,00 ticket's 220): -8,55.
[ "$(echo "$out" | json total)" = -855 ] || fail "partial refund total: $out"
[ "$(echo "$out" | json payments.0.method)" = cash ] || fail "refund tender: $out"
[ "$(echo "$out" | json by_vat.1000.ttc)" = -855 ] || fail "refund VAT: $out"
python3 "$source_dir/tests/escpos_decoder/escpos_decode.py" "$work/printer.bin" > "$work/receipt.txt" || fail "receipt not decodable"
grep -q "REMBOURSEMENT" "$work/receipt.txt" || fail "refund receipt not printed: $(cat "$work/receipt.txt")"
grep -q "Ticket d'origine n° 1" "$work/receipt.txt" || fail "refund receipt lacks the original ticket"

out=$("$caisse" refund --db "$db" --user Lucie --pin 1111 --manager Karim --manager-pin 2345 --ticket 1 --pay card --json) || fail "rest refund: $out"
sum_ticket=$(sqlite3 "$db" "SELECT total FROM sales WHERE ticket = 1")
sum_refunds=$(sqlite3 "$db" "SELECT -SUM(total) FROM refunds WHERE ticket = 1")
[ "$sum_ticket" = "$sum_refunds" ] || fail "refunds $sum_refunds differ from ticket $sum_ticket"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.override' AND action = 'refund a ticket'")" = 1 ] || fail "approval not journaled"
expect 2 "already given back in full" 0 refund --db "$db" --user Karim --pin 2345 --ticket 1 --pay card

# Mei cancels her own last ticket: money back by the same tender (cash, net of the change).
out=$("$caisse" cancel --db "$db" --user Mei --pin 2222 --ticket 2 --json) || fail "cancel: $out"
[ "$(echo "$out" | json total)" = -4200 ] || fail "cancel total: $out"
[ "$(echo "$out" | json payments.0.amount)" = -4200 ] || fail "cancel gives back the cash kept: $out"
[ "$(echo "$out" | json cancel)" = True ] || fail "cancel flag: $out"
python3 "$source_dir/tests/escpos_decoder/escpos_decode.py" "$work/printer.bin" > "$work/receipt.txt"
grep -q "ANNULATION" "$work/receipt.txt" || fail "cancel receipt not printed"
expect 2 "already cancelled or refunded" 0 cancel --db "$db" --user Karim --pin 2345 --ticket 2
text=$(CAISSE_LANG=fr "$caisse" cancel --db "$db" --user Karim --pin 2345 --ticket 2 2>&1 >/dev/null)
case "$text" in *"a déjà été annulé ou remboursé"*) ;; *) fail "French message: $text" ;; esac

# The X and the Z count them as negatives: the session sold 63,00 - 2,20 and gave it all back.
x=$("$caisse" session x --db "$db" --json)
[ "$(echo "$x" | json total)" = 0 ] || fail "X total: $x"
[ "$(echo "$x" | json expected_cash)" = 14145 ] || fail "X expected cash (150,00 less the 8,55 given back in cash): $x"
"$caisse" verify --db "$db" >/dev/null || fail "verify after refunds"
z=$("$caisse" close --db "$db" --user Karim --pin 2345 --count "20x7,1x1,0.2x2,0.05x1" --json) || fail "close: $z"
[ "$(echo "$z" | json total)" = 0 ] || fail "Z total: $z"
[ "$(echo "$z" | json refunds)" = 3 ] || fail "Z refunds: $z"
"$caisse" verify --db "$db" >/dev/null || fail "verify after the Z"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$db" >/dev/null || fail "independent verifier rejects refunds"

# A day whose card refunds exceed its card sales: the card batch is negative. Typed as a treasurer
# would (--card -9,50, or --card=-9,50), it is read as a negative amount, not as an option; a
# malformed one is refused in one clear line, nothing recorded.
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
t=$("$caisse" sell --db "$db" --user Karim --pin 2345 --item MAFE --pay cash:20 --json | json ticket)
"$caisse" refund --db "$db" --user Karim --pin 2345 --ticket "$t" --pay card >/dev/null || fail "card refund of a cash sale"
records=$(sqlite3 "$db" "SELECT count(*) FROM journal")
expect 2 "malformed amount" 0 close --db "$db" --user Karim --pin 2345 --count "100x1,50x1,5x1,2x2,0.5x1" --card -9,5x
expect 2 "--card" 0 close --db "$db" --user Karim --pin 2345 --count "100x1,50x1,5x1,2x2,0.5x1" --card
[ "$(sqlite3 "$db" "SELECT count(*) FROM journal")" = "$records" ] || fail "a refused close recorded something"
z=$("$caisse" close --db "$db" --user Karim --pin 2345 --count "100x1,50x1,5x1,2x2,0.5x1" --card -9,50 --json 2>"$work/err") ||
    fail "close with a negative card batch: $z $(cat "$work/err")"
[ "$(echo "$z" | json card_declared)" = -950 ] || fail "card_declared: $z"
[ -s "$work/err" ] && fail "a warning for a declared card batch: $(cat "$work/err")"
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
t=$("$caisse" sell --db "$db" --user Karim --pin 2345 --item MAFE --pay cash:20 --json | json ticket)
"$caisse" refund --db "$db" --user Karim --pin 2345 --ticket "$t" --pay card >/dev/null || fail "card refund of a cash sale"
text=$(CAISSE_LANG=fr "$caisse" close --db "$db" --user Karim --pin 2345 --count "100x1,50x1,5x1,2x2,0.5x1" --card=-9,50) ||
    fail "close with --card=-9,50: $text"
[[ "$text" == *"déclaré -9,50"*"écart 0,00"* ]] || fail "the Z does not show the negative card batch: $text"
"$caisse" verify --db "$db" >/dev/null || fail "verify after negative card batches"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "refund CLI: all checks passed"
