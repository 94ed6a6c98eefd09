#!/usr/bin/env bash
# One performance table: builds (default preset), generates the benchmark ledgers once into a cache
# directory, runs every benchmark and prints ONE table, each figure beside its goal, the reference
# measured in the same run and a verdict (met / MISSED; empty for figures that explain another).
# Figures are printed, not asserted: the script fails only when something does not build or run,
# or a generated ledger does not verify. Benchmarks are not run in CI. Paste the table in README.
#
#   bench/run.sh [--quick] [--regen] [--close-full] [--no-ui]
#
#   --quick       a manual check in a few minutes: 100,000-ticket ledger instead of 1,000,000 (the
#                 verify goal is for 1,000,000: its verdict is then indicative), 20,000-ticket closure
#                 ledger, fewer repetitions, 200 traced sales, 1,000 sales for memory, 30 s idle wait
#   --regen       generate the cached ledgers again
#   --close-full  bench_closure on 1,000,000 tickets (its ledger, with 365 Zs, is generated once and
#                 cached like the others) instead of CAISSE_BENCH_CLOSE_TICKETS
#   --no-ui       skip the window under Xvfb (start-up, idle, memory at the first frame)
#
# Environment:
#   CAISSE_BENCH_DATA       cache directory for ledgers (default: build/bench-data)
#   CAISSE_BENCH_DIR        where bench_ledger puts its fdatasync files and ledgers (default: CAISSE_BENCH_DATA)
#   CAISSE_BENCH_BUILD_DIR  build elsewhere than build/default, with the tests off (default: the preset's)
#   CAISSE_BENCH_TICKETS    tickets in the big ledger (default: 1000000, --quick 100000; over 365 days)
#   CAISSE_BENCH_QUIET_WAIT seconds to wait, before each benchmark, for the CPUs to go idle (default: 120, --quick 30)
#   CAISSE_BENCH_CLOSE_TICKETS tickets in bench_closure's ledger, 366 days with 365 Zs and an open
#                           2,000-ticket day (default: 100000, --quick 20000; --close-full: 1000000)
#   CAISSE_BENCH_SYNC_SALES sales traced by bench/count_syncs.sh (default: 1000, --quick 200)
#   CAISSE_BENCH_MEM_SALES  sales made before the second memory reading (default: 10000, --quick 1000)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REGEN=0 QUICK=0 UI=1 CLOSE_FULL=0
for arg in "$@"; do
    case $arg in
        --quick) QUICK=1 ;;
        --regen) REGEN=1 ;;
        --close-full) CLOSE_FULL=1 ;;
        --no-ui) UI=0 ;;
        *) echo "usage: bench/run.sh [--quick] [--regen] [--close-full] [--no-ui]" >&2; exit 2 ;;
    esac
done
if ((QUICK)); then
    TICKETS=${CAISSE_BENCH_TICKETS:-100000}
    CLOSE_TICKETS=${CAISSE_BENCH_CLOSE_TICKETS:-20000}
    QUIET_WAIT=${CAISSE_BENCH_QUIET_WAIT:-30}
    SYNC_SALES=${CAISSE_BENCH_SYNC_SALES:-200}
    MEM_SALES=${CAISSE_BENCH_MEM_SALES:-1000}
    REPS=3 VERIFY_RUNS=1 REPORT_RUNS=10 CLOSE_ARGS=(--copies 1 --runs 3 --frame-runs 20)
    export CAISSE_UI_RUNS=${CAISSE_UI_RUNS:-3} CAISSE_UI_IDLE_SECONDS=${CAISSE_UI_IDLE_SECONDS:-6}
    LEDGER_ARGS=(--quick)
else
    TICKETS=${CAISSE_BENCH_TICKETS:-1000000}
    CLOSE_TICKETS=${CAISSE_BENCH_CLOSE_TICKETS:-100000}
    QUIET_WAIT=${CAISSE_BENCH_QUIET_WAIT:-120}
    SYNC_SALES=${CAISSE_BENCH_SYNC_SALES:-1000}
    MEM_SALES=${CAISSE_BENCH_MEM_SALES:-10000}
    REPS=10 VERIFY_RUNS=3 REPORT_RUNS=50 CLOSE_ARGS=()
    LEDGER_ARGS=()
fi
((CLOSE_FULL)) && CLOSE_TICKETS=1000000

