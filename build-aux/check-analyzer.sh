#!/usr/bin/env bash
# Compiles the whole project with GCC's static analyzer (-fanalyzer) in a
# build folder of its own, warnings as errors, and fails on any finding.
# Nothing is linked into the tested binaries from there: it only compiles.
# Usage: check-analyzer.sh SOURCE_DIR ANALYZER_BUILD_DIR
set -euo pipefail

src=$1
build=$2

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dwerror=true -Dc_args=-fanalyzer >/dev/null
fi
# Only the C objects matter; ninja rebuilds just what changed since the last run.
exec meson compile -C "$build"
