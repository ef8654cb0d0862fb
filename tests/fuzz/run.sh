#!/usr/bin/env bash
# Runs one libFuzzer target, as the ctest test of that name does (tests/fuzz/CMakeLists.txt):
#   run.sh BINARY TARGET SECONDS SOURCE_DIR WORK_DIR [LIBFUZZER_OPTION…]
# First every input that once made it crash (tests/fuzz/regressions/TARGET/: each must now run
# clean), then SECONDS of fuzzing from the seed corpus (tests/fuzz/corpus/TARGET/) and what
# earlier runs in WORK_DIR found. Prints a summary; the full log stays in WORK_DIR/fuzz.log, and a
# crashing input in WORK_DIR/artifacts/ (fix the bug, then keep the input as a regression).
set -euo pipefail
bin=$1 target=$2 seconds=$3 src=$4 work=$5
shift 5
mkdir -p "$work/corpus" "$work/artifacts"
# Leaks are bugs too; a sanitizer report aborts, which libFuzzer reports as a crash.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

regressions=("$src/tests/fuzz/regressions/$target"/*)
if [ -e "${regressions[0]}" ]; then
  if ! "$bin" "${regressions[@]}" >"$work/regressions.log" 2>&1; then
    tail -n 60 "$work/regressions.log"
    echo "$target: an input in tests/fuzz/regressions/$target crashes again (log: $work/regressions.log)"
    exit 1
  fi
  echo "$target: ${#regressions[@]} regression inputs run clean"
fi

dict=()
[ -f "$src/tests/fuzz/$target.dict" ] && dict=(-dict="$src/tests/fuzz/$target.dict")
status=0
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  "${dict[@]}" -artifact_prefix="$work/artifacts/" "$@" \
  "$work/corpus" "$src/tests/fuzz/corpus/$target" >"$work/fuzz.log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1)
corpus=$(find "$work/corpus" -type f | wc -l)
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|SUMMARY|runtime error|Test unit written|#[0-9]+ 0x" "$work/fuzz.log" | head -n 40 || true
  # The input itself, so that a failure seen only in a CI log can be reproduced from it:
  # `base64 -d > crash && BINARY crash`.
  for a in "$work"/artifacts/*; do
    [ -f "$a" ] || continue
    if [ "$(stat -c %s "$a")" -le 16384 ]; then
      echo "$target: the input $(basename "$a"), base64:"
      base64 -w 100 "$a"
    fi
  done
  echo "$target: FAILED after ${runs:-?} executions (log: $work/fuzz.log)"
  exit 1
fi
echo "$target: ${runs:-?} executions in ${seconds} s, no crash, leak or hang; corpus $corpus inputs"
