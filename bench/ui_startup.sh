#!/usr/bin/env bash
# Start-up of the till window on a big ledger: time from process start to the first frame on screen,
# and memory at that frame: anonymous RSS (the till's heap, SQLite's cache, ImGui, and what the GL
# driver allocates), file-backed RSS (mapped libraries, mostly Mesa's llvmpipe and libLLVM under
# Xvfb) and the peak. Builds nothing: give the build directory (default build/default). The
# 100,000-ticket ledger is generated once into the benchmark cache (build/bench-data), then copied.
# Runs under Xvfb (software OpenGL, llvmpipe). Figures are printed, not asserted.
# Also timed in the same runs, turn by turn: the demo ledger with 200 more products, each with its
# own picture file (issue 12: start-up with 200 pictures), and the reference bench/gl_first_frame,
# a bare GLFW + OpenGL window's first frame: what this display and GL driver cost any program.
#
#   bench/ui_startup.sh [BUILD_DIR]
#
# Environment:
#   CAISSE_BENCH_DATA   cache directory for ledgers (default: build/bench-data)
#   CAISSE_UI_RUNS      runs, the median is printed (default: 5)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build/default}" && pwd)
DATA=${CAISSE_BENCH_DATA:-$ROOT/build/bench-data}
RUNS=${CAISSE_UI_RUNS:-5}
caisse=$BUILD/caisse
genledger=$BUILD/bench/caisse-genledger
for exe in "$caisse" "$genledger"; do
  [[ -x $exe ]] || { echo "ui_startup: $exe is missing: build the caisse and caisse-genledger targets first" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "ui_startup: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

# 100,000 tickets at the big ledger's rate (2,740 a day): 37 days.
LEDGER=$DATA/ledger-100k.db
mkdir -p "$DATA"
if [[ ! -f $LEDGER ]]; then
  echo "== generating 100000 tickets into $LEDGER (once)"
  rm -f "$LEDGER"-wal "$LEDGER"-shm "$LEDGER".key "$LEDGER".head
  "$genledger" --db "$LEDGER" --tickets 100000 --days 37 --seed 3 --quiet
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$LEDGER" "$LEDGER".key "$LEDGER".head "$LEDGER"-wal; do
  [[ -e $f ]] && cp "$f" "$work/ledger${f#"$LEDGER"}"
done
db=$work/ledger
echo "== $caisse --db <copy of $(basename "$LEDGER"), $(du -h "$LEDGER" | cut -f1)> --quit-after-frames 1 --timing, $RUNS runs under Xvfb"

# The picture ledger: the demo, then 200 products whose pictures are 200 files (copies of the demo's).
pics=$work/pictures.db
"$caisse" init --demo --db "$pics" >/dev/null
mkdir -p "$work/pics"
demo_pics=("$ROOT"/assets/demo/pictures/*)
{
  echo "sku;name;price;vat;entrepreneur;category;open_price;picture"
  for ((p = 1; p <= 200; p++)); do
    src=${demo_pics[$((p % ${#demo_pics[@]}))]}
    cp "$src" "$work/pics/p$p.${src##*.}"
    echo "PIC$p;Produit $p;$((p % 20 + 1)),50;10;Aminata Diop;Plats;0;$work/pics/p$p.${src##*.}"
  done
} >"$work/pictures.csv"
"$caisse" catalog import --db "$pics" --user Karim --pin 2345 "$work/pictures.csv" >/dev/null
reference=$BUILD/bench/gl_first_frame
pic_starts=() ref_starts=()

starts=() rss=() anon=() file=()
for ((i = 1; i <= RUNS; i++)); do
  xvfb-run -a -s "-screen 0 1280x800x24" "$caisse" --db "$pics" --quit-after-frames 1 --timing 2>"$work/perr" >/dev/null \
    || { cat "$work/perr" >&2; echo "ui_startup: picture run $i failed" >&2; exit 1; }
  pic_starts+=("$(sed -n 's/^startup_ms=\([0-9]*\).*/\1/p' "$work/perr")")
  if [[ -x $reference ]]; then
    xvfb-run -a -s "-screen 0 1280x800x24" "$reference" >"$work/ref" 2>&1 || { cat "$work/ref" >&2; exit 1; }
    ref_starts+=("$(sed -n 's/^startup_ms=\([0-9]*\).*/\1/p' "$work/ref")")
    echo "run $i: 200 pictures startup_ms=${pic_starts[-1]} ($(sed -n 's/^startup_phases=//p' "$work/perr")); reference startup_ms=${ref_starts[-1]} ($(sed -n 's/^startup_phases=//p' "$work/ref"))"
  fi
  xvfb-run -a -s "-screen 0 1280x800x24" "$caisse" --db "$db" --quit-after-frames 1 --timing 2>"$work/err" >/dev/null \
    || { cat "$work/err" >&2; echo "ui_startup: run $i failed" >&2; exit 1; }
  s=$(sed -n 's/^startup_ms=\([0-9]*\).*/\1/p' "$work/err")
  r=$(sed -n 's/^peak_rss_kb=\([0-9]*\).*/\1/p' "$work/err")
  a=$(sed -n 's/.*rss_anon_kb=\([0-9]*\).*/\1/p' "$work/err")
  f=$(sed -n 's/.*rss_file_kb=\([0-9]*\).*/\1/p' "$work/err")
  echo "run $i: startup_ms=$s peak_rss_kb=$r rss_anon_kb=$a rss_file_kb=$f  ($(sed -n 's/^startup_phases=//p' "$work/err"))"
  starts+=("$s") rss+=("$r") anon+=("$a") file+=("$f")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ms=$(median "${starts[@]}")
kb=$(median "${rss[@]}")
an=$(median "${anon[@]}")
fb=$(median "${file[@]}")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo
echo "startup_ms (process start -> first frame swapped), median of $RUNS: $ms ms   (target <= 300 ms)"
echo "at the first frame, median of $RUNS: anonymous $(mib "$an") MiB, file-backed $(mib "$fb") MiB; peak RSS $(mib "$kb") MiB"
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g ? "met" : "MISSED") }'; }
printf 'SUMMARY\ttill window start-up to the first frame, 100k-ticket ledger, Xvfb (median of %s)\t%s ms\t<= 300 ms\t\t%s\n' \
  "$RUNS" "$ms" "$(verdict "$ms" 300)"
pm=$(median "${pic_starts[@]}")
if ((${#ref_starts[@]})); then
  rm_=$(median "${ref_starts[@]}")
  echo "demo + 200 products with pictures, median of $RUNS: $pm ms; reference (bare GLFW + OpenGL window, same runs): $rm_ ms; the till's own part: $((pm - rm_)) ms"
  printf 'SUMMARY\ttill window start-up to the first frame, demo + 200 products with pictures, Xvfb (median of %s)\t%s ms\t<= 300 ms\tbare GLFW + OpenGL window (bench/gl_first_frame), same runs: %s ms; the till'"'"'s own part: %s ms\t%s\n' \
    "$RUNS" "$pm" "$rm_" "$((pm - rm_))" "$(verdict "$pm" 300)"
fi
printf 'SUMMARY\ttill window memory at the first frame, anonymous RSS (llvmpipe'"'"'s own allocations included)\t%s MiB\t<= 40 MiB\tfile-backed RSS apart (Mesa, libLLVM, libraries): %s MiB; peak RSS %s MiB\t%s\n' \
  "$(mib "$an")" "$(mib "$fb")" "$(mib "$kb")" "$(verdict "$(mib "$an")" 40)"
