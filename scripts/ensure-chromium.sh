#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests; installs it when we may.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "• installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium is missing at $CHROMIUM: install it with 'sudo apt-get install -y chromium'" >&2
echo "(or point CHROMIUM_PATH at a Chromium binary), then run 'npm test' again." >&2
exit 1
