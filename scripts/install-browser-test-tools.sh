#!/usr/bin/env bash
# Installs, idempotently and at pinned versions, what scripts/browser-check.py needs: the Python `playwright`
# package (it bundles its own driver, so no `playwright install` and no npm) and Debian's `chromium`, which the
# harness launches from /usr/bin/chromium. Does nothing when both are present at the pinned versions.
#
#   scripts/install-browser-test-tools.sh
#
# Debian replaces a chromium version in its archive when a security update ships; if the pinned one is gone,
# this installs the archive's current chromium and says so (update the pin below to silence it).
set -euo pipefail
playwright_version="1.65.3"
chromium_version="156.0.8078.114-1~deb12u1"

installed="$(python3 -c 'import importlib.metadata as m; print(m.version("playwright"))' 2>/dev/null || true)"
if [ "$installed" != "$playwright_version" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "playwright==$playwright_version"
fi

installed="$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || true)"
if [ "$installed" != "$chromium_version" ]; then
  # Some containers refuse apt's unprivileged download sandbox (gpgv then fails as user _apt); as root, skip it.
  apt_options=()
  [ "$(id -u)" = 0 ] && apt_options=(-o APT::Sandbox::User=root)
  apt-get "${apt_options[@]}" update >/dev/null
  if ! DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends \
      "chromium=$chromium_version" >/dev/null 2>&1; then
    echo "warning: chromium $chromium_version is no longer in the archive; installing the current one" >&2
    DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends chromium >/dev/null
  fi
fi
echo "playwright $(python3 -c 'import importlib.metadata as m; print(m.version("playwright"))')," \
  "chromium $(dpkg-query -W -f='${Version}' chromium)"
