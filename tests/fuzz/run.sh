#!/usr/bin/env bash
# Builds the fuzz preset (clang + libFuzzer + ASan/UBSan) and runs every target on its seed corpus
# (tests/fuzz/corpus/<target>/, read only; new inputs go to build/fuzz/corpus/<target>/).
# Usage: tests/fuzz/run.sh [--runs N | --seconds S] [--no-build] [TARGET...]
#   default --seconds 20 per target. Exit 1 if any target finds a crash (its input is kept in
#   build/fuzz/findings/ and named in the output).
set -euo pipefail
cd "$(dirname "$0")/../.."
limit=(-max_total_time=20)
build=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) limit=(-runs="$2"); shift 2 ;;
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=($(ls tests/fuzz/corpus))
if [ "$build" = 1 ]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target "${targets[@]}"
fi
out=build/fuzz
mkdir -p "$out/findings"
# UBSan only prints and goes on unless told to stop: undefined behaviour must be a finding.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t"
  log="$out/$t.log"
  start=$(date +%s)
  rc=0
  "$out/tests/fuzz/$t" "${limit[@]}" -timeout=10 -artifact_prefix="$out/findings/$t-" -print_final_stats=1 \
    "$out/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  printf '%-22s %10s runs in %4d s  ' "$t" "${runs:-?}" "$(( $(date +%s) - start ))"
  if [ "$rc" -eq 0 ]; then
    echo "nothing found"
  else
    failed=1
    echo "FINDING (exit $rc): $(grep -m1 -E 'ERROR|SUMMARY|deadly' "$log" || true); see $log"
  fi
done
exit $failed
