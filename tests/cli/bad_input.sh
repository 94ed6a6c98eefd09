#!/usr/bin/env bash
# Bad input through the CLI: one clear line on stderr, a non-zero exit, and the ledger unchanged.
set -uo pipefail
caisse="$1"
# Messages are French by default; these checks grep the English ones. French is checked at the end.
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
failures=0
"$caisse" init --db "$db" --demo >/dev/null
"$caisse" session open --db "$db" --user Lucie --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --item MAFE --pay card >/dev/null

fingerprint() { sqlite3 "$db" "SELECT COUNT(*), hex(MAX(hash)) FROM journal" 2>/dev/null || echo none; }
before=$(fingerprint)

# The environment caisse runs in: by default the exported one (English).
envs=(env)
# expect CODE "words in the message" -- caisse args...
expect() {
  local code="$1" words="$2"; shift 2
  local err rc
  err=$("${envs[@]}" "$caisse" "$@" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ne "$code" ]; then echo "FAIL ($*): exit $rc, expected $code: $err"; failures=$((failures + 1)); return; fi
  if [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then echo "FAIL ($*): error is not one line: $err"; failures=$((failures + 1)); fi
  case "$err" in *"$words"*) ;; *) echo "FAIL ($*): message lacks \"$words\": $err"; failures=$((failures + 1)) ;; esac
  if [ "$(fingerprint)" != "$before" ]; then echo "FAIL ($*): ledger changed"; failures=$((failures + 1)); fi
}

expect 2 "malformed amount" sell --db "$db" --user Lucie --item PLATJ@abc --pay card
expect 2 "malformed amount" session open --db "$db" --user Lucie --float 12,3,4x
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --item NOPE --pay card
expect 2 "quantity must be at least 1" sell --db "$db" --user Lucie --item MAFE*0 --pay card
expect 2 "quantity must be at least 1" sell --db "$db" --user Lucie --item MAFE*-3 --pay card
expect 2 "payment short" sell --db "$db" --user Lucie --item MAFE --pay cash:5
expect 2 "vouchers never give change" sell --db "$db" --user Lucie --item CAFE --pay voucher:10
expect 2 "unknown payment method" sell --db "$db" --user Lucie --item CAFE --pay bitcoin
expect 2 "unknown user" sell --db "$db" --user Nobody --item CAFE --pay card
expect 2 "--pubkey must be 64 hex digits" verify --db "$db" --pubkey ""
expect 2 "discount" sell --db "$db" --user Lucie --item CAFE --discount 150% --pay card

printf 'sku,name,price,vat,entrepreneur,category\nOK1,Bon,2.00,10,Aminata Diop,Plats\nBAD,Mauvais,deux,10,Aminata Diop,Plats\n' > "$work/bad.csv"
expect 2 "line 3" catalog import --db "$db" "$work/bad.csv"
printf 'sku,name,price\nX,Y,1\n' > "$work/header.csv"
expect 2 "missing column" catalog import --db "$db" "$work/header.csv"
expect 2 "cannot read" catalog import --db "$db" "$work/missing.csv"

echo "just some text, certainly not a database of any kind, long enough to fill a header page" > "$work/text.db"
expect 2 "not a Caisse Commune ledger" verify --db "$work/text.db"
expect 2 "not a Caisse Commune ledger" sell --db "$work/text.db" --user Lucie --item CAFE --pay card
expect 2 "no ledger at" report day --db "$work/nothing.db"
expect 2 "not YYYY-MM-DD" report day --db "$db" --date 27/11/2026

cp "$db" "$work/newer.db"; cp "$db.key" "$work/newer.db.key"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
err=$("$caisse" sell --db "$work/newer.db" --user Lucie --item CAFE --pay card 2>&1); rc=$?
if [ $rc -ne 2 ] || [[ "$err" != *"newer caisse"* ]]; then echo "FAIL newer version: $rc $err"; failures=$((failures + 1)); fi
[ "$(sqlite3 "$work/newer.db" 'PRAGMA user_version')" = 99 ] || { echo "FAIL newer version: file changed"; failures=$((failures + 1)); }

# A second process holds the write lock: the sale is refused after the busy timeout, nothing recorded.
python3 - "$db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); open(sys.argv[1] + ".locked", "w").close(); time.sleep(5); c.execute("ROLLBACK")
PY
while [ ! -e "$db.locked" ]; do sleep 0.05; done
expect 3 "busy" sell --db "$db" --user Lucie --item CAFE --pay card
wait

# French by default: no --lang, no CAISSE_LANG, no locale. Still one line, same exit codes, nothing recorded.
nb=$'\xc2\xa0'  # French puts a no-break space before ':' and inside « »
envs=(env -u CAISSE_LANG -u LANG -u LC_ALL -u LC_MESSAGES)
expect 2 "caisse${nb}: erreur${nb}: référence «${nb}NOPE${nb}» inconnue" sell --db "$db" --user Lucie --item NOPE --pay card
expect 2 "paiement insuffisant${nb}: 5,00${nb}€ donnés pour 9,50${nb}€ dus" sell --db "$db" --user Lucie --item MAFE --pay cash:5
expect 2 "les titres-restaurant ne rendent jamais la monnaie" sell --db "$db" --user Lucie --item CAFE --pay voucher:10
expect 2 "ligne 3${nb}: montant «${nb}deux${nb}» mal formé" catalog import --db "$db" "$work/bad.csv"
expect 2 "n'est pas au format AAAA-MM-JJ" report day --db "$db" --date 27/11/2026
expect 2 "unknown SKU \"NOPE\"" --lang en sell --db "$db" --user Lucie --item NOPE --pay card
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --item NOPE --pay card --lang en
envs=(env -u CAISSE_LANG -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8)
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --item NOPE --pay card
envs=(env -u CAISSE_LANG -u LC_ALL -u LC_MESSAGES LANG=de_DE.UTF-8)
expect 2 "référence" sell --db "$db" --user Lucie --item NOPE --pay card
envs=(env CAISSE_LANG=fr LANG=en_US.UTF-8)
expect 2 "référence" sell --db "$db" --user Lucie --item NOPE --pay card
envs=(env CAISSE_LANG=en)
expect 2 "référence" --lang fr sell --db "$db" --user Lucie --item NOPE --pay card
# Without its translations caisse speaks English rather than fail.
envs=(env -u CAISSE_LANG -u LANG -u LC_ALL -u LC_MESSAGES CAISSE_ASSETS="$work/no-assets")
expect 2 "caisse: error: unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --item NOPE --pay card
envs=(env)

"$caisse" verify --db "$db" >/dev/null || { echo "FAIL: ledger no longer verifies"; failures=$((failures + 1)); }
if [ "$failures" -ne 0 ]; then echo "$failures bad-input checks failed"; exit 1; fi
echo "bad input: every case refused with one line, ledger unchanged"
