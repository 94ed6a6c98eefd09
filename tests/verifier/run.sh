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

# Two business days. The CLI has no clock of its own, so the days come from the time zone: a day
# west of the date line, then one east of it (1 or 2 days later). Month and year closures are
# covered by tests/db/tamper_test.cpp, which sets the clock; run across a month's end, this makes one too.
day1() { TZ=Etc/GMT+12 "$caisse" "$@"; }
day2() { TZ=Etc/GMT-14 "$caisse" "$@"; }
"$caisse" init --db "$db" --demo >/dev/null
"$caisse" user role --db "$db" Mei --role manager --user Awa --pin 1234 >/dev/null  # user.role (schema 12)
"$caisse" user role --db "$db" --name Mei --role seller --user Karim --pin 2345 >/dev/null
day1 session open --db "$db" --user Karim --pin 2345 --count "20x5,10x4,1x10" >/dev/null
day1 sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item BISSAP --item BIERE --discount 10% --manager Karim --manager-pin 2345 --pay voucher:10 --pay cash:50 >/dev/null
day1 sell --db "$db" --user Mei --pin 2222 --item PLATJ@7,50 --item ECHARPE --pay card >/dev/null
day1 session cash-in --db "$db" --user Karim --pin 2345 --amount 5 --reason apport >/dev/null
day1 session cash-out --db "$db" --user Karim --pin 2345 --amount 12,50 --reason "achat ingrédients" --entrepreneur "Aminata Diop" >/dev/null
day1 sell --db "$db" --user Lucie --pin 1111 --item "COUSC*3" --item CHE --discount 1,37 --manager Karim --manager-pin 2345 --pay cheque >/dev/null
# The drawer should hold 156,35 €; 1,00 € short.
day1 close --db "$db" --user Karim --pin 2345 --count "50x3,2x3,0.1x3,0.05x1" --card 49,50 --note "pièce de 1 € introuvable" >/dev/null
day2 session open --db "$db" --user Karim --pin 2345 --float 80 >/dev/null
day2 sell --db "$db" --user Mei --pin 2222 --item TAJINE --item EAU*2 --pay cash:20 >/dev/null
day2 session cash-out --db "$db" --user Karim --pin 2345 --amount 10 --reason "dépôt en banque" >/dev/null
# Training mode: two training tickets (their own numbers), left out of the Z.
day2 training on --db "$db" --user Karim --pin 2345 >/dev/null
day2 sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:10 >/dev/null
day2 sell --db "$db" --user Mei --pin 2222 --item CAFE*2 --discount 10% --manager Karim --manager-pin 2345 --pay card >/dev/null
day2 training off --db "$db" --user Karim --pin 2345 >/dev/null
# A refund of one water of ticket 4 by card, and a cancellation of ticket 5 (cash, same tenders).
day2 refund --db "$db" --user Karim --pin 2345 --ticket 4 --item EAU --pay card >/dev/null
day2 sell --db "$db" --user Mei --pin 2222 --item CAFE --pay cash:2 >/dev/null
day2 cancel --db "$db" --user Mei --pin 2222 --ticket 5 >/dev/null
day2 close --db "$db" --user Karim --pin 2345 --count "20x3,10x1,1x9,0.5x1" --note "balanced" >/dev/null
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM journal WHERE kind = 'closure.day' AND sig IS NOT NULL")" = 2 ] || fail "two signed Zs expected"
pub=$("$caisse" init --db "$work/other.db" --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')
genuine=$(sqlite3 "$db" "SELECT hex(public_key) FROM terminals" | tr 'A-F' 'a-f')

"$py" "$verifier" "$db" >/dev/null || fail "genuine ledger rejected"
"$py" "$verifier" "$db" --pubkey "$genuine" >/dev/null || fail "genuine ledger rejected with its pinned key"
"$py" "$verifier" "$db" --pubkey "$pub" >/dev/null && fail "wrong pinned key accepted"

sale2=$(sqlite3 "$db" "SELECT seq FROM sales WHERE ticket = 2")
z1=$(sqlite3 "$db" "SELECT seq FROM day_closures WHERE z = 1")
move1=$(sqlite3 "$db" "SELECT MIN(seq) FROM cash_moves")
caught=0
expect_bad() {  # name, SQL, the seq that must be named first [, a shell command run on the copy after the SQL]
  cp "$db" "$work/t.db"; cp "$db.key" "$work/t.db.key"; cp "$db.head" "$work/t.db.head"
  sqlite3 "$work/t.db" "$2"
  [ -z "${4:-}" ] || eval "$4"
  local out
  if out=$("$py" "$verifier" "$work/t.db" --json); then fail "$1: tampering not detected"; fi
  echo "$out" | "$py" -c 'import json,sys; b=json.load(sys.stdin)["first_bad"]; assert b["terminal"]=="T1" and b["seq"]==int(sys.argv[1]), b' "$3" \
    || fail "$1: wrong record named (expected seq $3): $out"
  "$caisse" verify --db "$work/t.db" >/dev/null && fail "$1: caisse verify missed it"
  caught=$((caught + 1))
  return 0
}
# Re-chains every hash from seq $1 on, as a tamperer without the key can (signatures cannot follow).
rechain() {
  "$py" - "$work/t.db" "$1" <<'PY'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER IF EXISTS journal_no_update")
rows = db.execute("SELECT seq, kind, at_utc, payload, prev_hash FROM journal WHERE terminal = 'T1' AND seq >= ? ORDER BY seq",
                  (int(sys.argv[2]),)).fetchall()
prev = rows[0][4]
s = lambda x: struct.pack(">I", len(x.encode())) + x.encode()
for seq, kind, at, payload, _ in rows:
    h = hashlib.sha256(prev + s("T1") + struct.pack(">Q", seq) + s(kind) + s(at) + s(payload)).digest()
    db.execute("UPDATE journal SET prev_hash = ?, hash = ? WHERE terminal = 'T1' AND seq = ?", (prev, h, seq))
    prev = h
db.commit()
PY
}
expect_bad "projection amount" "DROP TRIGGER sales_no_update; UPDATE sales SET total = total + 100 WHERE ticket = 2" "$sale2"
expect_bad "payload" "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"qty\":1', '\"qty\":4') WHERE seq = $sale2" "$sale2"
expect_bad "deleted record" "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = $sale2" "$sale2"
expect_bad "Z projection row" "DROP TRIGGER day_closures_no_update; UPDATE day_closures SET total = total - 100 WHERE z = 1" "$z1"
expect_bad "Z count projection" "DROP TRIGGER cash_counts_no_update; UPDATE cash_counts SET pieces = pieces + 1 WHERE seq = $z1 AND cents = 5000" "$z1"
expect_bad "Z total re-chained without the key" \
  "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"grand_total\":', '\"grand_total\":1') WHERE seq = $z1" \
  "$z1" 'rechain $z1'
expect_bad "Z removed with its rows" \
  "DROP TRIGGER journal_no_delete; DROP TRIGGER day_closures_no_delete; DROP TRIGGER cash_counts_no_delete;
   DELETE FROM journal WHERE seq = $z1; DELETE FROM day_closures WHERE seq = $z1; DELETE FROM cash_counts WHERE seq = $z1" "$z1"
training2=$(sqlite3 "$db" "SELECT seq FROM training_sales WHERE ticket = 2")
expect_bad "training sale projection" "DROP TRIGGER training_sales_no_update; UPDATE training_sales SET total = 1 WHERE ticket = 2" "$training2"
expect_bad "training ticket renumbered" \
  "DROP TRIGGER journal_no_update; DROP TRIGGER training_sales_no_update; UPDATE training_sales SET ticket = 3 WHERE ticket = 2;
   UPDATE journal SET payload = replace(payload, '\"ticket\":2', '\"ticket\":3') WHERE seq = $training2" "$training2" 'rechain $training2'
role1=$(sqlite3 "$db" "SELECT MIN(seq) FROM user_roles")
expect_bad "role projection" "DROP TRIGGER user_roles_no_update; UPDATE user_roles SET role = 'admin' WHERE seq = $role1" "$role1"
mafe=$(sqlite3 "$db" "SELECT MIN(seq) FROM product_versions WHERE sku = 'MAFE'")
expect_bad "English name" "DROP TRIGGER product_versions_no_update; UPDATE product_versions SET names = replace(names, 'Chicken', 'Beef') WHERE seq = $mafe" "$mafe"
expect_bad "cash move amount" "DROP TRIGGER cash_moves_no_update; UPDATE cash_moves SET amount = amount + 100 WHERE seq = $move1" "$move1"
refund1=$(sqlite3 "$db" "SELECT seq FROM refunds WHERE refund = 1")
cancel1=$(sqlite3 "$db" "SELECT seq FROM refunds WHERE cancel = 1")
expect_bad "refund payload" "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"total\":-', '\"total\":-1') WHERE seq = $refund1" "$refund1"
expect_bad "refund line projection" "DROP TRIGGER refund_lines_no_update; UPDATE refund_lines SET total = total - 1 WHERE refund = 1" "$refund1"
expect_bad "refund of more than sold, re-chained without the key" \
  "DROP TRIGGER journal_no_update; DROP TRIGGER refund_lines_no_update; UPDATE refund_lines SET quantity = -9 WHERE refund = 1;
   UPDATE journal SET payload = replace(payload, '\"qty\":-1,', '\"qty\":-9,') WHERE seq = $refund1" "$refund1" 'rechain $refund1'
expect_bad "cancellation by another tender, re-chained without the key" \
  "DROP TRIGGER journal_no_update; DROP TRIGGER refund_payments_no_update; UPDATE refund_payments SET method = 'card' WHERE refund = 2;
   UPDATE journal SET payload = replace(payload, '\"method\":\"cash\"', '\"method\":\"card\"') WHERE seq = $cancel1" "$cancel1" 'rechain $cancel1'
echo "independent verifier: genuine ledger with 2 Zs accepted, $caught tampered copies caught at the record named"