DATA=${CAISSE_BENCH_DATA:-$ROOT/build/bench-data}
mkdir -p "$DATA"
export CAISSE_BENCH_DIR=${CAISSE_BENCH_DIR:-$DATA}
LOG=$DATA/run-$(date +%Y%m%d-%H%M%S).log

TARGETS=(caisse caisse-genledger bench_ledger bench_verify bench_report bench_closure bench_archive bench_bundle bench_cape bench_printer bench_ui)
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
BUSY=no BUSY_CHECKS=0 BUSY_HITS=0 BUSY_MAX=0
busy_count() {  # busy_count PERCENT: tallies one check for the table's header
    BUSY_CHECKS=$((BUSY_CHECKS + 1))
    ((BUSY_MAX < $1)) && BUSY_MAX=$1
    if (($1 > 10)); then BUSY_HITS=$((BUSY_HITS + 1)); fi
    return 0
}
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
    busy_count "$b"
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
    busy_count "$b"
    if ((b > 10)); then
        echo "WARNING: $b % CPU busy right after $1: its timings are probably inflated" | tee -a "$LOG"
        [[ $BUSY == no ]] && BUSY="yes:"
        BUSY+=" $b % CPU after $1;"
    fi
}
# A Google Benchmark median from the log, CPU time (wall time for manual-time benchmarks), in the
# unit it was printed with: gbench_median NAME. CPU time, because a busy machine stretches wall time.
gbench_median() {
    awk -v n="$1_median" '$1 == n { if (n ~ /manual_time/) print $2 " " $3; else print $4 " " $5; exit }' "$LOG"
}
# met / MISSED: verdict FIGURE GOAL (figure <= goal)
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v + 0 <= g + 0 ? "met" : "MISSED") }'; }
# Microseconds of a "value unit" pair printed by Google Benchmark.
to_us() { awk -v v="$1" -v u="$2" 'BEGIN { f = (u == "ns" ? 0.001 : u == "ms" ? 1000 : u == "s" ? 1e6 : 1); printf "%.1f", v * f }'; }

BIG=$DATA/ledger-1m.db
[[ $TICKETS != 1000000 ]] && BIG=$DATA/ledger-$TICKETS.db
SMALL=$DATA/ledger-small.db
[[ $TICKETS != 1000000 ]] && SMALL=$DATA/ledger-small-$TICKETS.db
CLOSE_DB=$DATA/ledger-close-$CLOSE_TICKETS.db
GEN_NOTE=$BIG.gen.txt
if [[ $REGEN == 1 ]]; then
    for f in "$BIG" "$SMALL" "$CLOSE_DB"; do rm -f "$f" "$f"-wal "$f"-shm "$f".key "$f".head; done
    rm -f "$GEN_NOTE"
fi
if [[ ! -f $BIG ]]; then
    note_load "generation"
    echo "== generating $TICKETS tickets into $BIG" | tee -a "$LOG"
    rm -f "$BIG"-wal "$BIG"-shm "$BIG".key "$BIG".head
    "$BIN"/caisse-genledger --db "$BIG" --tickets "$TICKETS" --days 365 --seed 1 --quiet | tee "$GEN_NOTE" | tee -a "$LOG"
    check_after generation
    echo "== caisse verify --db $BIG" | tee -a "$LOG"
    "$BUILD"/caisse verify --db "$BIG" | tee -a "$LOG"
else
    echo "== using the cached ledger $BIG (bench/run.sh --regen to make it again)" | tee -a "$LOG"
fi
if [[ ! -f $SMALL ]]; then
    # The same tickets per day as the big ledger (TICKETS / 365), over 4 days.
    "$BIN"/caisse-genledger --db "$SMALL" --tickets $((TICKETS * 4 / 365)) --days 4 --seed 2 --quiet | tee -a "$LOG"
    "$BUILD"/caisse verify --db "$SMALL" | tee -a "$LOG"
fi

note_load "bench_ledger"
echo "== bench_ledger ${LEDGER_ARGS[*]} (directory $CAISSE_BENCH_DIR)" | tee -a "$LOG"
"$BIN"/bench_ledger "${LEDGER_ARGS[@]}" 2>&1 | tee -a "$LOG"
check_after bench_ledger

echo "== count_syncs.sh: $SYNC_SALES sales under strace" | tee -a "$LOG"
bash "$ROOT"/bench/count_syncs.sh "$BUILD" "$SYNC_SALES" 2>&1 | tee -a "$LOG"

