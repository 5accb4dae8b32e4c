#!/usr/bin/env bash
# Installs, idempotently and at pinned versions, what scripts/browser-check.py needs: the Python `playwright`
# package (it bundles its own driver, so no `playwright install` and no npm) and Debian's `chromium`, which the
# harness launches from /usr/bin/chromium. Safe to run again: it does nothing when both are present.
#
#   scripts/install-browser-test-tools.sh
set -euo pipefail
playwright_version="1.65.3"
installed="$(python3 -c 'import importlib.metadata as m; print(m.version("playwright"))' 2>/dev/null || true)"
if [ "$installed" != "$playwright_version" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "playwright==$playwright_version"
fi
if [ ! -x /usr/bin/chromium ]; then
  # Some containers refuse apt's unprivileged download sandbox (gpgv then fails as user _apt); as root, skip it.
  apt_options=()
  [ "$(id -u)" = 0 ] && apt_options=(-o APT::Sandbox::User=root)
  apt-get "${apt_options[@]}" update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends chromium >/dev/null
fi
echo "playwright $(python3 -c 'import importlib.metadata as m; print(m.version("playwright"))'), $(/usr/bin/chromium --version)"
