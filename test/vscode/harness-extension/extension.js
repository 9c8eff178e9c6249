// Test harness: when SECLIFE_TEST_SUITE names a compiled suite index (test/vscode/out/suite/index.js),
// runs it in this extension host and writes the results to SECLIFE_TEST_RESULT.
'use strict';
const fs = require('fs');

exports.activate = async function activate() {
  const suite = process.env.SECLIFE_TEST_SUITE;
  const resultFile = process.env.SECLIFE_TEST_RESULT;
  if (!suite || !resultFile) return;
  try {
    await require(suite).run(resultFile);
  } catch (e) {
    fs.writeFileSync(resultFile, JSON.stringify({ passed: [], failed: [{ title: 'harness', error: String((e && e.stack) || e) }] }));
  }
};

exports.deactivate = function deactivate() {};
