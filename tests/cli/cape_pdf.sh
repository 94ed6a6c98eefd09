#!/usr/bin/env bash
# caisse cape statement --pdf (issue 11, item 5): a PDF is written (starts %PDF, 2 pages: the
# statement, then the charts), holds every member's name, the period and the French labels; says
# when no rule was voted and stops saying it once one is; an unwritable path is one clear line with
# nothing recorded. With a third argument, page 1 is also rendered there as PNG (docs/screenshots).
# Skipped (77) without poppler-utils (pdftotext, pdfinfo).
set -uo pipefail
caisse="$1"
shots="${3:-}"
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || { echo "poppler-utils missing"; exit 77; }
export CAISSE_LANG=fr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item BISSAP --pay cash:30 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item TAJINE --item COUSC*3 --pay card >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item BOBUN*4 --item CEVI --pay card >/dev/null
today=$(sqlite3 "$db" "SELECT day FROM sessions LIMIT 1")
names=$(sqlite3 "$db" "SELECT name FROM entrepreneurs")

pdf="$work/releve.pdf"
out=$("$caisse" cape statement --db "$db" --from "$today" --to "$today" --pdf "$pdf") || fail "statement --pdf: $out"
[ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "not a PDF"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 2 ] || fail "$pages pages, expected 2"
text=$(pdftotext -layout "$pdf" -)
while IFS= read -r name; do
  grep -qF "$name" <<<"$text" || fail "the PDF lacks the member $name"
done <<<"$names"
grep -qF "$today" <<<"$text" || fail "the PDF lacks the period"
grep -qF "Aucune règle votée" <<<"$text" || fail "the PDF does not say that no rule was voted"
grep -qF "Enveloppe" <<<"$text" || fail "the labels are not French"
grep -qF "Couverture" <<<"$text" || fail "the coverage is missing"
grep -qF "Ventes TTC par jour" <<<"$text" || fail "the chart of sales per day is missing"
# The group's TTC as the ledger has it: 2 x 9,50 + 3 + 11 + 3 x 8,50 + 4 x 9 + 10,50 = 105,00.
grep -qE "105,00.€" <<<"$text" || fail "the group's sales TTC (105,00 €) are not in the PDF"
[ -n "$shots" ] && pdftoppm -png -r 80 -f 1 -l 2 "$pdf" "$shots/cape-statement-pdf"

"$caisse" charge add --db "$db" --user Karim --pin 2345 --amount 60 --vat 10 --category emplacement --supplier Mairie >/dev/null || fail "group charge"
"$caisse" cape rule set --db "$db" --user Karim --pin 2345 --split hybrid:30 --contribution-percent 13,5 >/dev/null || fail "rule set"
"$caisse" cape statement --db "$db" --from "$today" --to "$today" --pdf "$pdf" >/dev/null || fail "statement --pdf with a rule"
text=$(pdftotext -layout "$pdf" -)
grep -qF "Aucune règle votée" <<<"$text" && fail "a voted rule is still said to be missing"
grep -qF "30" <<<"$text" || fail "the rule (hybrid 30 %) is not described"

before=$(sqlite3 "$db" "SELECT COUNT(*) FROM journal")
err=$("$caisse" cape statement --db "$db" --from "$today" --to "$today" --pdf "$work/no/such/dir/x.pdf" 2>&1 >/dev/null) && fail "an unwritable PDF path succeeded"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "error is not one line: $err"
case "$err" in *"$work/no/such/dir/x.pdf"*) ;; *) fail "the error does not name the file: $err" ;; esac
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM journal")" = "$before" ] || fail "the ledger changed"
"$caisse" cape statement --db "$db" --from "$today" --to "$today" --pdf "$pdf" --json >/dev/null 2>&1 && fail "--pdf with --json accepted"

[ "$failures" -eq 0 ] && echo "cape pdf: all passed"
exit $((failures > 0))
