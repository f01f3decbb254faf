#!/bin/sh
# Records the JSON outputs of `make demo`, the README tour and every Models/scenarios/*.yaml, so
# that RecordedOutputsCLITests can check that later versions keep their numbers (additive fields
# aside). The files here were recorded by the binary of the commit named in RECORDED_AT, before
# the embeddable-core redesign; re-record only for a deliberate, documented change of numbers.
#
#   Tests/RecordedOutputs/record.sh [URBANCAST]     (default .build/debug/urbancast)
#
# commands.tsv lists name<TAB>arguments; every command writes JSON to standard output, except
# scenario runs (name scenario-*), whose summary.json is recorded. The Tetouan scenario simulates
# hourly load for every draw, so it is recorded with 50 draws to keep the test quick. Names given
# after the binary re-record only those commands.
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-.build/debug/urbancast}
[ $# -gt 0 ] && shift
only=" $* "
out=Tests/RecordedOutputs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while IFS='	' read -r name arguments; do
  case "$name" in '' | '#'*) continue ;; esac
  [ "$only" = "  " ] || case "$only" in *" $name "*) ;; *) continue ;; esac
  # shellcheck disable=SC2086
  case "$name" in
    scenario-*)
      $bin $arguments --out "$work/$name" --progress never >/dev/null
      cp "$work/$name/summary.json" "$out/$name.json" ;;
    *) $bin $arguments > "$out/$name.json" ;;
  esac
  echo "recorded $name" >&2
done < "$out/commands.tsv"
git rev-parse --short HEAD > "$out/RECORDED_AT"
