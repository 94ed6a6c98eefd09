#!/usr/bin/env bash
# Builds (default preset), generates the 1,000,000-ticket ledger once into a cache directory, runs
# the three benchmarks and prints a summary block for the README. Figures are printed, not asserted:
# the script fails only when something does not build or run, or a generated ledger does not verify.
#
#   bench/run.sh [--regen] [--close-full]
#
# --close-full: bench_closure on 1,000,000 tickets (its ledger, with 365 Zs, is generated once and
# cached like the others) instead of CAISSE_BENCH_CLOSE_TICKETS.
#
# Environment:
#   CAISSE_BENCH_DATA       cache directory for ledgers (default: build/bench-data)
#   CAISSE_BENCH_DIR        where bench_ledger puts its fdatasync file and ledger (default: CAISSE_BENCH_DATA)
#   CAISSE_BENCH_BUILD_DIR  build elsewhere than build/default, with the tests off (default: the preset's)
#   CAISSE_BENCH_TICKETS    tickets in the big ledger (default: 1000000, over 365 days)
#   CAISSE_BENCH_QUIET_WAIT seconds to wait, before each benchmark, for the CPUs to go idle (default: 120)
#   CAISSE_BENCH_CLOSE_TICKETS tickets in bench_closure's ledger, 366 days with 365 Zs and an open
#                           2,000-ticket day (default: 100000; --close-full: 1000000)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REGEN=0
CLOSE_TICKETS=${CAISSE_BENCH_CLOSE_TICKETS:-100000}
for arg in "$@"; do
    case $arg in
        --regen) REGEN=1 ;;
        --close-full) CLOSE_TICKETS=1000000 ;;
        *) echo "usage: bench/run.sh [--regen] [--close-full]" >&2; exit 2 ;;
    esac
done

DATA=${CAISSE_BENCH_DATA:-$ROOT/build/bench-data}
TICKETS=${CAISSE_BENCH_TICKETS:-1000000}
mkdir -p "$DATA"
export CAISSE_BENCH_DIR=${CAISSE_BENCH_DIR:-$DATA}
LOG=$DATA/run-$(date +%Y%m%d-%H%M%S).log

TARGETS=(caisse caisse-genledger bench_ledger bench_verify bench_report bench_closure bench_printer bench_ui)
if [[ -n ${CAISSE_BENCH_BUILD_DIR:-} ]]; then
    BUILD=$CAISSE_BENCH_BUILD_DIR
    cmake --preset default -B "$BUILD" -DCAISSE_BUILD_TESTS=OFF >/dev/null
else
    BUILD=$ROOT/build/default
    cmake --preset default >/dev/null
fi
cmake --build "$BUILD" --target "${TARGETS[@]}"
BIN=$BUILD/bench

# CPU busy share of the whole machine over one second (other work inflates every figure here).
cpu_busy() {
    local a b
    a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
    awk -v u1="${a[1]}" -v n1="${a[2]}" -v s1="${a[3]}" -v i1="${a[4]}" -v w1="${a[5]}" -v q1="${a[6]}" -v r1="${a[7]}" -v t1="${a[8]}" \
        -v u2="${b[1]}" -v n2="${b[2]}" -v s2="${b[3]}" -v i2="${b[4]}" -v w2="${b[5]}" -v q2="${b[6]}" -v r2="${b[7]}" -v t2="${b[8]}" \
        'BEGIN { busy = (u2-u1)+(n2-n1)+(s2-s1)+(q2-q1)+(r2-r1)+(t2-t1); all = busy+(i2-i1)+(w2-w1);
                 printf "%.0f", (all > 0 ? 100 * busy / all : 0) }'
}
BUSY=no
QUIET_WAIT=${CAISSE_BENCH_QUIET_WAIT:-120}
note_load() {
    sync  # dirty pages written back by the kernel during a measurement slow every fdatasync down
    local b waited=0
    b=$(cpu_busy)
    while ((b > 10 && waited < QUIET_WAIT)); do  # give other work a chance to finish
        sleep 4
        waited=$((waited + 5))
        b=$(cpu_busy)
    done
    echo "machine CPU busy before $1: $b %" | tee -a "$LOG"
    if ((b > 10)); then
        echo "WARNING: something else is running ($b % CPU busy): timings will be inflated" | tee -a "$LOG"
        [[ $BUSY == no ]] && BUSY="yes:"
        BUSY+=" $b % CPU before $1;"
    fi
}
# Something that started during a benchmark is usually still running when it ends.
check_after() {
    local b
    b=$(cpu_busy)
    if ((b > 10)); then
        echo "WARNING: $b % CPU busy right after $1: its timings are probably inflated" | tee -a "$LOG"
        [[ $BUSY == no ]] && BUSY="yes:"
        BUSY+=" $b % CPU after $1;"
    fi
}

