#!/usr/bin/env bash
# The roster and the exports through the CLI (issue 11, items 1, 6, 7): two tills type "Leïla" in
# NFC and in NFD and get one member id; a catalogue row naming a new member says so; a lookalike
# name is refused (exit 2, nothing recorded) unless --allow-similar; the roster file carries the
# CAPE dates to the other till; export fec writes ISO 8859-15 with 18 columns; the CSV exports
# start with a BOM and guard formulas; the independent verifier accepts the member records.
set -euo pipefail
caisse="$1"
src="$2"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
a="$work/a.db"; b="$work/b.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
json() { python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

"$caisse" init --db "$a" --terminal T1 --demo >/dev/null
"$caisse" init --db "$b" --terminal T2 >/dev/null
"$caisse" user add --db "$b" --name Awa --role admin --pin 1234 >/dev/null
nfd=$(printf 'Lei\xcc\x88la  HADDAD')
printf 'sku;name;price;vat;entrepreneur;category\nTHE;Thé;2,00;10;%s;Boissons\nNEW;Pain;1,00;5,5;Zoé Petit;Pain\n' "$nfd" >"$work/cat.csv"
out=$("$caisse" catalog import --db "$b" --user Awa --pin 1234 "$work/cat.csv")
[[ "$out" == *"New member: $nfd"* ]] || fail "catalog import does not say which members it created: $out"
[[ "$out" == *"New member: Zoé Petit"* ]] || fail "no new member Zoé: $out"

id_a=$(json "$("$caisse" roster list --db "$a" --json)" '[m["id"] for m in j if m["name"] == "Leïla Haddad"][0]')
id_b=$(json "$("$caisse" roster list --db "$b" --json)" '[m["id"] for m in j if m["name"].lower().startswith("lei")][0]')
[ "$id_a" = "$id_b" ] || fail "NFC on T1 and NFD on T2 are two members: $id_a $id_b"

# A lookalike is refused and nothing is recorded; confirmed, it is added.
before=$(sqlite3 "$b" "SELECT COUNT(*) FROM journal")
rc=0; err=$("$caisse" roster add --db "$b" --user Awa --pin 1234 "Zoe Petit" 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 2 ] || fail "lookalike: exit $rc: $err"
[[ "$err" == *"one letter away"* ]] || fail "lookalike message: $err"
[ "$(sqlite3 "$b" "SELECT COUNT(*) FROM journal")" -eq "$before" ] || fail "a refused member left records"
"$caisse" roster add --db "$b" --user Awa --pin 1234 "Zoe Petit" --allow-similar >/dev/null

# The coordinator's roster, with CAPE dates, carried to T2.
"$caisse" roster add --db "$a" --user Karim --pin 2345 "Inès Roux" --cape-start 2026-01-05 --cape-end 2026-06-30 >/dev/null
"$caisse" roster export --db "$a" --out "$work/roster.json" >/dev/null
"$caisse" roster import --db "$b" --user Awa --pin 1234 "$work/roster.json" >/dev/null
dates=$(json "$("$caisse" roster list --db "$b" --json)" '[m["cape_start"] + ".." + m["cape_end"] for m in j if m["name"] == "Inès Roux"][0]')
[ "$dates" = "2026-01-05..2026-06-30" ] || fail "CAPE dates not carried: $dates"

# A day on T1, closed, then the FEC and the CSVs.
"$caisse" session open --db "$a" --user Karim --pin 2345 --float 100 >/dev/null
"$caisse" sell --db "$a" --user Lucie --pin 1111 --item MAFE*2 --pay cash:20 >/dev/null
"$caisse" sell --db "$a" --user Lucie --pin 1111 --item BISSAP --pay card >/dev/null
"$caisse" close --db "$a" --user Karim --pin 2345 --count 100x1,10x1,5x1,2x2 >/dev/null 2>&1  # 100 + 19,00 kept
day=$(sqlite3 "$a" "SELECT date FROM day_closures LIMIT 1")
year=${day:0:4}
"$caisse" export fec --db "$a" --year "$year" --out "$work/fec.txt" >/dev/null
python3 - "$work/fec.txt" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("iso8859-15")
lines = text.split("\r\n")
assert lines[-1] == "", "no final CRLF"
rows = [l.split("\t") for l in lines[:-1]]
assert rows[0][0] == "JournalCode" and len(rows[0]) == 18, rows[0]
bal = {}
for r in rows[1:]:
    assert len(r) == 18, r
    d, c = (int(x.replace(",", "")) for x in (r[11], r[12]))
    bal.setdefault(r[2], [0, 0])[0] += d
    bal[r[2]][1] += c
assert bal and all(d == c for d, c in bal.values()), bal
assert sum(d for d, _ in bal.values()) == 2200, bal  # 19,00 + 3,00
assert "collect\xe9e".encode("iso8859-15") in raw and b"\xc3" not in raw
PY
"$caisse" export tickets --db "$a" --out "$work/t.csv" >/dev/null
"$caisse" export lines --db "$a" --from "$day" --to "$day" --out "$work/l.csv" >/dev/null
"$caisse" export catalogue --db "$a" --out "$work/c.csv" >/dev/null
for f in t l c; do
  [ "$(head -c 3 "$work/$f.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "$f.csv has no BOM"
done
[ "$(grep -c $'\r$' "$work/t.csv")" -eq 3 ] || fail "tickets: expected a header and 2 rows"
rc=0; "$caisse" export fec --db "$a" --out "$work/x.txt" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "export fec without a period: exit $rc"

python3 "$src/tests/verifier/verify_ledger.py" "$b" >/dev/null || fail "the independent verifier refuses member records"
"$caisse" verify --db "$b" >/dev/null || fail "verify refuses member records"
echo "roster and exports: ok"
