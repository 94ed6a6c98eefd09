#!/usr/bin/env bash
# Writes the SUBCOMMANDS section of caisse.1 for help2man (--include): one .SS per subcommand, nested
# ones too, with its summary and options, read from `caisse SUB --help` (English). help2man itself
# lays out the top-level --help; CLI11's --help-all is one block it cannot split.
#   bash packaging/man-subcommands.sh CAISSE OUT.h2m
set -euo pipefail
caisse=$1 out=$2
roff() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
help() { CAISSE_LANG=en "$caisse" "$@" --help; }
subcommands_of() { help "$@" | awk '/^[^ ].*:$/ { s = ($0 == "Subcommands:"); next } s && /^  [a-z]/ { print $1 }'; }
describe() {  # SUBCOMMAND PATH...
  local text
  text=$(help "$@")
  printf '.SS "caisse %s"\n' "$(roff <<<"$*")"
  # The first line of a subcommand's help is its summary.
  head -n 1 <<<"$text" | roff
  # Option rows: "  NAMES TYPE   description", long names push the description to a line of its own
  # indented by 30 spaces; "Subcommands:" rows are described in their own .SS.
  awk '
    /^[^ ].*:$/ { opts = ($0 == "Options:"); next }
    !opts { next }
    /^  -/ {
      row = substr($0, 3)
      split_at = match(row, /  +[^ ]/)
      if (split_at) { name = substr(row, 1, split_at - 1); desc = substr(row, split_at); sub(/^ +/, "", desc) }
      else { name = row; desc = "" }
      if (name ~ /^-h,--help$|^--help-all$/) { skip = 1; next }
      skip = 0
      print ".TP"; print ".B " name; if (desc != "") print desc
      next
    }
    /^                              / && !skip { line = $0; sub(/^ +/, "", line); print line }
  ' <<<"$text" | sed -e '/^\.TP$/b' -e '/^\.B /{s/^\.B //;s/\\/\\e/g;s/-/\\-/g;s/^/.B /;b}' -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  local sub
  for sub in $(subcommands_of "$@"); do describe "$@" "$sub"; done
}
{
  echo "[SUBCOMMANDS]"
  echo "Each subcommand has its own \\fB\\-\\-help\\fR; \\fB\\-\\-lang\\fR goes with any of them."
  for sub in $(subcommands_of); do describe "$sub"; done
} > "$out"