BIG=$DATA/ledger-1m.db
[[ $TICKETS != 1000000 ]] && BIG=$DATA/ledger-$TICKETS.db
SMALL=$DATA/ledger-small.db
CLOSE_DB=$DATA/ledger-close-$CLOSE_TICKETS.db
GEN_NOTE=$BIG.gen.txt
if [[ $REGEN == 1 ]]; then
    rm -f "$BIG" "$BIG"-wal "$BIG"-shm "$BIG".key "$BIG".head "$GEN_NOTE" "$SMALL" "$SMALL"-wal "$SMALL"-shm "$SMALL".key "$SMALL".head
    rm -f "$CLOSE_DB" "$CLOSE_DB"-wal "$CLOSE_DB"-shm "$CLOSE_DB".key "$CLOSE_DB".head
fi
if [[ ! -f $BIG ]]; then
    note_load "generation"
    echo "== generating $TICKETS tickets into $BIG" | tee -a "$LOG"
    rm -f "$BIG"-wal "$BIG"-shm "$BIG".key "$BIG".head
    "$BIN"/caisse-genledger --db "$BIG" --tickets "$TICKETS" --days 365 --seed 1 --quiet | tee "$GEN_NOTE" | tee -a "$LOG"
    check_after generation
    echo "== caisse verify --db $BIG" | tee -a "$LOG"
    start=$(date +%s.%N)
    "$BUILD"/caisse verify --db "$BIG" | tee -a "$LOG"
    end=$(date +%s.%N)
    echo "verified in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s" | tee -a "$GEN_NOTE" | tee -a "$LOG"
else
    echo "== using the cached ledger $BIG (bench/run.sh --regen to make it again)" | tee -a "$LOG"
fi
if [[ ! -f $SMALL ]]; then
    # The same tickets per day as the big ledger (1,000,000 / 365 = 2,740), over 4 days.
    "$BIN"/caisse-genledger --db "$SMALL" --tickets $((TICKETS * 4 / 365)) --days 4 --seed 2 --quiet | tee -a "$LOG"
    "$BUILD"/caisse verify --db "$SMALL" | tee -a "$LOG"
fi

note_load "bench_ledger"
echo "== bench_ledger (directory $CAISSE_BENCH_DIR)" | tee -a "$LOG"
"$BIN"/bench_ledger 2>&1 | tee -a "$LOG"
check_after bench_ledger

note_load "bench_verify"
echo "== bench_verify --db $BIG --breakdown" | tee -a "$LOG"
"$BIN"/bench_verify --db "$BIG" --breakdown 2>&1 | tee -a "$LOG"
check_after bench_verify

note_load "bench_report"
echo "== bench_report" | tee -a "$LOG"
"$BIN"/bench_report --big "$BIG" --small "$SMALL" 2>&1 | tee -a "$LOG"
check_after bench_report

# End of day: bench_closure generates its own ledger (365 closed days) on first use, then keeps it.
note_load "bench_closure"
echo "== bench_closure --db $CLOSE_DB --tickets $CLOSE_TICKETS" | tee -a "$LOG"
"$BIN"/bench_closure --db "$CLOSE_DB" --tickets "$CLOSE_TICKETS" 2>&1 | tee -a "$LOG"
check_after bench_closure

# Printing and the screen: Google Benchmark medians, then the window under Xvfb (start-up, idle).
note_load "bench_printer"
echo "== bench_printer" | tee -a "$LOG"
"$BIN"/bench_printer --benchmark_repetitions=10 --benchmark_report_aggregates_only=true 2>&1 | tee -a "$LOG"
check_after bench_printer
note_load "bench_ui"
echo "== bench_ui" | tee -a "$LOG"
"$BIN"/bench_ui --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>&1 | tee -a "$LOG"
if command -v xvfb-run >/dev/null; then
    echo "== ui_startup / ui_power (Xvfb)" | tee -a "$LOG"
    bash "$ROOT"/bench/ui_startup.sh "$BUILD" 2>&1 | tee -a "$LOG"
    bash "$ROOT"/bench/ui_power.sh "$BUILD" 2>&1 | tee -a "$LOG"
fi

# The summary block.
gen_time=$(sed -n 's/^time *\([0-9.]*\) s total.*(\([0-9]*\) tickets\/s).*/\1 s (\2 tickets\/s)/p' "$GEN_NOTE" | head -1)
gen_size=$(sed -n 's/^file *\(.*\)/\1/p' "$GEN_NOTE" | head -1)
cli_verify=$(sed -n 's/^verified in \(.*\)/\1/p' "$GEN_NOTE" | head -1)
{
    echo
    echo "### Benchmarks ($(date +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes'))"
    echo
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores," \
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(findmnt -n -o FSTYPE -T "$CAISSE_BENCH_DIR") on $(findmnt -n -o SOURCE -T "$CAISSE_BENCH_DIR");" \
        "SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $(openssl version | cut -d' ' -f1-2), Linux $(uname -r). Busy during the run: $BUSY."
    echo
    echo "| figure | value | target |"
    echo "| --- | --- | --- |"
    echo "| generate $TICKETS tickets over 365 days (caisse-genledger) | ${gen_time:-?}, ${gen_size:-?} | well under 10 min |"
    [[ -n $cli_verify ]] && echo "| caisse verify of that ledger (CLI, cold after generation) | $cli_verify | |"
    grep -h '^SUMMARY' "$LOG" | awk -F'\t' '{ printf "| %s | %s | %s |\n", $2, $3, $4 }'
} | tee -a "$LOG"
echo
echo "(full log: $LOG)"
