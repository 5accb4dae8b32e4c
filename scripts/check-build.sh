#!/usr/bin/env bash
# The build (library, executable and tests) must print no warning: CI treats a new warning as a failure.
#
#   scripts/check-build.sh              # build everything, tests included, and fail on any warning
#   scripts/check-build.sh --log FILE   # check the output of a build that already ran (CI: the clean `swift test`)
#
# An incremental build does not re-print the warnings of files it does not recompile, so a build in .build/ that
# says nothing proves nothing. Without --log this script therefore builds in its own folder, .build-warnings/
# (ignored by git), with -warnings-as-errors: a file with a warning never compiles, so it is compiled (and
# reported) again on every run, however incremental. The first run there is a full debug build (a few minutes);
# later runs only recompile what changed. .build/ and its flags are left alone, so a following `swift test`
# does not rebuild.
#
# With --log (CI, where the clone is clean and `swift test` is the full build) it costs nothing: it checks that
# the log is of a full build (every target of Package.swift emitted its module) and that it holds no warning.
# A log of an incremental build falls back to the build above rather than passing on partial evidence.
set -euo pipefail
cd "$(dirname "$0")/.."

# Compiler and SwiftPM warnings look like `path:line:col: warning: ...` or `warning: ...`. Only the build part of
# a `swift test` log counts (up to "Build complete!"): test output may legitimately contain the word.
warnings_in() {
  awk '/^Build complete!/ { exit } /(^|: )warning: / { print }' "$1" | sort | uniq -c | sort -rn
}

# The targets Package.swift declares; a full build emits each one's module.
targets() {
  grep -oE '\.(target|testTarget|executableTarget)\(name: "[^"]+"' Package.swift | sed -E 's/.*name: "([^"]+)"/\1/'
}

report() {
  local log="$1" found
  found="$(warnings_in "$log")"
  if [ -n "$found" ]; then
    echo "check-build: the build printed warnings (count, warning):" >&2
    echo "$found" >&2
    echo "check-build: fix them; CI treats a warning as a failure" >&2
    return 1
  fi
}

full_build() {
  local log
  log="$(mktemp)"
  trap 'rm -f "$log"' RETURN
  echo "check-build: swift build --build-tests -Xswiftc -warnings-as-errors --scratch-path .build-warnings"
  if ! swift build --build-tests -Xswiftc -warnings-as-errors --scratch-path .build-warnings >"$log" 2>&1; then
    # With warnings as errors, a warning shows as `error:`; print the diagnostics, not the progress lines.
    grep -E '(^|: )(error|warning): ' "$log" | sort | uniq -c | sort -rn >&2 || cat "$log" >&2
    echo "check-build: the build failed or printed warnings (compiled with warnings as errors)" >&2
    return 1
  fi
  report "$log"
  echo "check-build: no warnings (library, executable and tests)"
}

if [ "${1:-}" = "--log" ]; then
  log="${2:?usage: scripts/check-build.sh --log FILE}"
  missing=""
  for target in $(targets); do
    grep -qE "Emitting module ${target}\$" "$log" || missing="$missing $target"
  done
  if [ -n "$missing" ]; then
    echo "check-build: $log is not a full build (no module emitted for:$missing); an incremental build hides the"
    echo "check-build: warnings of unchanged files, so building in .build-warnings/ instead"
    full_build
  else
    report "$log"
    echo "check-build: no warnings in the full build of every target ($(targets | wc -l | tr -d ' ') targets)"
  fi
else
  full_build
fi
