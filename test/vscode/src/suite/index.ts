/**
 * Mocha entry for the extension-host suites. `@vscode/test-electron` calls `run()` in a
 * downloaded desktop VS Code (runTest.ts); the test-harness extension calls the same
 * `run()` inside code-server's extension host (test/e2e/extensionHost.test.mjs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: string[];
  failed: Array<{ title: string; error: string }>;
}

export function run(resultFile?: string): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  for (const f of fs.readdirSync(__dirname)) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const result: SuiteResult = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
      if (failures > 0 && !resultFile)
        reject(new Error(`${failures} extension-host tests failed: ${result.failed.map((f) => f.title).join('; ')}`));
      else resolve(result);
    });
    runner.on('pass', (t) => result.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) =>
      result.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }),
    );
  });
}
