#!/usr/bin/env bash
# The technical event log (JET) and training mode through the CLI (issue "Corrections and
# conservation", items 4 and 5): a seller's refused attempts (cash out, close, prices, settings,
# training off) each leave one auth.refused record and nothing else; training tickets have their own
# numbers and stay out of the Z; `caisse events` lists everything in time order, --since, --json,
# and reads a read-only copy without a key or a PIN.
set -euo pipefail
caisse="$1"
export CAISSE_LANG=en
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
db="$work/l.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$db" "$1"; }
json() { python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" session open --db "$db" --user Karim --pin 2345 --float 150 >/dev/null
"$caisse" sell --db "$db" --user Lucie --pin 1111 --item MAFE*2 --pay cash:20 >/dev/null
"$caisse" training on --db "$db" --user Karim --pin 2345 >/dev/null

# refused_jet "words" ACTION -- caisse args: refused (exit 2, one line), one more auth.refused record
# naming Lucie and the action, and nothing else recorded.
refused_jet() {
  local words="$1" action="$2"; shift 2
  local before others err rc=0
  before=$(q "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")
  others=$(q "SELECT COUNT(*) FROM journal WHERE kind <> 'event'")
  err=$("$caisse" "$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2: $err"
  [[ "$err" == *"$words"* ]] || fail "$*: message lacks \"$words\": $err"
  [ "$(q "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'")" -eq $((before + 1)) ] || fail "$*: no JET record of the refusal"
  [ "$(q "SELECT user_id || ' ' || action FROM events ORDER BY seq DESC LIMIT 1")" = "3 $action" ] || fail "$*: the record does not name Lucie and '$action'"
  [ "$(q "SELECT COUNT(*) FROM journal WHERE kind <> 'event'")" -eq "$others" ] || fail "$*: something else was recorded"
}
printf 'sku,name,price,vat,entrepreneur,category\nMAFE,Mafé,1,10,Aminata Diop,Plats\n' >"$work/cheap.csv"
refused_jet "may not take cash out" "take cash out" session cash-out --db "$db" --user Lucie --pin 1111 --amount 10 --reason banque
refused_jet "may not close the day" "close the day" close --db "$db" --user Lucie --pin 1111 --count 50x3 --note x
refused_jet "may not import the catalogue" "import the catalogue" catalog import --db "$db" --user Lucie --pin 1111 "$work/cheap.csv"
refused_jet "may not change the settings" "change the settings" settings --db "$db" --user Lucie --pin 1111 --set business.name=Autre
refused_jet "may not turn training mode off" "turn training mode off" training off --db "$db" --user Lucie --pin 1111
[ "$(q "SELECT price FROM product_versions WHERE sku = 'MAFE' ORDER BY seq DESC LIMIT 1")" -eq 950 ] || fail "the price changed"

# Training: own numbers, marked output, nothing real.
t1=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item YASSA --pay cash:20 --json)
[ "$(json "$t1" 'j["training"]')" = True ] || fail "not a training sale: $t1"
[ "$(json "$t1" 'j["ticket"]')" -eq 1 ] || fail "first training ticket is not 1: $t1"
out=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card)
[[ "$out" == *"TRAINING MODE: training ticket 2"* ]] || fail "text output does not say training: $out"
err=$("$caisse" training on --db "$db" --user Karim --pin 2345 2>&1 >/dev/null) && fail "training on twice"
[[ "$err" == *"already on"* ]] || fail "training on twice: $err"
"$caisse" training off --db "$db" --user Karim --pin 2345 >/dev/null
r2=$("$caisse" sell --db "$db" --user Lucie --pin 1111 --item CAFE --pay card --json)
[ "$(json "$r2" 'j["ticket"]')" -eq 2 ] || fail "a training ticket took a real number: $r2"
[ "$(json "$r2" 'j["training"]')" = False ] || fail "still training: $r2"
z=$("$caisse" close --db "$db" --user Karim --pin 2345 --count 50x3,10x1,5x1,2x2 --json)
[ "$(json "$z" 'j["tickets"]')" -eq 2 ] || fail "the Z counts training tickets: $z"
[ "$(json "$z" 'j["total"]')" -eq $((1900 + $(json "$r2" 'j["total"]'))) ] || fail "the Z total includes training: $z"
"$caisse" verify --db "$db" >/dev/null || fail "verify"

# The event log: every kind in one time-ordered list.
ev=$("$caisse" events --db "$db" --json)
python3 - "$ev" <<'PY' || fail "events --json"
import json, sys
log = json.loads(sys.argv[1])
codes = [e["code"] for e in log]
for want in ("genesis", "user.add", "product.set", "session.open", "auth.refused", "training.on", "training.off", "closure.day"):
    assert want in codes, want
assert "sale" not in codes and "training.sale" not in codes
assert [e["at_utc"] for e in log] == sorted(e["at_utc"] for e in log), "not in time order"
on = next(e for e in log if e["code"] == "training.on")
assert on["user_name"] == "Karim" and on["kind"] == "event", on
assert sum(1 for c in codes if c == "auth.refused") == 5, codes
PY
text=$("$caisse" events --db "$db")
[[ "$text" == *"auth.refused"*"Lucie"*"take cash out"* ]] || fail "events text: $text"
# Actions and details are recorded in English in the signed records; the text is in the reader's language.
text_fr=$(CAISSE_LANG=fr "$caisse" events --db "$db")
[[ "$text_fr" == *"il faut le rôle gestion"* && "$text_fr" == *"écart"* && "$text_fr" == *"fond de caisse 150,00"* ]] ||
    fail "events in French: $text_fr"
[[ "$text_fr" != *"needs the manager role"* && "$text_fr" != *"over/short"* ]] || fail "an English detail in French: $text_fr"
since=$(q "SELECT at_utc FROM journal WHERE kind = 'closure.day'")
[ "$("$caisse" events --db "$db" --since "$since" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -ge 1 ] || fail "--since"
[ "$("$caisse" events --db "$db" --since 2999-01-01 --json)" = "[]" ] || fail "--since in the future lists something"
err=$("$caisse" events --db "$db" --since yesterday 2>&1 >/dev/null) && fail "--since yesterday accepted"
[[ "$err" == *"neither a date"* ]] || fail "--since yesterday: $err"

# Read-only: a copy without key or PIN, in a read-only folder.
mkdir "$work/ro"
cp "$db" "$db.head" "$work/ro/"
chmod -R a-w "$work/ro"
n=$("$caisse" events --db "$work/ro/l.db" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" -eq "$(echo "$ev" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" ] || fail "read-only copy lists $n events"
[ ! -e "$work/ro/l.db-wal" ] || fail "reading left a -wal"
echo "ok"
