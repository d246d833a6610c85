#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than the lockfile.
# better-sqlite3 compiles from source here; node-gyp needs Node's headers (../shared/TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "• installing npm packages (npm ci; better-sqlite3 builds from source, about a minute)…"
  npm ci --no-audit --no-fund --loglevel=error
fi
