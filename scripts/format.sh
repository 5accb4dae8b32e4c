#!/usr/bin/env bash
# Formats the Swift sources with `swift format` (it ships with the Swift toolchain) and the repository's
# .swift-format configuration.
#
#   scripts/format.sh          # format Sources, Tests and Package.swift in place
#   scripts/format.sh --lint   # CI: change nothing, fail (exit 1) if any file is not formatted
#
# Formatting changes layout only, never behaviour: after formatting, the build, the tests and
# `scripts/generate-reports.sh --check` give the same results.
#
# .swift-format is `swift format dump-configuration` (6.3) but for what our style needs (JSON has no comments):
#   indentation 4, lineLength 120   the code base's indent and line length.
#   DoNotUseSemicolons off          `case .split: open += 1; created += 2` rows and one-line fixtures
#                                   (`bill { $0.hours = 1; $0.shardHours = 4 }`) are deliberate.
#   OneVariableDeclarationPerLine off   paired locals (`let time1 = ..., sequence1 = ...` in the heap) are.
#   UseLetInEveryBoundCaseVariable off  `case let (index?, value?)` is our idiom.
#   NoBlockComments off             the one block comment is a Python reference script to paste and run.
#   NeverUseForceTry, NeverUseImplicitlyUnwrappedOptionals on   crash paths the guide forbids; none today.
# Kept on purpose: GroupNumericLiterals (style.md: `1_048_576`), OrderedImports, trailing commas in multi-line
# collections, respectsExistingLineBreaks (off reflows far more and loses deliberate layouts).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
case "${1:-}" in
  --lint) exec swift format lint --strict --recursive --parallel "${paths[@]}" ;;
  "") exec swift format --in-place --recursive --parallel "${paths[@]}" ;;
  *) echo "usage: scripts/format.sh [--lint]" >&2; exit 2 ;;
esac
