#!/usr/bin/env bash
# Counts the syncs of each sale, not assumed: runs `bench_ledger --count-syncs N` under strace, which
# records every fsync, fdatasync, sync_file_range, syncfs and msync of every thread (the head anchor
# writer's included) with the file it went to. The program makes N sales through caisse::Till, then
# N by plain SQLite (the same rows, WAL, synchronous=FULL: the reference), and looks up a marker
# path (access()) before each, so every sync is attributed to one sale. What a sale may sync: the
# -wal file at commit (always, once); and, about every 1,000 WAL pages, SQLite's automatic
# checkpoint (the -wal then the database file, in the sale whose commit crossed the mark) and, in
# the next sale, the new WAL header after the restart. A sync of the .head file or of anything else
# would be reported. Prints the counts and one SUMMARY row.
#
#   bench/count_syncs.sh [BUILD_DIR] [SALES]     (default build/default, 1000 sales)
#
# Environment: CAISSE_BENCH_DIR, the directory of the bench ledger (as for bench_ledger).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build/default}" && pwd)
SALES=${2:-1000}
command -v strace >/dev/null || { echo "count_syncs: strace is missing (tools/install-deps.sh installs it)" >&2; exit 1; }
trace=$(mktemp)
trap 'rm -f "$trace"' EXIT
strace -f -y -qq -o "$trace" -e trace=fsync,fdatasync,sync_file_range,syncfs,msync,access \
  "$BUILD"/bench/bench_ledger --count-syncs "$SALES"

awk -v want="$SALES" '
  /access\(".*caisse-mark-sale-end"/ { who = ""; next }
  /access\(".*caisse-mark-sale"/ { who = "till"; n["till"]++; next }
  /access\(".*caisse-mark-plain"/ { who = "plain"; n["plain"]++; next }
  who == "" { next }                                     # set-up before the first sale, tear-down after the last
  /(fsync|fdatasync|sync_file_range|syncfs|msync)\(/ {
    k = who SUBSEP n[who]
    syncs[k]++
    total[who]++
    if ($0 ~ /\.head/) anchor[who]++
    else if ($0 !~ /-wal>/ && $0 !~ /\.db>/) { other[who]++; print "unexpected sync: " $0 }
  }
  END {
    for (w = 1; w <= 2; w++) {
      who = (w == 1 ? "till" : "plain")
      delete hist
      bad = 0
      for (s = 1; s <= n[who]; s++) { c = syncs[who, s] + 0; hist[c]++; if (c < 1 || c > 3) bad++ }
      line = ""
      for (c = 0; c <= 9; c++) if (hist[c]) line = line sprintf("%s%d sales with %d", line == "" ? "" : ", ", hist[c], c)
      printf "%s: %d sales, %d syncs = %.3f per sale (%s); head anchor: %d; other files: %d\n",
             (who == "till" ? "Till::sell" : "plain SQLite"), n[who], total[who], total[who] / n[who], line, anchor[who] + 0, other[who] + 0
      # Each extra beyond the commit is a checkpoint (3 in its sale) or the WAL header after one (2).
      per[who] = total[who] / n[who]; dist[who] = line; odd[who] = bad + (hist[2] > hist[3] + 1 ? 1 : 0)
    }
    ok = (n["till"] == want && odd["till"] == 0 && anchor["till"] + 0 == 0 && other["till"] + 0 == 0)
    printf "SUMMARY\tfsyncs per sale, counted with strace over %d Till::sell (every thread, head anchor writer included)\t" \
           "%.3f (%s: 1 at commit, +2 when SQLite checkpoints, +1 for the WAL header after it); anchor writer: 0\t" \
           "exactly 1 at commit\tplain SQLite, same rows: %.3f (%s)\t%s\n", \
           n["till"], per["till"], dist["till"], per["plain"], dist["plain"], (ok ? "met" : "MISSED")
  }' "$trace"
