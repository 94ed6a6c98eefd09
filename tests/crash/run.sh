#!/usr/bin/env bash
# Crash test: `caisse sell` SIGKILLed at random moments, then the ledger checked (crash_test.py).
# Usage: tests/crash/run.sh [--caisse BIN] [--kills N] [--seed S] [--keep]
#   default binary build/default/caisse, default 500 kills (ctest runs 30).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
caisse="$here/../../build/default/caisse"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --caisse) caisse="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
exec python3 "$here/crash_test.py" --caisse "$caisse" "${args[@]}"
