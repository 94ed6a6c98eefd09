#!/usr/bin/env bash
# End of day through the CLI (issue "End of day"): a counted float, sales, cash in and out, the X,
# a close refused without a note (nothing recorded), then the Z with its --json contract, the Z
# read back, the month so far, selling refused until a new session, verify.
set -euo pipefail
caisse="$1"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
fingerprint() { sqlite3 "$db" "SELECT COUNT(*), hex(MAX(hash)) FROM journal WHERE kind <> 'event'"; }  # a refusal is journaled (JET), nothing else
# refused CODE "words" -- caisse args: exits CODE with one line naming the problem, ledger unchanged.
refused() {
  local code="$1" words="$2"; shift 2
  local before err rc=0
  before=$(fingerprint)
  err=$("$caisse" "$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq "$code" ] || fail "$*: exit $rc, expected $code: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$*: error is not one line: $err"
  [[ "$err" == *"$words"* ]] || fail "$*: message lacks \"$words\": $err"
  [ "$(fingerprint)" = "$before" ] || fail "$*: the ledger changed"
}
# The fewest notes and coins for an amount in cents, as --count text.
count_of() {
  python3 -c '
import sys
c = int(sys.argv[1]); out = []
for d in (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1):
    q, c = divmod(c, d)
    if q: out.append("%d.%02dx%d" % (d // 100, d % 100, q))
print(",".join(out))' "$1"
}

"$caisse" init --db "$db" --demo >/dev/null
open=$("$caisse" session open --db "$db" --user Karim --pin 2345 --count "20x5,10x4,1x10" --json)
float=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["float"])' "$open")
[ "$float" -eq 15000 ] || fail "float of 20x5,10x4,1x10 is $float, not 15000"

# Sales: their --json output is kept to sum cash, card and totals independently of the X and the Z.
mkdir "$work/sales"
n=0
sell() { n=$((n + 1)); "$caisse" sell --db "$db" --json "$@" >"$work/sales/$n.json"; }
sell --user Lucie --pin 1111 --item MAFE*2 --pay cash:20
sell --user Mei --pin 2222 --item YASSA --item BISSAP --pay card
sell --user Lucie --pin 1111 --item TAJINE --discount 10% --manager Karim --manager-pin 2345 --pay voucher:5 --pay cash:50
sell --user Lucie --pin 1111 --item ECHARPE --pay cheque
sell --user Mei --pin 2222 --item PLATJ@7,50 --item CAFE*3 --pay cash
sell --user Karim --pin 2345 --item SAC-WAX --discount 2,00 --pay cash:10 --pay card

"$caisse" session cash-in --db "$db" --user Karim --pin 2345 --amount 20,00 --reason "complément de fonds de caisse" >/dev/null
"$caisse" session cash-out --db "$db" --user Karim --pin 2345 --amount 12,50 --reason "achat ingrédients" --entrepreneur "Aminata Diop" --json >/dev/null
# A refusal of the role changes nothing but the technical log: one auth.refused event record.
events=$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")
moves=$(sqlite3 "$db" "SELECT COUNT(*) FROM cash_moves")
err=$("$caisse" session cash-out --db "$db" --user Lucie --pin 1111 --amount 1 --reason "achat ingrédients" 2>&1 >/dev/null) && fail "a seller took cash out"
[[ "$err" == *"may not take cash out"* ]] || fail "seller's cash out: $err"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")" -eq $((events + 1)) ] || fail "the refusal was not journaled"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM cash_moves")" -eq "$moves" ] || fail "a refused cash out was recorded"
refused 2 "more than that" session cash-out --db "$db" --user Karim --pin 2345 --amount 5000 --reason "dépôt en banque"

# The test's own sums from the sales' receipts.
read -r tickets total cash_kept card <<<"$(python3 -c '
import json, sys
import glob
s = [json.load(open(f)) for f in glob.glob(sys.argv[1] + "/*.json")]
cash = sum(p["amount"] for x in s for p in x["payments"] if p["method"] == "cash") - sum(x["change"] for x in s)
card = sum(p["amount"] for x in s for p in x["payments"] if p["method"] == "card")
print(len(s), sum(x["total"] for x in s), cash, card)' "$work/sales")"
expected=$((float + cash_kept + 2000 - 1250))

before=$(fingerprint)
x=$("$caisse" session x --db "$db" --json)
[ "$(fingerprint)" = "$before" ] || fail "session x recorded something"
python3 -c '
import json, sys
x = json.loads(sys.argv[1]); tickets, total, expected, card = map(int, sys.argv[2:6])
assert x["tickets"] == tickets, (x["tickets"], tickets)
assert x["total"] == total, (x["total"], total)
assert x["expected_cash"] == expected, (x["expected_cash"], expected)
assert x["by_tender"]["card"] == card, x["by_tender"]
assert x["cash_in"] == 2000 and x["cash_out"] == 1250, x
assert [m["amount"] for m in x["cash_moves"]] == [2000, -1250], x["cash_moves"]
assert x["cash_moves"][1]["entrepreneur"] == "Aminata Diop", x["cash_moves"]
assert x["first_ticket"] == 1 and x["last_ticket"] == tickets, x
' "$x" "$tickets" "$total" "$expected" "$card" || fail "session x --json: $x"

