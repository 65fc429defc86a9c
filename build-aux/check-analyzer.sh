#!/usr/bin/env bash
# Compiles the whole project with GCC's static analyzer (-fanalyzer) in a
# build folder of its own, warnings as errors, and fails on any finding.
# Nothing is linked into the tested binaries from there: it only compiles.
# Usage: check-analyzer.sh SOURCE_DIR ANALYZER_BUILD_DIR
set -euo pipefail

src=$1
build=$2

# G_DISABLE_CHECKS: g_return_if_fail() guards against programmer errors
# and the analyzer would otherwise follow each failed guard's early return
# into every caller (a NULL from a getter whose argument was already
# checked, and so on). g_assert() stays: it tells the analyzer what holds.
# Variables only the guards read then look unused: the main build still
# reports unused variables. -O0 (buildtype debug): at -O2 GCC 12 reports the
# NULL-initialised g_autofree variables of early returns as uninitialised.
# -Wno-analyzer-use-of-uninitialized-value: GCC 12 also reports the cleanup
# of a g_auto/g_autofree variable declared in a loop body as a read of an
# uninitialised value (fixed in GCC 13); the main build's
# -Wmaybe-uninitialized and the sanitizer build still catch real ones.
args=(-Dwerror=true -Dbuildtype=debug "-Dc_args=-fanalyzer -DG_DISABLE_CHECKS -Wno-unused-variable -Wno-unused-but-set-variable -Wno-analyzer-use-of-uninitialized-value")
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" "${args[@]}" >/dev/null
else
  meson configure "$build" "${args[@]}" >/dev/null
fi
# Only the C objects matter; ninja rebuilds just what changed since the last run.
exec meson compile -C "$build"
