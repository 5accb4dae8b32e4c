#!/usr/bin/env bash
# Regenerates reports/ from the scenario library: for every scenarios/*.json (but schema.json), its report as
# Markdown and as self-contained HTML: the run report, or the plan or comparison where scripts/report-commands.txt
# says the scenario's lesson is one; and for every line of scripts/explore-grids.txt, the explore page
# reports/NAME.explore.html. The same code and scenarios always give the same bytes.
#
#   scripts/generate-reports.sh            # build, then write reports/
#   scripts/generate-reports.sh --check    # write to a temporary folder and fail if reports/ differs (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product shardsim >/dev/null
binary="$(swift build --show-bin-path)/shardsim"
target=reports
if [ "${1:-}" = "--check" ]; then
  target="$(mktemp -d)"
  trap 'rm -rf "$target"' EXIT
fi
mkdir -p "$target"
for scenario in scenarios/*.json; do
  name="$(basename "$scenario" .json)"
  [ "$name" = "schema" ] && continue
  # scripts/report-commands.txt names the scenarios whose lesson is a plan or a comparison.
  command="$(awk -v n="$name" '$1 == n { print $2 }' scripts/report-commands.txt)"
  case "${command:-run}" in
    run) "$binary" run "$scenario" --format markdown --out "$target/$name.md" --html-out "$target/$name.html" ;;
    plan|compare)
      "$binary" "$command" "$scenario" --format markdown --out "$target/$name.md"
      "$binary" "$command" "$scenario" --format html --out "$target/$name.html" ;;
    *) echo "scripts/report-commands.txt: unknown command '$command' for $name" >&2; exit 1 ;;
  esac
done
while read -r name arguments; do
  case "$name" in ''|'#'*) continue ;; esac
  # Word splitting of $arguments is intended: the file holds plain --vary/--set words without spaces inside.
  # shellcheck disable=SC2086
  "$binary" explore "scenarios/$name.json" $arguments --out "$target/$name.explore.html"
done < scripts/explore-grids.txt
if [ "${1:-}" = "--check" ]; then
  if ! diff -r -q reports "$target"; then
    echo "reports/ is out of date: run scripts/generate-reports.sh and commit the result" >&2
    exit 1
  fi
  echo "reports/ matches the scenario library"
fi
