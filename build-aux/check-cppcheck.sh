#!/usr/bin/env bash
# Runs cppcheck over the project's own C code and fails on any finding.
# Usage: check-cppcheck.sh SOURCE_DIR BUILD_DIR
# (No --cppcheck-build-dir cache: it keeps stale results when this
# configuration changes, and a full run takes seconds.)
#
# cppcheck does not read the GLib/GTK headers (that would be slow and only
# report on them); its "gtk" library file teaches it GLib's allocators,
# g_autoptr and the like instead. A finding that is a false positive is
# silenced where it occurs with a comment
#   // cppcheck-suppress <id>   (and a reason on the same line)
# never here. The one exception, varFuncNullUB, is GLib's own convention:
# NULL-terminated variable arguments (g_object_new, g_build_filename and ours
# alike), checked by G_GNUC_NULL_TERMINATED and safe where NULL is
# ((void *) 0), as with gcc and clang on Linux.
set -euo pipefail

src=$1
build=$2

dirs=()
for d in src tests/platform tests/fuzz; do
  [ -d "$src/$d" ] && dirs+=("$src/$d")
done

includes=(-I "$build")
while IFS= read -r d; do
  includes+=(-I "$d")
done < <(find "$src/src" "$src/tests" -name '*.h' -printf '%h\n' | sort -u)

exec cppcheck \
  --enable=warning,performance,portability \
  --inline-suppr \
  --error-exitcode=1 \
  --library=gtk --library=cairo --library=sqlite3 --library=posix \
  --library="$src/build-aux/cppcheck-glib.cfg" \
  --std=c11 \
  -D__GNUC__ -D__linux__ \
  --suppress=missingIncludeSystem \
  --suppress=varFuncNullUB \
  -j 2 -q \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  "${includes[@]}" \
  "${dirs[@]}"
