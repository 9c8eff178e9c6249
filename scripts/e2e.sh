#!/usr/bin/env bash
# Runs the end-to-end tests in a real VS Code workbench (see test/e2e/harness.mjs):
#   1. scripts/e2e-setup.sh     Chromium, Node 24 and code-server (a quick no-op once done)
#   2. npm run package          builds seclife-<version>.vsix, when package.json has the script
#   3. node --test test/e2e/*.test.mjs
# Extra arguments are passed to node --test (e.g. --test-name-pattern=smoke).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/e2e-setup.sh

if node -e "process.exit(require('./package.json').scripts?.package ? 0 : 1)"; then
  echo "e2e: npm run package"
  npm run package
else
  echo "e2e: package.json has no \"package\" script yet; skipping the .vsix build"
fi

echo "e2e: node --test test/e2e/*.test.mjs"
# The spec reporter prints each test and the closing summary (tests/pass/fail/skipped).
exec node --test --test-reporter=spec "$@" test/e2e/*.test.mjs
