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
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay card >/dev/null

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

expect 2 "malformed amount" sell --db "$db" --user Lucie --pin 1111 --item PLATJ@abc --pay card
expect 2 "malformed amount" session open --db "$db" --user Karim --pin 2345 --float 12,3,4x
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
expect 2 "quantity must be at least 1" sell --db "$db" --user Lucie --pin 1111 --item MAFE*0 --pay card
expect 2 "quantity must be at least 1" sell --db "$db" --user Lucie --pin 1111 --item MAFE*-3 --pay card
expect 2 "payment short" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:5
expect 2 "only cash gives change" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card:10
expect 2 "looks mistyped" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay voucher:30
expect 2 "unknown payment method" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay bitcoin
expect 2 "unknown user" sell --db "$db" --user Nobody --pin 1234 --item CAFE --pay card
expect 2 "--pubkey must be 64 hex digits" verify --db "$db" --pubkey ""
expect 2 "discount" sell --db "$db" --user Lucie --pin 1111 --item CAFE --discount 150% --pay card

printf 'sku,name,price,vat,entrepreneur,category\nOK1,Bon,2.00,10,Aminata Diop,Plats\nBAD,Mauvais,deux,10,Aminata Diop,Plats\n' > "$work/bad.csv"
expect 2 "line 3" catalog import --db "$db" --user Karim --pin 2345 "$work/bad.csv"
printf 'sku,name,price\nX,Y,1\n' > "$work/header.csv"
expect 2 "missing column" catalog import --db "$db" --user Karim --pin 2345 "$work/header.csv"
expect 2 "cannot read" catalog import --db "$db" --user Karim --pin 2345 "$work/missing.csv"

echo "just some text, certainly not a database of any kind, long enough to fill a header page" > "$work/text.db"
expect 2 "not a Caisse Commune ledger" verify --db "$work/text.db"
expect 2 "not a Caisse Commune ledger" sell --db "$work/text.db" --user Lucie --pin 1111 --item CAFE --pay card
expect 2 "no ledger at" report day --db "$work/nothing.db"
expect 2 "not YYYY-MM-DD" report day --db "$db" --date 27/11/2026

