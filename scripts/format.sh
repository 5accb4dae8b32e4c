#!/usr/bin/env bash
# Formats the Swift sources with `swift format` (it ships with the Swift toolchain) and the repository's
# .swift-format configuration.
#
#   scripts/format.sh          # format Sources, Tests and Package.swift in place
#   scripts/format.sh --lint   # CI: change nothing, fail (exit 1) if any file is not formatted
#
# Formatting changes layout only, never behaviour: after formatting, the build, the tests and
# `scripts/generate-reports.sh --check` give the same results.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
case "${1:-}" in
  --lint) exec swift format lint --strict --recursive --parallel "${paths[@]}" ;;
  "") exec swift format --in-place --recursive --parallel "${paths[@]}" ;;
  *) echo "usage: scripts/format.sh [--lint]" >&2; exit 2 ;;
esac
