#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time and fails on any crash, leak,
# sanitizer report, timeout or out-of-memory.
# Usage: run-fuzzer.sh EXECUTABLE NAME SEED_DIR WORK_DIR [DICT]
# PD_FUZZ_SECONDS sets the time per target (default 60).
set -uo pipefail

exe=$(realpath "$1")
name=$2
seeds=$3
work=$4
dict=${5:-}
seconds=${PD_FUZZ_SECONDS:-60}

mkdir -p "$work/corpus" "$work/artifacts"
args=(
  -max_total_time="$seconds"
  -timeout=10              # one input taking 10 s is a hang
  -rss_limit_mb=2048
  -max_len=65536
  -print_final_stats=1
  -error_exitcode=1        # libFuzzer's default, 77, means "skipped" to meson
  -timeout_exitcode=1
  -artifact_prefix="$work/artifacts/"
)
[ -n "$dict" ] && [ -f "$dict" ] && args+=(-dict="$dict")

# New inputs go to the work corpus in the build tree; the seed corpus in
# the repository is only read.
"$exe" "${args[@]}" "$work/corpus" "$seeds"
rc=$?
if [ $rc -ne 0 ]; then
  echo
  echo "The fuzzer '$name' found a problem. Reproduce it with:"
  for f in "$work"/artifacts/*; do
    [ -e "$f" ] || continue
    echo "  $exe $f"
  done
  echo "Then copy the input into tests/fuzz/corpus/$name/ (it becomes a"
  echo "regression test in suite 'fuzz'), fix the parser, and run the test again."
  exit 1
fi
exit 0
