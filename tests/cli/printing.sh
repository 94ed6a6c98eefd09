#!/usr/bin/env bash
# Receipts through the CLI, read back by the independent ESC/POS decoder (tests/escpos_decoder), and
# printing failures: a clear message, exit 2 (bad input) or 5 (printer), and the sales kept.
set -uo pipefail
caisse="$1"
source_dir="$2"
decode() { python3 "$source_dir/tests/escpos_decoder/escpos_decode.py" "$@"; }
# Widest line of a UTF-8 text file, in characters (awk would count bytes).
# The QR code's data (the receipt's text on one "[qr ...]" line) is not printed as text: left out.
widest() { python3 -c 'import sys; print(max((len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("[qr ")), default=0))' "$1"; }
# grep with the no-break spaces of amounts ("121,50 €") read as plain spaces.
has() { python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read().replace("\u00a0", " ").replace("\u202f", " "); sys.exit(0 if sys.argv[2] in t else 1)' "$1" "$2"; }
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/p.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
"$caisse" init --db "$db" --demo >/dev/null
# A file: printer writes regular files only inside the receipts folder (issue 10, item 3).
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work" >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 50 >/dev/null
# Nine lines, three VAT rates (5.5 %, 10 %, 20 %), a ticket discount, card and cash with change.
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item COUSC --item BOBUN --item CEVI --item EAU*3 --item CHE \
  --item NEMS --item ECHARPE --item BONNET --discount 5,00 --manager Karim --manager-pin 2345 --pay card:100 --pay cash:100 >/dev/null

# 1. The receipt on 80 mm paper reads back as expected (date and fingerprint masked).
"$caisse" receipt --db "$db" --ticket 1 --printer "file:$work/r80.bin" --profile generic-80 >/dev/null || fail "receipt 80 mm"
decode "$work/r80.bin" >"$work/r80.txt" || fail "the decoder refused the 80 mm receipt"
# (The QR code at the end holds the receipt's text and the record's whole hash: masked too.)
sed -E -e 's#[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}#DD/MM/YYYY HH:MM   #' \
       -e 's#Empreinte : [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}#Empreinte : FINGERPRINT#' \
       -e 's#SHA-256 [0-9a-f]{64}#SHA-256 HASH#' \
       "$work/r80.txt" >"$work/r80.masked"
[ -n "${CAISSE_UPDATE_GOLDEN:-}" ] && cp "$work/r80.masked" "$source_dir/tests/cli/expected/receipt-9-lines-80mm.txt"
diff -u "$source_dir/tests/cli/expected/receipt-9-lines-80mm.txt" "$work/r80.masked" || fail "80 mm receipt differs from the expected text"
# The fingerprint printed is the start of the ticket's recorded hash.
hash=$(sqlite3 "$db" "SELECT lower(hex(j.hash)) FROM journal j JOIN sales s ON s.seq = j.seq WHERE s.ticket = 1")
grep -q "Empreinte : ${hash:0:4} ${hash:4:4} ${hash:8:4} ${hash:12:4}" "$work/r80.txt" || fail "fingerprint is not the ticket hash"
grep -q "^\[qr .*SHA-256 $hash\]$" "$work/r80.txt" || fail "the QR code does not end with the ticket's whole hash"

# 2. On 58 mm: decodes cleanly, nothing wider than 32 columns, same amounts.
"$caisse" receipt --db "$db" --ticket 1 --printer "file:$work/r58.bin" --profile generic-58 >/dev/null || fail "receipt 58 mm"
decode "$work/r58.bin" >"$work/r58.txt" || fail "the decoder refused the 58 mm receipt"
[ "$(widest "$work/r58.txt")" -le 32 ] || fail "58 mm line too wide"
has "$work/r58.txt" "TOTAL TTC               121,50 €" || fail "58 mm total"
has "$work/r58.txt" "C 20 % HT 52,82 TVA 10,57  63,39" || fail "58 mm VAT row"

# 3. Duplicates are numbered, journaled, and the ledger still verifies (ours and the independent one).
"$caisse" reprint --db "$db" --user Karim --pin 2345 --ticket 1 --printer "file:$work/d1.bin" >/dev/null || fail "reprint 1"
"$caisse" reprint --db "$db" --user Karim --pin 2345 --ticket 1 --printer "file:$work/d2.bin" --json >"$work/d2.json" || fail "reprint 2"
decode "$work/d2.bin" | grep -v "^\[qr " | grep -c "DUPLICATA n° 2" | grep -qx 2 || fail "duplicate 2 is not marked at top and bottom"
grep -q '"duplicate": 2' "$work/d2.json" || fail "--json lacks the duplicate number"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'")" = 2 ] || fail "duplicates not journaled"
"$caisse" verify --db "$db" >/dev/null || fail "verify after duplicates"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$db" >/dev/null || fail "independent verifier after duplicates"

# 4. Failures. fingerprint() changes if anything is recorded.
fingerprint() { sqlite3 "$db" "SELECT COUNT(*), hex(MAX(hash)) FROM journal"; }
expect() {  # expect CODE "words" -- caisse args...
  local code="$1" words="$2"; shift 2
  local before err rc
  before=$(fingerprint)
  err=$("$caisse" "$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq "$code" ] || fail "($*): exit $rc, expected $code: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "($*): error is not one line: $err"
  case "$err" in *"$words"*) ;; *) fail "($*): message lacks \"$words\": $err" ;; esac
  [ "$(fingerprint)" = "$before" ] || fail "($*): ledger changed"
}
expect 2 '"lpt1"' receipt --db "$db" --ticket 1 --printer lpt1
expect 2 '"lpt1"' reprint --db "$db" --user Karim --pin 2345 --ticket 1 --printer lpt1           # nothing journaled for a bad URI
expect 2 'no ticket 9 on this till' reprint --db "$db" --user Karim --pin 2345 --ticket 9 --printer "file:$work/x.bin"
expect 2 'unknown printer profile "tm-9000"' receipt --db "$db" --ticket 1 --printer screen: --profile tm-9000
expect 5 'did not print' receipt --db "$db" --ticket 1 --printer file:/dev/usb/caisse-unplugged-lp9 --wait 4
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
expect 5 'connection refused' receipt --db "$db" --ticket 1 --printer "tcp://127.0.0.1:$port" --wait 4
printf 'not a picture' >"$work/text.png"
expect 2 'text.png' settings --db "$db" --user Karim --pin 2345 --set "receipt.logo=$work/text.png"
expect 2 'unknown setting "business.colour"' settings --db "$db" --user Karim --pin 2345 --set business.colour=red
"$caisse" verify --db "$db" >/dev/null || fail "verify after the failures"