# The blind count is 0,20 € short: refused without a note (exit 2, nothing recorded), then closed with one.
short=$(count_of $((expected - 20)))
refused 2 "differs" close --db "$db" --user Karim --pin 2345 --count "$short"
refused 2 "note" close --db "$db" --user Karim --pin 2345 --count "$short" --note "  "
refused 2 "may not close the day" close --db "$db" --user Lucie --pin 1111 --count "$short" --note "pièce perdue"
refused 2 "not a euro note or coin" close --db "$db" --user Karim --pin 2345 --count "3x2" --note "x"
refused 2 "is not a count" close --db "$db" --user Karim --pin 2345 --count "20x-1" --note "x"
z=$("$caisse" close --db "$db" --user Karim --pin 2345 --count "$short" --note "pièce de 20 c perdue" --json)
python3 -c '
import json, re, sys
z = json.loads(sys.argv[1]); tickets, total, expected = map(int, sys.argv[2:5])
contract = ["z", "session", "date", "tickets", "first_ticket", "last_ticket", "expected_cash", "counted_cash", "over_short",
            "total", "by_tender", "by_vat", "by_entrepreneur", "by_cashier", "cash_moves", "grand_total", "grand_total_abs",
            "hash", "signature"]
missing = [k for k in contract if k not in z]
assert not missing, ("keys missing from close --json", missing)
assert z["z"] == 1 and z["session"] == 1, z
assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", z["date"]), z["date"]
assert z["tickets"] == tickets and z["first_ticket"] == 1 and z["last_ticket"] == tickets, z
assert z["total"] == total, (z["total"], total)
assert z["expected_cash"] == expected, (z["expected_cash"], expected)
assert z["counted_cash"] == expected - 20 and z["over_short"] == -20, z
assert sum(z["by_tender"].values()) == total, z["by_tender"]
assert sum(z["by_entrepreneur"].values()) == total, z["by_entrepreneur"]
assert sum(z["by_cashier"].values()) == total, z["by_cashier"]
assert set(z["by_cashier"]) == {"Lucie", "Mei", "Karim"}, z["by_cashier"]
assert sum(v["ttc"] for v in z["by_vat"].values()) == total, z["by_vat"]
assert all(v["ht"] + v["vat"] == v["ttc"] for v in z["by_vat"].values()), z["by_vat"]
assert [m["amount"] for m in z["cash_moves"]] == [2000, -1250], z["cash_moves"]
assert z["grand_total"] == total and z["grand_total_abs"] == total, z
assert re.fullmatch(r"[0-9a-f]{64}", z["hash"]), z["hash"]
assert re.fullmatch(r"[0-9a-f]{128}", z["signature"]), z["signature"]
assert z["note"] == "pièce de 20 c perdue", z["note"]
' "$z" "$tickets" "$total" "$expected" || fail "close --json: $z"

# The Z read back is the Z printed at close.
[ "$("$caisse" report z --db "$db" --number 1 --json)" = "$z" ] || fail "report z --number 1 --json differs from the close output"
[ "$("$caisse" report z --db "$db" --json)" = "$z" ] || fail "report z --json (the newest) differs from the close output"
day=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["date"])' "$z")
[ "$("$caisse" report z --db "$db" --date "$day" --json)" = "$z" ] || fail "report z --date $day differs"
refused 2 "no Z number 2" report z --db "$db" --number 2 --json

month=${day:0:7}
"$caisse" report period --db "$db" --month "$month" --json | python3 -c '
import json, sys
p = json.load(sys.stdin); total, month = int(sys.argv[1]), sys.argv[2]
assert p["kind"] == "month" and p["period"] == month, p
assert p["closed"] is False, p  # the current month closes with the first Z of a later month
assert p["days"] == 1 and p["first_z"] == 1 and p["last_z"] == 1, p
assert p["total"] == total and p["grand_total"] == total, p
assert p["cash_in"] == 2000 and p["cash_out"] == 1250, p
' "$total" "$month" || fail "report period --month $month"

# After the close: no sale, no second close, until a new session.
refused 2 "no session is open" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card
refused 2 "no session is open" close --db "$db" --user Karim --pin 2345 --count "20x1"
refused 2 "no session is open" session x --db "$db" --json
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100,00 >/dev/null
t=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["ticket"])')
[ "$t" -eq $((tickets + 1)) ] || fail "the first ticket after the close is $t, not $((tickets + 1))"

"$caisse" verify --db "$db" >/dev/null || fail "verify after the close"
"$caisse" verify --db "$db" --json | python3 -c 'import json,sys; v=json.load(sys.stdin); assert v["ok"] is True, v' || fail "verify --json"
echo "end of day: $tickets tickets, total $total, expected $expected, Z 1 short by 20 c with a note, verify intact"
