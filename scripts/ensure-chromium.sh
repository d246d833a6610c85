#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests; installs it when we may.
set -euo pipefail
# openssl makes the throwaway certificate of the webmail end-to-end tests.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && command -v openssl >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "• installing Debian's chromium (and openssl) for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium openssl >/dev/null
  [ -x "$CHROMIUM" ] && command -v openssl >/dev/null && exit 0
fi
echo "Chromium (at $CHROMIUM) or openssl is missing: install them with 'sudo apt-get install -y chromium openssl'" >&2
echo "(or point CHROMIUM_PATH at a Chromium binary), then run 'npm test' again." >&2
exit 1
