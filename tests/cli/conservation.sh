#!/usr/bin/env bash
# Archives, backups and restore through the CLI (issue 9, items 6 and 7): export and verify a
# month, the independent Python checker agrees, a flipped byte is named by its record (exit 1),
# a backup with its anchor and no secrets, an older backup's restore refused naming the records
# (exit 2, ledger unchanged), the backup made by itself after a Z when backup.dir is set.
set -euo pipefail
caisse="$1"; src="$2"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/caisse.db"
stick="$work/stick"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Closes the open session with the drawer counted exactly (the fewest notes and coins) and the
# card total as sold.
close_exactly() {
  local x count card
  x=$("$caisse" session x --db "$db" --json)
  count=$(python3 -c '
import json,sys; c=json.load(sys.stdin)["expected_cash"]; out=[]
for d in [50000,20000,10000,5000,2000,1000,500,200,100,50,20,10,5,2,1]:
    q=c//d; c-=q*d
    if q: out.append("%gx%d"%(d/100,q))
print(",".join(out))' <<<"$x")
  card=$(python3 -c 'import json,sys; print("%d.%02d" % divmod(json.load(sys.stdin)["by_tender"].get("card",0),100))' <<<"$x")
  "$caisse" close --db "$db" --user Karim --pin 2345 --count "$count" --card "$card" >/dev/null
}
mkdir "$stick"

"$caisse" init --db "$db" --demo >/dev/null
pubkey=$(sqlite3 "$db" "SELECT json_extract(payload, '$.public_key') FROM journal WHERE seq = 1")
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --pay cash:20 >/dev/null
"$caisse" sell --db "$db" --user Mei --pin 2222 --item ECHARPE --pay card >/dev/null
close_exactly
month=$(sqlite3 "$db" "SELECT substr(date,1,7) FROM day_closures WHERE z = 1")

# Export, verify, the independent checker.
out=$("$caisse" archive export --db "$db" --period "$month" --out "$work/a.jsonl" --json)
[ "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["last_z"])' <<<"$out")" = 1 ] || fail "export: $out"
[ "$(sqlite3 "$db" "SELECT code FROM events ORDER BY seq DESC LIMIT 1")" = archive.export ] || fail "export not journaled"
"$caisse" archive verify "$work/a.jsonl" --pubkey "$pubkey" >/dev/null || fail "archive verify"
python3 "$src/tests/verifier/verify_archive.py" "$work/a.jsonl" "$pubkey" >/dev/null || fail "independent checker refuses a good archive"
rc=0; "$caisse" archive export --db "$db" --period "$month" --out "$work/a.jsonl" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "export over an existing file: exit $rc"
rc=0; "$caisse" archive export --db "$db" --period 2001-01 --out "$work/b.jsonl" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "export of a period without Z: exit $rc"

# One byte flipped in the second sale's payload: named by its record, by both checkers.
seq=$(sqlite3 "$db" "SELECT seq FROM journal WHERE kind = 'sale' ORDER BY seq LIMIT 1 OFFSET 1")
first=$(head -1 "$work/a.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["first_seq"])')
line=$((seq - first + 2))
sed -i "${line}s/\\\\\"total\\\\\":\\([0-9]\\)/\\\\\"total\\\\\":9\\1/" "$work/a.jsonl"
rc=0; report=$("$caisse" archive verify "$work/a.jsonl") || rc=$?
[ "$rc" = 1 ] || fail "a flipped byte: exit $rc: $report"
[[ "$report" == *"record $seq (sale): its hash does not match"* ]] || fail "the flipped record is not named: $report"
rc=0; python3 "$src/tests/verifier/verify_archive.py" "$work/a.jsonl" >/dev/null || rc=$?
[ "$rc" = 1 ] || fail "independent checker misses a flipped byte"

# Backup: verified copy and anchor, no secrets; verify with the backup's anchor as witness.
out=$("$caisse" backup --db "$db" --to "$stick" --json)
folder=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["backup"])' <<<"$out")
[ -f "$folder/caisse.db" ] && [ -f "$folder/caisse.db.head" ] && [ -f "$stick/caisse.db.head" ] || fail "backup files: $(ls -R "$stick")"
! ls -R "$stick" | grep -Eq '\.key|credentials' || fail "a secret in the backup"
"$caisse" verify --db "$folder/caisse.db" >/dev/null || fail "the backup does not verify"
"$caisse" verify --db "$db" --backup-dir "$stick" --json | grep -q '"backup_head"' || fail "backup witness"
# A backup folder that is not there is a wrong argument (exit 2, named), not a tampered ledger (exit 1).
rc=0; "$caisse" verify --db "$db" --backup-dir "$work/no-such-stick" >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" = 2 ] && grep -q "no-such-stick" "$work/err" || fail "verify with a missing backup folder: exit $rc $(cat "$work/err" "$work/out")"
rc=0; "$caisse" backup --db "$db" --to "$work/unplugged" 2>"$work/err" || rc=$?
[ "$rc" = 2 ] && grep -q "unplugged" "$work/err" || fail "missing folder: exit $rc $(cat "$work/err")"

# An older backup over a newer ledger: refused, records named, nothing changed.
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay cash >/dev/null
before=$(sqlite3 "$db" "SELECT count(*), hex(max(hash)) FROM journal")
rc=0; "$caisse" restore --from "$folder" --db "$db" 2>"$work/err" || rc=$?
[ "$rc" = 2 ] || fail "restore of an older backup: exit $rc"
grep -q "terminal T1: records" "$work/err" || fail "restore refusal does not name the records: $(cat "$work/err")"
[ "$(sqlite3 "$db" "SELECT count(*), hex(max(hash)) FROM journal")" = "$before" ] || fail "the refused restore changed the ledger"

# A restore while a till has the ledger open (here a program holding it open as the till does):
# refused, said so, nothing changed, even with --accept-loss.
fifo="$work/hold"; mkfifo "$fifo"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("SELECT count(*) FROM journal").fetchall(); print("open", flush=True); sys.stdin.read()' \
    "$db" <"$fifo" >"$work/holder" &
holder=$!
exec 7>"$fifo"
for _ in $(seq 50); do grep -q open "$work/holder" && break; sleep 0.1; done
rc=0; "$caisse" restore --from "$folder" --db "$db" --accept-loss 2>"$work/err" || rc=$?
exec 7>&-
wait "$holder"
[ "$rc" = 2 ] && grep -q "is open in a till" "$work/err" || fail "restore while the ledger is open: exit $rc $(cat "$work/err")"
[ "$(sqlite3 "$db" "SELECT count(*), hex(max(hash)) FROM journal")" = "$before" ] || fail "the refused restore changed the ledger"

# The backup after each Z, when backup.dir is set.
"$caisse" settings --db "$db" --set "backup.dir=$stick" --set backup.keep=2 --user Karim --pin 2345 >/dev/null
close_exactly
z_seq=$(sqlite3 "$db" "SELECT seq FROM day_closures WHERE z = 2")
newest=$(ls -d "$stick"/caisse.db-* | sort | tail -1)
[ "$(ls -d "$stick"/caisse.db-* | wc -l)" = 2 ] || fail "backup after Z: $(ls "$stick")"
[ "$(sqlite3 "$newest/caisse.db" "SELECT count(*) FROM journal WHERE seq = $z_seq AND kind = 'closure.day'")" = 1 ] || fail "the Z is not in the backup made after it"
[ "$(sqlite3 "$db" "SELECT code FROM events ORDER BY seq DESC LIMIT 1")" = backup.done ] || fail "the backup after the Z is not journaled"
"$caisse" verify --db "$db" >/dev/null || fail "ledger does not verify at the end"
echo ok
