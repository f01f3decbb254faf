#!/bin/sh
# Runs fuzz targets built by `make fuzz-build` for a fixed time each and prints libFuzzer's
# final statistics. Exits non-zero when any target finds a crash, leak, out-of-memory input or
# timeout; the input is saved under .build-fuzz/artifacts/<target>/.
#
#   Fuzz/run.sh [seconds] [target...]      targets: csv dates long wide xlsx scenario mitigation model
#
# FUZZ_SEED fixes libFuzzer's random seed (CI uses 1, so a run can be replayed); 0 or unset
# lets libFuzzer choose.
#
# Each target's corpus is .build-fuzz/corpus/<target> (new inputs go there and persist between
# runs) on top of the committed seeds in Fuzz/corpus/<target>.
set -u
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-csv dates long wide xlsx scenario mitigation model}
bin=${FUZZ_BIN:-.build-fuzz/release}
work=${FUZZ_WORK:-.build-fuzz}

# The dictionary and longest input of each target.
dict() {
  case "$1" in
    csv) echo csv ;; long | wide | xlsx) echo data ;; dates) echo dates ;;
    scenario | mitigation) echo yaml ;; model) echo model ;;
  esac
}
max_len() {
  case "$1" in
    csv | long | wide | xlsx) echo 16384 ;; scenario | mitigation) echo 8192 ;; dates) echo 4096 ;; model) echo 256 ;;
  esac
}

# A Swift runtime trap (overflow, force unwrap, precondition) is reported by libFuzzer's own
# handler with the input saved; the Swift backtracer would first symbolicate the whole
# sanitized binary, which takes minutes.
SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
export SWIFT_BACKTRACE

status=0
summary=""
for target in $targets; do
  executable="$bin/fuzz-$target"
  if [ ! -x "$executable" ]; then
    echo "fuzz: $executable is missing; build with make fuzz-build" >&2
    exit 2
  fi
  mkdir -p "$work/corpus/$target" "$work/artifacts/$target" "$work/logs"
  log="$work/logs/$target.log"
  echo "== fuzz-$target for ${seconds}s (log: $log)" >&2
  "$executable" "$work/corpus/$target" "Fuzz/corpus/$target" \
    -dict="Fuzz/dicts/$(dict "$target").dict" -max_len="$(max_len "$target")" \
    -rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=10 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$target/" -seed="${FUZZ_SEED:-0}" \
    -close_fd_mask=1 </dev/null >"$log" 2>&1
  code=$?
  # The last status line (#runs ... cov: ... ft: ...) and the executed-units count.
  line=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(echo "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  if [ "$code" -eq 0 ]; then
    result=ok
  else
    status=1
    result="FAILED (exit $code)"
    grep -E '^==[0-9]+==ERROR|^SUMMARY|ALARM|out-of-memory|Fatal error|invariant failed|Test unit written' "$log" | head -n 8 >&2
  fi
  summary="$summary$(printf '%-11s %-16s execs %-10s exec/s %-7s cov %-6s ft %-7s corpus %-6s peak RSS %s MB' \
    "$target" "$result" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}")
"
done
echo "== fuzz summary (${seconds}s per target)"
printf '%s' "$summary"
exit $status