# 5. A real logo prints as a raster image; then the file goes bad: the receipt still prints without it.
python3 - "$work/logo.png" <<'PY'
import struct, sys, zlib
w, h = 120, 40
rows = b"".join(b"\x00" + bytes((x * 2) % 256 for x in range(w)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
if "$caisse" settings --db "$db" --user Karim --pin 2345 --set "receipt.logo=$work/logo.png" >/dev/null; then
  "$caisse" receipt --db "$db" --ticket 1 --printer "file:$work/logo.bin" >/dev/null || fail "receipt with logo"
  decode "$work/logo.bin" | grep -q '^\[image 576x40\]' || fail "logo is not a 40-row raster image"
  printf 'garbage' >"$work/logo.png"
  "$caisse" receipt --db "$db" --ticket 1 --printer "file:$work/nologo.bin" >/dev/null || fail "receipt with a broken logo"
  decode "$work/nologo.bin" | grep -q 'TOTAL TTC' || fail "receipt without the broken logo"
else
  fail "a PNG logo was refused"
fi

# 6. A 10,000-character product name sells and prints, wrapped.
name=$(python3 -c 'print(("Boubou brodé " * 800)[:10000])')
printf 'sku,name,price,vat,entrepreneur,category\nLONG,%s,12.00,20,Jeanne Morel,Textile\n' "$name" >"$work/long.csv"
if "$caisse" catalog import --db "$db" --user Karim --pin 2345 "$work/long.csv" >/dev/null 2>"$work/long.err"; then
  "$caisse" sell --db "$db" --user Lucie --pin 1111 --item LONG --pay card >/dev/null || fail "sell the long name"
  "$caisse" receipt --db "$db" --ticket 2 --printer "file:$work/long.bin" --profile generic-58 >/dev/null || fail "print the long name"
  decode "$work/long.bin" >"$work/long.txt" || fail "decode the long name"
  [ "$(widest "$work/long.txt")" -le 32 ] || fail "long name overflows 32 columns"
  [ "$(grep -c 'Boubou' "$work/long.txt")" -gt 300 ] || fail "long name lost words"
else
  grep -q . "$work/long.err" || fail "long name refused without a message"
fi

"$caisse" verify --db "$db" >/dev/null || fail "final verify"
[ "$failures" -eq 0 ] && echo "printing: all checks passed"
exit "$failures"
