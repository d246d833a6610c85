#!/usr/bin/env bash
# Quick start: install what is missing, build the extension (Chrome and Firefox) and the manager page,
# then run the server on the embedded SQLite default in ./data. Extra arguments go to `leadcard serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "• building the extension and the manager page…"
log=$(mktemp)
npm run --silent build >"$log" 2>&1 || { cat "$log"; echo "build failed" >&2; exit 1; }
rm -f "$log"
echo "Unpacked extension (Chrome/Edge): $(pwd)/.output/chrome-mv3"
echo "Unpacked extension (Firefox):     $(pwd)/.output/firefox-mv3"
# `npm start -- --demo`: seed the demo data (and print its users' passwords) when the database is still empty.
args=()
for arg in "$@"; do
  if [ "$arg" = "--demo" ]; then node bin/leadcard.mjs seed --demo --if-empty --data ./data; else args+=("$arg"); fi
done
exec node bin/leadcard.mjs serve --data ./data ${args[@]+"${args[@]}"}
