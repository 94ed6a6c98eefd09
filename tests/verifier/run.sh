#!/usr/bin/env bash
# Runs the independent Python verifier (written from docs/ledger-format.md alone) on a ledger made
# by caisse, then on tampered copies: it must accept the first and name the broken record in the others.
set -euo pipefail
caisse="$1"; src="$2"
py=/usr/bin/python3
verifier="$src/tests/verifier/verify_ledger.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$py" "$verifier" --self-test --doc "$src/docs/ledger-format.md" >/dev/null || fail "worked example of the spec"

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" session open --db "$db" --user Lucie --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --item MAFE*2 --item BISSAP --item BIERE --discount 10% --pay voucher:10 --pay cash:50 >/dev/null
"$caisse" sell --db "$db" --user Mei --item PLATJ@7,50 --item ECHARPE --pay card >/dev/null
"$caisse" sell --db "$db" --user Lucie --item "COUSC*3" --item CHE --discount 1,37 --pay cheque >/dev/null
pub=$("$caisse" init --db "$work/other.db" --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')
genuine=$(sqlite3 "$db" "SELECT hex(public_key) FROM terminals" | tr 'A-F' 'a-f')

"$py" "$verifier" "$db" >/dev/null || fail "genuine ledger rejected"
"$py" "$verifier" "$db" --pubkey "$genuine" >/dev/null || fail "genuine ledger rejected with its pinned key"
"$py" "$verifier" "$db" --pubkey "$pub" >/dev/null && fail "wrong pinned key accepted"

sale2=$(sqlite3 "$db" "SELECT seq FROM sales WHERE ticket = 2")
expect_bad() {  # name, SQL
  cp "$db" "$work/t.db"; cp "$db.key" "$work/t.db.key"; cp "$db.head" "$work/t.db.head"
  sqlite3 "$work/t.db" "$2"
  local out
  if out=$("$py" "$verifier" "$work/t.db" --json); then fail "$1: tampering not detected"; fi
  echo "$out" | "$py" -c 'import json,sys; b=json.load(sys.stdin)["first_bad"]; assert b["terminal"]=="T1" and b["seq"]==int(sys.argv[1]), b' "$sale2" \
    || fail "$1: wrong record named: $out"
  "$caisse" verify --db "$work/t.db" >/dev/null && fail "$1: caisse verify missed it"
  return 0
}
expect_bad "projection amount" "DROP TRIGGER sales_no_update; UPDATE sales SET total = total + 100 WHERE ticket = 2"
expect_bad "payload" "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"qty\":1', '\"qty\":4') WHERE seq = $sale2"
expect_bad "deleted record" "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = $sale2"
echo "independent verifier: genuine ledger accepted, 3 tampered copies caught at seq $sale2"
