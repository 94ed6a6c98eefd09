#!/usr/bin/env bash
# caisse entrepreneur brand (issue 12, item 12): a manager sets an entrepreneur's receipt header, it
# prints above their lines (read back by the independent ESC/POS decoder) and in the receipt's QR
# code; a seller is refused, bad text is refused with a clear French message, nothing stored then.
set -uo pipefail
caisse="$1"
source_dir="$2"
decode() { python3 "$source_dir/tests/escpos_decoder/escpos_decode.py" "$@"; }
export CAISSE_LANG=fr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/b.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
"$caisse" init --db "$db" --demo >/dev/null
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work" >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 50 >/dev/null
brands() { sqlite3 "$db" "SELECT key || '=' || value FROM local_settings WHERE key LIKE 'receipt.brand%' AND value <> '' ORDER BY key"; }
changes() { sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'settings.change'"; }

# 1. A manager sets Aminata's header and a short line (her name as typed, case aside).
out=$("$caisse" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "aminata diop" --header "Chez Aminata" \
      --line "Cuisine du Sénégal" 2>&1) || fail "the manager's brand was refused: $out"
case "$out" in *"En-tête de ticket de aminata diop enregistré."*) ;; *) fail "no confirmation: $out" ;; esac
[ "$(brands | wc -l)" = 2 ] || fail "header and line not stored: $(brands)"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'settings.change' AND detail LIKE '%Chez Aminata%Cuisine du Sénégal%'")" = 1 ] ||
  fail "the change is not journaled with its text"
json=$("$caisse" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Mei Nguyen" --header "Saigon Mei" --json) ||
  fail "--json"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["header"]=="Saigon Mei" and d["line"]=="" and d["entrepreneur"]>0' "$json" ||
  fail "--json output: $json"

# 2. On paper: Aminata's ticket has her header at the top; a shared ticket groups each one's lines.
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:20 >/dev/null || fail "sell 1"
"$caisse" receipt --db "$db" --ticket 1 --printer "file:$work/r1.bin" --profile generic-80 >/dev/null || fail "receipt 1"
decode "$work/r1.bin" >"$work/r1.txt" || fail "the decoder refused receipt 1"
grep -q 'Chez Aminata' "$work/r1.txt" || fail "no header on Aminata's ticket: $(cat "$work/r1.txt")"
grep -q 'Cuisine du Sénégal' "$work/r1.txt" || fail "no short line on Aminata's ticket"
[ "$(grep -n 'Chez Aminata' "$work/r1.txt" | head -1 | cut -d: -f1)" -lt "$(grep -n 'Ticket n°' "$work/r1.txt" | head -1 | cut -d: -f1)" ] ||
  fail "the header is not at the top"
# The QR code (native on this profile) holds the receipt's text and the record's hash.
hash=$(sqlite3 "$db" "SELECT lower(hex(j.hash)) FROM journal j JOIN sales s ON s.seq = j.seq WHERE s.ticket = 1")
grep -q "SHA-256 $hash" "$work/r1.txt" || fail "the QR code lacks the record's hash"
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item BOBUN --item COUSC --item NEMS --pay cash:30 >/dev/null || fail "sell 2"
"$caisse" receipt --db "$db" --ticket 2 --printer "file:$work/r2.bin" --profile generic-80 >/dev/null || fail "receipt 2"
decode "$work/r2.bin" >"$work/r2.txt" || fail "the decoder refused receipt 2"
line_of() { grep -n "$1" "$work/r2.txt" | head -1 | cut -d: -f1; }
mei=$(line_of 'Saigon Mei'); bobun=$(line_of 'Bò bún'); nems=$(line_of 'Nems'); fatima=$(line_of 'Fatima Benali'); cous=$(line_of 'Couscous')
[ -n "$mei" ] && [ -n "$fatima" ] || fail "group headers missing: $(cat "$work/r2.txt")"
[ "$mei" -lt "$bobun" ] && [ "$bobun" -lt "$nems" ] && [ "$nems" -lt "$fatima" ] && [ "$fatima" -lt "$cous" ] ||
  fail "lines not grouped under their entrepreneur: $(cat "$work/r2.txt")"

# 3. Refusals: one French line, exit 2, nothing stored.
expect() {  # expect "words" -- caisse args...
  local words="$1"; shift
  local before_brands before_changes err rc
  before_brands=$(brands); before_changes=$(changes)
  err=$("$caisse" "$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] || fail "($*): exit $rc, expected 2: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "($*): error is not one line: $err"
  case "$err" in *"$words"*) ;; *) fail "($*): message lacks \"$words\": $err" ;; esac
  [ "$(brands)" = "$before_brands" ] || fail "($*): brands changed"
  [ "$(changes)" = "$before_changes" ] || fail "($*): a change was journaled"
}
refusals=$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")
expect "Lucie ne peut pas changer l’en-tête de ticket d’un entrepreneur" \
  entrepreneur brand --db "$db" --user Lucie --pin 1111 --entrepreneur "Aminata Diop" --header "Le mien"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")" = $((refusals + 1)) ] || fail "the seller's refusal is not in the JET"
expect "caractère de contrôle" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Aminata Diop" --header $'Chez\tAminata'
expect "dépasse 32 caractères" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Aminata Diop" \
  --header "$(printf 'A%.0s' {1..33})"
expect "UTF-8" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Aminata Diop" --header $'Chez \xc3('
expect "commence ou finit par une espace" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Aminata Diop" --header "Chez Aminata "
expect "inconnu" entrepreneur brand --db "$db" --user Karim --pin 2345 --entrepreneur "Personne" --header "X"
expect "code PIN incorrect" entrepreneur brand --db "$db" --user Karim --pin 9999 --entrepreneur "Aminata Diop" --header "X"

# 4. The ledger verifies, ours and the independent verifier.
"$caisse" verify --db "$db" >/dev/null || fail "verify"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$db" >/dev/null || fail "independent verifier"

[ "$failures" -eq 0 ] && echo "entrepreneur brand: all checks passed"
exit $((failures > 0))
