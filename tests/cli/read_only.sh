#!/usr/bin/env bash
# Reading is all they do (issue 10, item 7): verify and every read-only command work on an
# auditor's copy without the key, on a read-only file in a read-only directory, leave no -wal or
# -shm behind, and never warn about the missing key. Root ignores file modes, so the read-only
# runs are made as the user nobody (setpriv), for whom the copy's file and folder are read-only.
set -euo pipefail
caisse="$1"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/l.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$caisse" init --db "$db" --demo >/dev/null
mkdir -p "$work/out"  # the receipt preview writes a file: only inside printer.receipts_dir
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "printer.receipts_dir=$work/out" >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --item BISSAP --pay cash:50 >/dev/null
"$caisse" sell --db "$db" --user Mei --pin 2222 --item ECHARPE --pay card >/dev/null
"$caisse" close --db "$db" --user Karim --pin 2345 --count "100x1,20x1" --note "counted roughly" >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 100 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item BISSAP --pay cash >/dev/null
[ -e "$db-wal" ] && fail "the till left a -wal behind"

# The auditor's copy: ledger and head anchor, no key.
copy="$work/audit"
mkdir "$copy"
cp "$db" "$db.head" "$copy/"
today=$(date +%F)
# The receipt preview goes to a file of its own (the screen: printer writes beside the ledger).
out="$work/out"
chmod 1777 "$out"
commands=(
  "verify"
  "verify --json"
  "report day --date $today"
  "report day --date $today --json"
  "report z"
  "report period --month ${today:0:7}"
  "session x"
  "catalog export"
  "catalog export --json"
  "receipt --ticket 1 --printer file:$out/receipt.bin"
  "settings"
  "settings --json"
)
# run AS DIR CMD...: runs caisse as root or as nobody; checks exit 0, no key warning, no -wal/-shm.
run() {
  local as="$1" dir="$2"; shift 2
  local out err rc=0
  if [ "$as" = nobody ]; then
    out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$caisse" "$@" --db "$dir/l.db" 2>"$work/err") || rc=$?
  else
    out=$("$caisse" "$@" --db "$dir/l.db" 2>"$work/err") || rc=$?
  fi
  err=$(cat "$work/err")
  [ "$rc" -eq 0 ] || fail "$as: caisse $* exited $rc: $err"
  [[ "$err" != *key* ]] || fail "$as: caisse $* warned about the key: $err"
  [ ! -e "$dir/l.db-wal" ] && [ ! -e "$dir/l.db-shm" ] || fail "$as: caisse $* left -wal/-shm behind"
  [ -n "$out" ] || [[ "$*" == receipt* ]] || fail "$as: caisse $* printed nothing"
  if [[ "$*" == "verify --json" ]]; then
    python3 -c 'import json,sys; j=json.loads(sys.argv[1]); assert j["ok"] and j["integrity_check"] == "ok" and j["witnesses"], j' "$out" ||
      fail "$as: verify --json: $out"
  fi
}
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  run root "$copy" $c
done
before=$(sha256sum "$copy/l.db")
rm -f "$out/receipt.bin"  # root's: nobody could not overwrite it

# Read-only file in a read-only directory, for a user who is not root.
chmod 755 "$work" "$copy"
chmod 444 "$copy/l.db" "$copy/l.db.head"
if setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$caisse" 2>/dev/null &&
   ! setpriv --reuid=65534 --regid=65534 --clear-groups touch "$copy/probe" 2>/dev/null; then
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086
    run nobody "$copy" $c
  done
  # Writing is refused with a message, and nothing changes.
  rc=0
  err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$caisse" sell --db "$copy/l.db" --user Lucie --pin 1111 --item BISSAP --pay cash 2>&1 >/dev/null) || rc=$?
  [ "$rc" -ne 0 ] || fail "a sale was recorded in a read-only ledger"
  [[ "$err" == *read-only* ]] || fail "refusal does not say read-only: $err"
else
  echo "note: the user nobody cannot run $caisse here; the read-only runs were skipped"
fi
[ "$(sha256sum "$copy/l.db")" = "$before" ] || fail "reading changed the copy"

# Writing without the key is refused, naming the key; reading did not need it.
chmod 755 "$copy"; chmod 644 "$copy/l.db"
rc=0
err=$("$caisse" sell --db "$copy/l.db" --user Lucie --pin 1111 --item BISSAP --pay cash 2>&1 >/dev/null) || rc=$?
[ "$rc" -ne 0 ] && [[ "$err" == *key* ]] || fail "selling without the key: exit $rc: $err"  # checked before any PIN
echo "read-only: ${#commands[@]} commands on a key-less copy, as root and as a user with a read-only file and folder: ok"
