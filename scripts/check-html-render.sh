#!/usr/bin/env bash
# Renders a library report's HTML with headless Chromium, as a reader sees it, and fails if the page or its
# charts come out missing or blank. Installs Debian's chromium when it is not there.
#
#   scripts/check-html-render.sh [REPORT.html] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-reports/three-consumers-classic-fan-out.html}"
png="${2:-$(mktemp --suffix=.png)}"
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null
fi
charts=$(grep -o '<svg' "$report" | wc -l)
if [ "$charts" -lt 4 ]; then
  echo "$report: expected at least 4 charts, found $charts" >&2
  exit 1
fi
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2400 \
  --screenshot="$png" "file://$(realpath "$report")" >/dev/null 2>&1
python3 scripts/png_ink.py "$png"
echo "rendered $report ($charts charts) to $png"
