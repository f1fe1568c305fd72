#!/usr/bin/env bash
# `npm test`: everything CI checks, in order, with one closing summary line.
# Unit and integration tests run inside a private D-Bus session with an unlocked
# gnome-keyring (and no DISPLAY), so the vault is tested against a real Secret Service.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
status=0

step() { echo; echo "=== $1"; }

step "typecheck"
npm run --silent typecheck || status=1

step "lint"
npm run --silent lint || status=1

step "unit and integration tests (vitest, inside a private keyring session)"
bash tests/run-with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1

step "end-to-end tests (Playwright in Chromium against the web mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=1

node tests/summarize-results.js "$results/vitest.json" "$results/playwright.json" || status=1
exit $status