# An export's file option never replaces the ledger, its key or another ledger (a newcomer's trial
# turned a coordinator's ledger into a PDF), whatever the spelling of the path.
key_before=$(sha256sum < "$db.key")
expect 2 "is a file of this ledger" cape statement --db "$db" --from 2026-01-01 --to 2026-12-31 --pdf "$db"
expect 2 "is a file of this ledger" export fec --db "$db" --year 2026 --out "$db.key"
expect 2 "is a file of this ledger" export tickets --db "$db" --out "$work/../$(basename "$work")/l.db"
expect 2 "is a file of this ledger" roster export --db "$db" --out "$db.head"
expect 2 "is a file of this ledger" export lines --db "$db" --out "$db-wal"
cp "$db" "$work/other.db"; cp "$db.key" "$work/other.db.key"
expect 2 "is a SQLite database" export catalogue --db "$db" --out "$work/other.db"
expect 2 "belongs to the ledger" export catalogue --db "$db" --out "$work/other.db.key"
expect 2 "belongs to the ledger" export tickets --db "$db" --out "$work/other.db-wal"
expect 2 "belongs to the ledger" export tickets --db "$db" --out "$work/other.db.receipts"
[ -e "$work/other.db-wal" ] && { echo "FAIL: an export wrote another ledger's WAL"; failures=$((failures + 1)); }
expect 2 "is a folder" export catalogue --db "$db" --out "$work"
expect 2 "its folder does not exist" export catalogue --db "$db" --out "$work/nowhere/c.csv"
[ "$(sha256sum < "$db.key")" = "$key_before" ] || { echo "FAIL: an export changed the ledger's key"; failures=$((failures + 1)); }
cmp -s "$db.key" "$work/other.db.key" || { echo "FAIL: an export changed another ledger's key"; failures=$((failures + 1)); }
ls "$work"/*.tmp-* >/dev/null 2>&1 && { echo "FAIL: a temporary export file was left"; failures=$((failures + 1)); }
rm -f "$work/other.db" "$work/other.db.key"

cp "$db" "$work/newer.db"; cp "$db.key" "$work/newer.db.key"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
err=$("$caisse" sell --db "$work/newer.db" --user Lucie --pin 1111 --item CAFE --pay card 2>&1); rc=$?
if [ $rc -ne 2 ] || [[ "$err" != *"newer caisse"* ]]; then echo "FAIL newer version: $rc $err"; failures=$((failures + 1)); fi
[ "$(sqlite3 "$work/newer.db" 'PRAGMA user_version')" = 99 ] || { echo "FAIL newer version: file changed"; failures=$((failures + 1)); }

# A second process holds the write lock: the sale is refused after the busy timeout, nothing recorded.
python3 - "$db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); open(sys.argv[1] + ".locked", "w").close(); time.sleep(5); c.execute("ROLLBACK")
PY
while [ ! -e "$db.locked" ]; do sleep 0.05; done
expect 3 "busy" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card
wait

# French by default: no --lang, no CAISSE_LANG, no locale. Still one line, same exit codes, nothing recorded.
nb=$'\xc2\xa0'  # French puts a no-break space before ':' and inside « »
envs=(env -u CAISSE_LANG -u LANG -u LC_ALL -u LC_MESSAGES)
expect 2 "caisse${nb}: erreur${nb}: référence «${nb}NOPE${nb}» inconnue" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
expect 2 "paiement insuffisant${nb}: 5,00${nb}€ donnés pour 9,50${nb}€ dus" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:5
expect 2 "le montant semble mal saisi" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay voucher:30
expect 2 "ligne 3${nb}: montant «${nb}deux${nb}» mal formé" catalog import --db "$db" --user Karim --pin 2345 "$work/bad.csv"
expect 2 "n'est pas au format AAAA-MM-JJ" report day --db "$db" --date 27/11/2026
expect 2 "unknown SKU \"NOPE\"" --lang en sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card --lang en
envs=(env -u CAISSE_LANG -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8)
expect 2 "unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
envs=(env -u CAISSE_LANG -u LC_ALL -u LC_MESSAGES LANG=de_DE.UTF-8)
expect 2 "référence" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
envs=(env CAISSE_LANG=fr LANG=en_US.UTF-8)
expect 2 "référence" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
envs=(env CAISSE_LANG=en)
expect 2 "référence" --lang fr sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
# Without its translations caisse speaks English rather than fail.
envs=(env -u CAISSE_LANG -u LANG -u LC_ALL -u LC_MESSAGES CAISSE_ASSETS="$work/no-assets")
expect 2 "caisse: error: unknown SKU \"NOPE\"" sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay card
envs=(env)

# --- Issue 10, items 3 and 9: limits and validated settings. ---------------------------------
# Nothing here may hang: each command runs under a timeout (exit 124 fails the check).
envs=(timeout 10 env)
# A catalogue that is not a file ends at once with a message: a FIFO nobody writes to, a folder,
# /dev/zero (endless), a file above 8 MiB (sparse: no disk used).
mkfifo "$work/fifo.csv"
expect 2 "is not a regular file" catalog import --db "$db" --user Karim --pin 2345 "$work/fifo.csv"
expect 2 "is a folder" catalog import --db "$db" --user Karim --pin 2345 "$work"
expect 2 "is not a regular file" catalog import --db "$db" --user Karim --pin 2345 /dev/zero
truncate -s 9M "$work/huge.csv"
expect 2 "larger than 8 MiB" catalog import --db "$db" --user Karim --pin 2345 "$work/huge.csv"
# VAT rates: only those the till knows, the list in the message.
printf 'sku,name,price,vat,entrepreneur,category\nOLD,Vieux taux,2.00,19.6,Aminata Diop,Plats\n' > "$work/vat.csv"
expect 2 "is not one this till knows (20" catalog import --db "$db" --user Karim --pin 2345 "$work/vat.csv"
printf 'sku,name,price,vat,entrepreneur,category\nDOM,Rhum,2.00,8.5,Aminata Diop,Plats\n' > "$work/dom.csv"
expect 2 "line 2: VAT rate 8,5" catalog import --db "$db" --user Karim --pin 2345 "$work/dom.csv"
printf 'sku,name,price,vat,entrepreneur,category\nCHER,Cher,100000.01,20,Aminata Diop,Plats\n' > "$work/price.csv"
expect 2 "mistyped" catalog import --db "$db" --user Karim --pin 2345 "$work/price.csv"
printf 'sku,name,price,vat,entrepreneur,category\nRLO,\xe2\x80\xaeabc,2.00,20,Aminata Diop,Plats\n' > "$work/bidi.csv"
expect 2 "invisible formatting character (U+202E)" catalog import --db "$db" --user Karim --pin 2345 "$work/bidi.csv"
# Cash far above what is due is a typo (20,00 typed 2000), not a sale.
expect 2 "looks mistyped" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:2000
# Names unique after case folding and NFKC: "AWA" and fullwidth "Ａｗａ" are the admin Awa.
expect 2 'already exists (as "Awa")' user add --db "$db" --name AWA --role seller --user Awa --pin 1234 --new-pin 4321
expect 2 'already exists (as "Awa")' user add --db "$db" --name $'\xef\xbc\xa1\xef\xbd\x97\xef\xbd\x81' --role seller --user Awa --pin 1234 --new-pin 4321
expect 2 "invisible formatting character" user add --db "$db" --name $'Awa\xe2\x80\x8f' --role seller --user Awa --pin 1234 --new-pin 4321
# A new PIN (user pin, the screen's Gestion > Utilisateurs): a bad one, an unknown user.
expect 2 "a PIN has 4 to 8 digits" user pin --db "$db" --name Lucie --new-pin 12 --user Karim --pin 2345
expect 2 'unknown user "Nobody"' user pin --db "$db" --name Nobody --new-pin 1234 --user Karim --pin 2345
# Settings: a business name with a bidi override, an empty one.
expect 2 "the business name contains an invisible formatting character (U+202E)" settings --db "$db" --user Karim --pin 2345 --set $'business.name=Caisse \xe2\x80\xaeabc'
expect 2 "the business name is empty" settings --db "$db" --user Karim --pin 2345 --set "business.name="
# A printer URI never points at the ledger's own files, whatever the spelling.
mkdir -p "$work/receipts" "$work/other"
for target in "$db" "$db-wal" "$db-shm" "$db.key" "$db.head" "$db.secrets" "$work/./l.db" "$work/other/../l.db"; do
  expect 2 "ledger's own files" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$target"
done
expect 2 "ledger's own files" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file://$db"
# A print command's --printer is held to the same rules (and a refused reprint records nothing).
expect 2 "ledger's own files" reprint --db "$db" --user Karim --pin 2345 --ticket 1 --printer "file:$db"
expect 2 "ledger's own files" receipt --db "$db" --ticket 1 --printer "file:$db.key"
# A regular file only inside the configured receipts folder, links followed.
expect 2 "set printer.receipts_dir" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/r.bin"
expect 2 "is not an existing folder" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work/nowhere"
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work/receipts" >/dev/null || { echo "FAIL: receipts folder refused"; failures=$((failures + 1)); }
before=$(fingerprint)  # a setting changed is journaled (JET settings.change): the checks below start from here
ln -s "$db" "$work/receipts/link.bin"
ln "$db.key" "$work/receipts/hard.bin" 2>/dev/null || cp "$db.key" "$work/receipts/hard.bin"
ln -s "$work/other/gone.bin" "$work/receipts/dangling.bin"
expect 2 "ledger's own files" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/link.bin"
if [ "$(stat -c %i "$db.key")" = "$(stat -c %i "$work/receipts/hard.bin")" ]; then
  expect 2 "ledger's own files" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/hard.bin"
fi
expect 2 "link to nothing" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/dangling.bin"
expect 2 "outside the receipts folder" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/other/r.bin"
expect 2 "outside the receipts folder" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/../other/r.bin"
expect 2 "neither a device nor a regular file" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts"
# Allowed: a file in the folder, a printer device (present or unplugged), the network, USB.
for ok in "file:$work/receipts/r.bin" "file:/dev/null" "file:/dev/usb/lp0" "tcp://192.0.2.10:9100" "usb:auto" "screen:"; do
  "$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=$ok" >/dev/null || { echo "FAIL: printer.uri=$ok refused"; failures=$((failures + 1)); }
done
# Moving the receipts folder away from the configured printer file is refused too.
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$work/receipts/r.bin" >/dev/null
before=$(fingerprint)
expect 2 "outside the receipts folder" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work/other"
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=auto" >/dev/null
before=$(fingerprint)  # the settings just changed are journaled (JET settings.change)
# Extra VAT rates are configured, checked and then accepted by an import (on a copy: this adds products).
expect 2 "already a standard rate" settings --db "$db" --user Karim --pin 2345 --set vat.extra_rates=20
expect 2 "not a percentage" settings --db "$db" --user Karim --pin 2345 --set vat.extra_rates=huit
for f in "$db" "$db".key "$db".head "$db".credentials; do [ -e "$f" ] && cp "$f" "$work/dom.db${f#"$db"}"; done
"$caisse" settings --db "$work/dom.db" --user Karim --pin 2345 --set vat.extra_rates=8.5,13 >/dev/null || { echo "FAIL: vat.extra_rates refused"; failures=$((failures + 1)); }
"$caisse" catalog import --db "$work/dom.db" --user Karim --pin 2345 "$work/dom.csv" >/dev/null || { echo "FAIL: an 8.5 % product with vat.extra_rates=8.5 refused"; failures=$((failures + 1)); }
# Argument errors (CLI11) are one line, in the user's language; --help is unchanged.
expect 2 "caisse: error: option --db is required" sell --user Lucie --pin 1111 --item MAFE --pay card
expect 2 "unexpected argument: --frobnicate" verify --db "$db" --frobnicate
expect 2 "unexpected argument: --frobnicate 12 (see" verify --db "$db" --frobnicate 12
expect 2 "option --ticket needs a value" reprint --db "$db" --user Karim --pin 2345 --ticket
expect 2 "option --ticket: \"abc\" is not a valid value" reprint --db "$db" --user Karim --pin 2345 --ticket abc
expect 2 "a subcommand is missing" user
expect 2 'unknown subcommand "lsit" of user: the subcommands are add, list, pin, role' user lsit --db "$db"
expect 2 "option --integrity: \"fast\" is not one of {quick,full}" verify --db "$db" --integrity fast
envs=(timeout 10 env -u CAISSE_LANG -u LANG -u LC_ALL -u LC_MESSAGES)
expect 2 "«${nb}fast${nb}» ne fait pas partie de {quick,full}" verify --db "$db" --integrity fast
expect 2 "caisse${nb}: erreur${nb}: l'option --db est obligatoire" sell --user Lucie --pin 1111 --item MAFE --pay card
expect 2 "argument inattendu${nb}: --frobnicate" verify --db "$db" --frobnicate
expect 2 "«${nb}abc${nb}» n'est pas une valeur valide" reprint --db "$db" --user Karim --pin 2345 --ticket abc
expect 2 "semble mal tapé" sell --db "$db" --user Lucie --pin 1111 --item MAFE --pay cash:2000
expect 2 "écrirait dans les fichiers du journal" settings --db "$db" --user Karim --pin 2345 --set "printer.uri=file:$db"
expect 2 "est un dossier" catalog import --db "$db" --user Karim --pin 2345 "$work"
envs=(env)
help_out=$("$caisse" --help 2>&1); rc=$?
if [ $rc -ne 0 ] || [ "$(printf '%s\n' "$help_out" | wc -l)" -lt 5 ]; then echo "FAIL: --help changed: $rc"; failures=$((failures + 1)); fi

# French help headings take a no-break space before their colon (CLI11 writes the colon itself).
help_fr=$(CAISSE_LANG=fr "$caisse" --help 2>&1)
for h in "Utilisation" "Options" "Sous-commandes"; do
  if ! printf '%s\n' "$help_fr" | grep -q "^$h$nb:"; then echo "FAIL: French help heading $h lacks its no-break space: $(printf '%s\n' "$help_fr" | grep "^$h")"; failures=$((failures + 1)); fi
done
if ! CAISSE_LANG=fr "$caisse" catalog --help 2>&1 | grep -q "^Options$nb:"; then echo "FAIL: catalog --help's Options heading lacks its no-break space"; failures=$((failures + 1)); fi
help_en=$(CAISSE_LANG=en "$caisse" --help 2>&1)
if ! printf '%s\n' "$help_en" | grep -q "^Usage: "; then echo "FAIL: English help heading changed: $(printf '%s\n' "$help_en" | head -3)"; failures=$((failures + 1)); fi

"$caisse" verify --db "$db" >/dev/null || { echo "FAIL: ledger no longer verifies"; failures=$((failures + 1)); }
if [ "$failures" -ne 0 ]; then echo "$failures bad-input checks failed"; exit 1; fi
echo "bad input: every case refused with one line, ledger unchanged"
