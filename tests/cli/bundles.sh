#!/usr/bin/env bash
# Bundles through the CLI (issue 11, item 2; docs/bundle-format.md): a market stall exports its
# chain in two bundles; the coordinator refuses the second before the first (a gap, exit 2, ledger
# unchanged), imports a folder holding both in chain order, imports it again without change, and
# verifies with the stall's chain covered (witness "bundles"); a flipped byte and a cut file are
# refused naming the till and seq; the coordinator's own X report is undisturbed.
set -euo pipefail
caisse="$1"; src="$2"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stall="$work/stall.db"
coord="$work/coord.db"
stick="$work/stick"
fail() { echo "FAIL: $*" >&2; exit 1; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin); print(eval('v' + sys.argv[1]))" "$1"; }
fingerprint() { sqlite3 "$coord" "SELECT (SELECT count(*) FROM journal) || '/' || (SELECT count(*) FROM sales) || '/' || (SELECT count(*) FROM bundle_heads)"; }
mkdir "$stick"

"$caisse" init --db "$stall" --terminal T2 --demo >/dev/null
"$caisse" init --db "$coord" --terminal T1 --demo >/dev/null
for db in "$stall" "$coord"; do "$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null; done
"$caisse" sell --db "$coord" --user Lucie --pin 1111 --item MAFE --pay cash:20 >/dev/null
x_before=$("$caisse" session x --db "$coord" --json | field '["total"]')
"$caisse" sell --db "$stall" --user Mei --pin 2222 --item ECHARPE --pay card >/dev/null
"$caisse" sell --db "$stall" --user Mei --pin 2222 --item BONNET*2 --pay cash:50 >/dev/null

# Two bundles: the second starts where the first ended (its export event first).
out=$("$caisse" bundle export --db "$stall" --out "$stick/t2-a.jsonl" --json)
[ "$(field '["first_seq"]' <<<"$out")" = 1 ] || fail "first export: $out"
last=$(field '["last_seq"]' <<<"$out")
[ "$(sqlite3 "$stall" "SELECT code FROM events ORDER BY seq DESC LIMIT 1")" = bundle.export ] || fail "export not journaled"
"$caisse" sell --db "$stall" --user Mei --pin 2222 --item TABLIER --pay cash:30 >/dev/null
out=$("$caisse" bundle export --db "$stall" --out "$stick/t2-b.jsonl" --json)
[ "$(field '["first_seq"]' <<<"$out")" = $((last + 1)) ] || fail "second export does not continue: $out"
rc=0; "$caisse" bundle export --db "$stall" --out "$stick/t2-b.jsonl" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "export over an existing file: exit $rc"

# The second half alone: a gap, refused naming the till and seq, nothing stored.
before=$(fingerprint)
rc=0; report=$("$caisse" bundle import --db "$coord" "$stick/t2-b.jsonl") || rc=$?
[ "$rc" = 2 ] || fail "gap: exit $rc: $report"
[[ "$report" == *"terminal T2 seq $((last + 1)):"*"gap"* ]] || fail "the gap is not named: $report"
[ "$(fingerprint)" = "$before" ] || fail "a refused bundle changed the ledger"

# A flipped byte in a sale, and a cut file: refused, named.
cp "$stick/t2-a.jsonl" "$work/flip.jsonl"
seq=$(sqlite3 "$stall" "SELECT seq FROM journal WHERE kind = 'sale' ORDER BY seq LIMIT 1")
sed -i "$((seq + 1))s/\\\\\"total\\\\\":\\([0-9]\\)/\\\\\"total\\\\\":9\\1/" "$work/flip.jsonl"
rc=0; report=$("$caisse" bundle import --db "$coord" "$work/flip.jsonl") || rc=$?
[ "$rc" = 2 ] || fail "flipped byte: exit $rc"
[[ "$report" == *"terminal T2 seq $seq: the record's hash does not match"* ]] || fail "flipped byte not named: $report"
head -c 2000 "$stick/t2-a.jsonl" >"$work/cut.jsonl"
rc=0; report=$("$caisse" bundle import --db "$coord" "$work/cut.jsonl") || rc=$?
[ "$rc" = 2 ] && [[ "$report" == *"terminal T2"*"cut short"* ]] || fail "cut file: exit $rc: $report"
[ "$(fingerprint)" = "$before" ] || fail "a refused bundle changed the ledger"

# The folder: both halves, in chain order whatever their names; a stray file left aside.
echo "shopping list" >"$stick/notes.txt"
out=$("$caisse" bundle import --db "$coord" "$stick" --json)
[ "$(field '["ok"]' <<<"$out")" = True ] || fail "folder import: $out"
[ "$(field '["skipped_files"]' <<<"$out")" = 1 ] || fail "stray file: $out"
[ "$(sqlite3 "$coord" "SELECT count(*) FROM sales WHERE terminal = 'T2'")" = 3 ] || fail "the stall's sales are not here"
after=$(fingerprint)
out=$("$caisse" bundle import --db "$coord" "$stick" --json)
[ "$(field '["added"]' <<<"$out")" = 0 ] || fail "second import added records: $out"
[ "$(fingerprint)" = "$after" ] || fail "importing twice is not importing once"

# The coordinator's verify covers the stall's chain; its own X report is unchanged.
report=$("$caisse" verify --db "$coord" --json)
[ "$(field '["ok"]' <<<"$report")" = True ] || fail "verify: $report"
python3 -c '
import json,sys; r=json.load(sys.stdin)
assert any(w["witness"] == "bundles" and w["subject"] == "T2" and w["result"] == "ok" for w in r["witnesses"]), r["witnesses"]' <<<"$report" \
  || fail "no bundles witness"
python3 "$src/tests/verifier/verify_ledger.py" "$coord" >/dev/null || fail "the independent verifier rejects the coordinator's ledger"
[ "$("$caisse" session x --db "$coord" --json | field '["total"]')" = "$x_before" ] || fail "the X report moved"
"$caisse" sell --db "$coord" --user Lucie --pin 1111 --item MAFE --pay cash:20 --json | grep -q '"ticket": *2' || fail "own ticket numbering"

# The imported chain cut below its bundle: verify names it.
cp "$coord" "$work/cut.db"; cp "$coord.head" "$work/cut.db.head"
sqlite3 "$work/cut.db" "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE terminal = 'T2' AND seq = (SELECT max(seq) FROM journal WHERE terminal = 'T2')"
rc=0; report=$("$caisse" verify --db "$work/cut.db") || rc=$?
[ "$rc" = 1 ] || fail "a cut imported chain verifies: $report"
[[ "$report" == *"a bundle imported from this till reached seq"* ]] || fail "the cut is not named: $report"
rc=0; python3 "$src/tests/verifier/verify_ledger.py" "$work/cut.db" >/dev/null || rc=$?
[ "$rc" = 1 ] || fail "the independent verifier misses the cut: exit $rc"
echo "bundles: ok"
