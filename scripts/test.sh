#!/usr/bin/env bash
# All the tests: unit + loopback integration (vitest, node) and end-to-end (real Chromium, built extension).
# Ends with one line "N passed, N failed, N skipped" counted from the runners' JSON results.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1
out=.ci-out
rm -rf "$out" && mkdir -p "$out"
echo "• building the extension and the manager page…"
npm run --silent build >"$out/build.log" 2>&1 || { cat "$out/build.log"; echo "build failed"; exit 1; }
status=0
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$out/unit.json" "$@" || status=1
npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json="$out/e2e.json" "$@" || status=1
node scripts/summarise-results.mjs "$out/unit.json" "$out/e2e.json" || status=1
exit $status
