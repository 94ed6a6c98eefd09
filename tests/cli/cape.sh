#!/usr/bin/env bash
# caisse charge, hours, cape rule and cape statement (issue 11, items 3 to 5): the JSON contract
# (members, distributable, contribution, coverage), a what-if that records nothing, the CSV safe for
# spreadsheets, bad input as one clear line with nothing written, and verify after it all.
set -uo pipefail
caisse="$1"
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
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item BISSAP --pay cash:30 >/dev/null
"$caisse" sell --db "$db" --user Mei --pin 2222 --item ECHARPE --pay card >/dev/null
today=$(sqlite3 "$db" "SELECT day FROM sessions LIMIT 1")

fingerprint() { sqlite3 "$db" "SELECT COUNT(*), hex(MAX(hash)) FROM journal WHERE kind <> 'event'"; }
expect() {
  local code="$1" words="$2"; shift 2
  local before err rc
  before=$(fingerprint)
  err=$("$caisse" "$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq "$code" ] || fail "($*): exit $rc, expected $code: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "($*): error is not one line: $err"
  case "$err" in *"$words"*) ;; *) fail "($*): message lacks \"$words\": $err" ;; esac
  [ "$(fingerprint)" = "$before" ] || fail "($*): ledger changed"
}

# Before any rule: equal shares, no contribution, and the statement says so.
out=$("$caisse" cape statement --db "$db" --from "$today" --to "$today" --json) || fail "statement"
[ "$(json rule.source <<<"$out")" = default ] || fail "the default rule is not said"
[ "$(json contribution <<<"$out")" = 0 ] || fail "a contribution without a rule"

"$caisse" charge add --db "$db" --user Karim --pin 2345 --amount 12,00 --vat 2,00 --category ingrédients \
  --supplier "=HYPERLINK(\"x\")" --member "Mei Nguyen" --from-drawer >/dev/null || fail "charge from the drawer"
"$caisse" charge add --db "$db" --user Karim --pin 2345 --amount 24 --vat 4 --category emplacement --supplier Mairie --group >/dev/null || fail "group charge"
# --group is the default, written or not (its flag once pointed at freed memory).
"$caisse" session cash-in --db "$db" --user Karim --pin 2345 --amount 5 --reason monnaie --group >/dev/null || fail "cash-in --group"
"$caisse" hours add --db "$db" --user Karim --pin 2345 --member "Mei Nguyen" --hours 7:30 >/dev/null || fail "hours"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM cash_moves WHERE amount = -1200")" = 1 ] || fail "the drawer charge made no cash out"
[ "$("$caisse" charge list --db "$db" --json | json 1.supplier)" = Mairie ] || fail "charge list"
[ "$("$caisse" hours list --db "$db" --json | json 0.minutes)" = 450 ] || fail "hours list"
"$caisse" cape rule set --db "$db" --user Karim --pin 2345 --split hybrid:30 --contribution-percent 13,5 --charge-key sales >/dev/null || fail "rule set"

out=$("$caisse" cape statement --db "$db" --from "$today" --to "$today" --json) || fail "statement"
python3 - "$out" <<'PY' || fail "JSON contract"
import json, sys
s = json.loads(sys.argv[1])
assert set(["members", "distributable", "contribution", "coverage"]) <= set(s), s.keys()
shares = sum(m["share"] for m in s["members"].values())
assert shares == s["distributable"], (shares, s["distributable"])
for m in s["members"].values():
    assert set(["sales_ttc", "sales_ht", "charges", "share"]) <= set(m), m.keys()
assert s["rule"]["split"] == "hybrid:30" and s["rule"]["source"] == "recorded"
assert s["contribution"] == (s["gross_margin"] * 1350 * 2 + 10000) // 20000
assert s["coverage"][0]["terminal"] and s["coverage"][0]["tickets"] == 2
PY
before=$(fingerprint)
what=$("$caisse" cape statement --db "$db" --from "$today" --to "$today" --rule equal --json) || fail "what-if"
[ "$(json rule.source <<<"$what")" = what-if ] || fail "what-if not said"
[ "$(fingerprint)" = "$before" ] || fail "a what-if wrote to the ledger"

"$caisse" cape statement --db "$db" --from "$today" --to "$today" --csv > "$work/s.csv" || fail "csv"
python3 - "$work/s.csv" <<'PY' || fail "CSV safety"
import re, sys
b = open(sys.argv[1], "rb").read()
assert b.startswith(b"\xef\xbb\xbf"), "no BOM"
text = b[3:].decode("utf-8")
for line in text.split("\r\n"):
    for cell in line.split(";"):
        c = cell[1:] if cell.startswith('"') else cell
        # Amounts we write are numbers ("-2,00" stays a number); any other cell never starts a formula.
        assert not c or c[0] not in "=+-@\t\r" or re.fullmatch(r"-[0-9]+(,[0-9]+)?", c), repr(cell)
assert ",00" in text or "," in text
PY

expect 2 "unknown split rule" cape statement --db "$db" --from "$today" --to "$today" --rule halves
expect 2 "before it starts" cape statement --db "$db" --from "$today" --to 2000-01-01
expect 2 "does not fit" charge add --db "$db" --user Karim --pin 2345 --amount 10 --vat 5 --category x --supplier y
expect 2 "is neither an entrepreneur" hours add --db "$db" --user Karim --pin 2345 --member Nobody --hours 1
expect 2 "are not like 7:30" hours add --db "$db" --user Karim --pin 2345 --member "Mei Nguyen" --hours 7:75
expect 2 "may not" charge add --db "$db" --user Lucie --pin 1111 --amount 10 --vat 1 --category x --supplier y
expect 2 "say what the rule changes" cape rule set --db "$db" --user Karim --pin 2345

# A rule set changes what it is given and keeps the rest of the rule in effect.
"$caisse" cape rule set --db "$db" --user Karim --pin 2345 --split equal >/dev/null || fail "rule set --split alone"
rule=$("$caisse" cape rule show --db "$db" --json)
[ "$(json split <<<"$rule")" = equal ] || fail "the split did not change: $rule"
[ "$(json contribution_bp <<<"$rule")" = 1350 ] || fail "rule set --split dropped the contribution: $rule"
[ "$(json charge_key <<<"$rule")" = sales ] || fail "rule set --split changed the charge key: $rule"

"$caisse" verify --db "$db" >/dev/null || fail "verify after charges, hours and a rule"
[ "$failures" -eq 0 ] && echo "cape CLI: all checks passed"
exit "$failures"