note_load "bench_verify"
echo "== bench_verify --db $BIG --runs $VERIFY_RUNS --breakdown" | tee -a "$LOG"
"$BIN"/bench_verify --db "$BIG" --runs "$VERIFY_RUNS" --breakdown 2>&1 | tee -a "$LOG"
check_after bench_verify

note_load "bench_report"
echo "== bench_report" | tee -a "$LOG"
"$BIN"/bench_report --big "$BIG" --small "$SMALL" --runs "$REPORT_RUNS" 2>&1 | tee -a "$LOG"
check_after bench_report

# End of day: bench_closure generates its own ledger (365 closed days) on first use, then keeps it.
note_load "bench_closure"
echo "== bench_closure --db $CLOSE_DB --tickets $CLOSE_TICKETS ${CLOSE_ARGS[*]}" | tee -a "$LOG"
"$BIN"/bench_closure --db "$CLOSE_DB" --tickets "$CLOSE_TICKETS" "${CLOSE_ARGS[@]}" 2>&1 | tee -a "$LOG"
check_after bench_closure

# Archives and backups (issue 9): the fiscal year 2025 of bench_closure's ledger (its first 360 or so
# closed days) exported and verified beside a ledger verify; then the big ledger (its size is printed:
# 1,000,000 tickets, --quick 100,000) backed up while one till sells into it.
note_load "bench_archive"
echo "== bench_archive --close-db $CLOSE_DB --period 2025 --big $BIG --runs $VERIFY_RUNS" | tee -a "$LOG"
"$BIN"/bench_archive --close-db "$CLOSE_DB" --period 2025 --big "$BIG" --runs "$VERIFY_RUNS" 2>&1 | tee -a "$LOG"
check_after bench_archive

# Bundles (issue 11): the big ledger's whole chain exported, then imported by a new coordinator,
# beside a verify of the same ledger (records per second, same run).
note_load "bench_bundle"
echo "== bench_bundle --db $BIG --runs $VERIFY_RUNS" | tee -a "$LOG"
"$BIN"/bench_bundle --db "$BIG" --runs "$VERIFY_RUNS" 2>&1 | tee -a "$LOG"
check_after bench_bundle
# The CAPE statement (issue 11): two tills x 100,000 tickets (--quick: 2 x 20,000), its own ledger.
CAPE_TICKETS=100000
((QUICK)) && CAPE_TICKETS=20000
note_load "bench_cape"
echo "== bench_cape --db $DATA/cape-2tills-$CAPE_TICKETS.db --tickets $CAPE_TICKETS --runs 5" | tee -a "$LOG"
"$BIN"/bench_cape --db "$DATA/cape-2tills-$CAPE_TICKETS.db" --tickets "$CAPE_TICKETS" --runs 5 2>&1 | tee -a "$LOG"
check_after bench_cape

# Printing and the screen: Google Benchmark medians, then the window under Xvfb (start-up, idle).
note_load "bench_printer"
echo "== bench_printer" | tee -a "$LOG"
"$BIN"/bench_printer --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true 2>&1 | tee -a "$LOG"
check_after bench_printer
note_load "bench_ui"
echo "== bench_ui" | tee -a "$LOG"
"$BIN"/bench_ui --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true 2>&1 | tee -a "$LOG"
echo "== bench_ui --memory $MEM_SALES" | tee -a "$LOG"
"$BIN"/bench_ui --memory "$MEM_SALES" 2>&1 | tee -a "$LOG"
if ((UI)) && command -v xvfb-run >/dev/null; then
    note_load "the window"
    echo "== ui_startup / ui_power (Xvfb)" | tee -a "$LOG"
    bash "$ROOT"/bench/ui_startup.sh "$BUILD" 2>&1 | tee -a "$LOG"
    bash "$ROOT"/bench/ui_power.sh "$BUILD" 2>&1 | tee -a "$LOG"
fi

