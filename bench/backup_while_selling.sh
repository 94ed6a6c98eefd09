#!/usr/bin/env bash
# Backup of a big ledger while a till sells into it, in one command (issue 9, done means: "backup of a
# 1,000,000-ticket ledger while selling: no sale waits longer than 50 ms").
#   bench/backup_while_selling.sh [LEDGER] [--tickets N] [--sell-seconds S]
# LEDGER: a generated ledger (default build/bench-data/ledger-1m.db, as bench/run.sh makes it). It is
# only read: bench_archive copies its files (refusing while a writer has it open), sells into the copy
# for S seconds (default 3), runs `caisse backup`'s make_backup on the copy while the sales go on,
# sells S seconds more (the checkpoint the backup's snapshot held back comes then), and prints the
# longest wait of a sale. The copy (in CAISSE_BENCH_DIR, default build/bench-data of this tree) is
# removed after. When LEDGER does not exist it is generated first (--tickets N, default 1000000, over 365 days, as bench/run.sh does).
# Builds caisse-genledger and bench_archive under `nice -n 19`. Prints the machine's load before and
# after: the 50 ms goal is for a quiet machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LEDGER=$ROOT/build/bench-data/ledger-1m.db TICKETS=1000000 SELL=3
while (($#)); do
    case $1 in
        --tickets) TICKETS=$2; shift ;;
        --sell-seconds) SELL=$2; shift ;;
        -*) echo "usage: bench/backup_while_selling.sh [LEDGER] [--tickets N] [--sell-seconds S]" >&2; exit 2 ;;
        *) LEDGER=$1 ;;
    esac
    shift
done
BUILD=${CAISSE_BENCH_BUILD_DIR:-$ROOT/build/default}
[[ -f $BUILD/build.ninja ]] || (cd "$ROOT" && cmake --preset default >/dev/null)
nice -n 19 cmake --build "$BUILD" --target caisse-genledger bench_archive >/dev/null
LEDGER=$(realpath -m "$LEDGER")
if [[ ! -f $LEDGER ]]; then
    echo "== generating $TICKETS tickets into $LEDGER"
    mkdir -p "$(dirname "$LEDGER")"
    "$BUILD"/bench/caisse-genledger --db "$LEDGER" --tickets "$TICKETS" --days 365 --seed 1 --quiet
fi
export CAISSE_BENCH_DIR=${CAISSE_BENCH_DIR:-$ROOT/build/bench-data}
mkdir -p "$CAISSE_BENCH_DIR"
echo "== load before: $(uptime)"
"$BUILD"/bench/bench_archive --big "$LEDGER" --sell-seconds "$SELL"
echo "== load after: $(uptime)"
