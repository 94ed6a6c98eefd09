#!/usr/bin/env bash
# The bash completion (packaging/caisse.bash) completes subcommands, nested subcommands and options
# from the caisse it is given, and file names after an option that takes a value.
#   bash tests/package/completion.sh CAISSE SOURCE_DIR
set -euo pipefail
caisse=$1 src=$2
# shellcheck source=/dev/null
source "$src/packaging/caisse.bash"
fails=0
complete_line() {  # words...; the last is the word being completed
  COMP_WORDS=("$caisse" "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _caisse
  printf '%s\n' "${COMPREPLY[@]}"
}
expect() {  # NAME EXPECTED_WORD WORDS...
  local name=$1 want=$2
  shift 2
  local got
  got=$(complete_line "$@")  # captured first: grep -q closing the pipe early would fail it (pipefail)
  if grep -qx -- "$want" <<<"$got"; then echo "ok: $name"
  else echo "FAILED: $name: '$want' not offered for: caisse $*"; sed 's/^/  got: /' <<<"$got"; fails=$((fails + 1)); fi
}
refuse() {  # NAME UNWANTED_WORD WORDS...
  local name=$1 unwanted=$2
  shift 2
  local got
  got=$(complete_line "$@")
  if grep -qx -- "$unwanted" <<<"$got"; then echo "FAILED: $name: '$unwanted' offered for: caisse $*"; fails=$((fails + 1))
  else echo "ok: $name"; fi
}
expect "a subcommand by its start" session ses
expect "every subcommand on an empty word" verify ""
refuse "only those that start so" verify ses
expect "a nested subcommand" open session ""
expect "a nested subcommand, deeper" day report d
expect "an option of the subcommand" --pay sell --
expect "an option of the nested subcommand" --count session open --
refuse "not another subcommand's option" --pay session open --
expect "the top-level options" --version --
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
touch "$tmp/ledger-one.db"
expect "a file after an option that takes one" "$tmp/ledger-one.db" verify --db "$tmp/ledger-"
[ "$fails" -eq 0 ] || { echo "$fails completion check(s) failed"; exit 1; }