# Rows for the Google Benchmark figures (printed medians).
{
    read -r v u < <(gbench_median BM_EncodeReceipt30Lines) && us=$(to_us "$v" "$u") &&
        printf 'SUMMARY\tprinting: encode a 30-line receipt to ESC/POS (80 mm), CPU, median of %s\t%s us\t<= 50 us\t\t%s\n' "$REPS" "$us" "$(verdict "$us" 50)"
    read -r v u < <(gbench_median BM_RasteriseNonLatinLine/0) && a=$(to_us "$v" "$u") &&
        read -r v u < <(gbench_median BM_RasteriseNonLatinLine/1) && t=$(to_us "$v" "$u") &&
        printf 'SUMMARY\tprinting: rasterise one non-Latin line (Arabic / Tamil, 576 dots), CPU, median\t%s / %s us\t<= 1 ms\t\t%s\n' "$a" "$t" \
            "$(verdict "$(awk -v a="$a" -v t="$t" 'BEGIN { print (a > t ? a : t) }')" 1000)"
    read -r v u < <(gbench_median BM_PrintToFirstByte/iterations:200/manual_time) && us=$(to_us "$v" "$u") &&
        printf 'SUMMARY\tprinting: "print" requested -> first byte to the transport, queue idle, median\t%s us\t<= 5 ms\t\t%s\n' "$us" "$(verdict "$us" 5000)"
    read -r v u < <(gbench_median BM_SellScreenFrame/1024/768) && s=$(to_us "$v" "$u") &&
        read -r v u < <(gbench_median BM_SellScreenFrame/1920/1080) && l=$(to_us "$v" "$u") &&
        printf 'SUMMARY\tframe time: build the sell screen with 200 products (ImGui, no GL), 1024x768 / 1920x1080, CPU, median\t%s / %s us\t<= 1 ms\ta frame at 60 Hz: 16,667 us\t%s\n' \
            "$s" "$l" "$(verdict "$(awk -v a="$s" -v b="$l" 'BEGIN { print (a > b ? a : b) }')" 1000)"
    # The window's memory after the headless till's growth over the same sales.
    growth=$(awk -F'\t' '$1 == "MEMORY_GROWTH_KB" { print $2 }' "$LOG" | tail -1)
    first=$(sed -n 's/^SUMMARY\ttill window memory at the first frame[^\t]*\t\([0-9.]*\) MiB.*/\1/p' "$LOG" | tail -1)
    if [[ -n $growth && -n $first ]]; then
        est=$(awk -v f="$first" -v g="$growth" 'BEGIN { printf "%.1f", f + g / 1024 }')
        printf 'SUMMARY\ttill window memory after %s sales, anonymous RSS: first frame + the growth measured headless\t%s MiB\t<= 40 MiB\tgrowth over the sales: %s MiB\t%s\n' \
            "$MEM_SALES" "$est" "$(awk -v g="$growth" 'BEGIN { printf "%.1f", g / 1024 }')" "$(verdict "$est" 40)"
    fi
} >>"$LOG" 2>/dev/null || true

# The table, in the order of the benchmarks above.
disk_dev=$(findmnt -n -o SOURCE -T "$CAISSE_BENCH_DIR")
disk_name=$(lsblk -no PKNAME "$disk_dev" 2>/dev/null | head -1)
[[ -z $disk_name ]] && disk_name=$(basename "$disk_dev")
rota=$(cat /sys/block/"$disk_name"/queue/rotational 2>/dev/null || echo '?')
{
    echo
    echo "### Performance ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')$( ((QUICK)) && echo ', --quick'))"
    echo
    hv=$(lscpu | sed -n 's/^Hypervisor vendor: *//p' | head -1)
    if [[ -n $hv ]]; then hv="$hv virtual machine"; else hv="bare metal"; fi
    echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores ($hv), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
        "disk: $(findmnt -n -o FSTYPE -T "$CAISSE_BENCH_DIR") on $disk_dev ($disk_name, rotational=$rota per the kernel);" \
        "SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $(openssl version | cut -d' ' -f1-2), Linux $(uname -r)."
    echo
    echo "Other work on the machine: $( ((BUSY_CHECKS)) && echo "$BUSY_HITS of $BUSY_CHECKS checks found it more than 10 % busy (worst: $BUSY_MAX %; the log says when)" || echo "none seen")."
    echo
    echo "| what | figure | goal | reference (same run) | verdict |"
    echo "| --- | --- | --- | --- | --- |"
    grep -h '^SUMMARY' "$LOG" | awk -F'\t' '{ v = $6; if (v == "MISSED") v = "**MISSED**"; printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, v }'
} | tee -a "$LOG"
echo
echo "(full log: $LOG)"
