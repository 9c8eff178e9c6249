/**
 * Runs the extension-host suites in a desktop VS Code downloaded by @vscode/test-electron
 * (for machines that can reach VS Code's download servers). Here, the same suites run in
 * code-server through test/e2e/extensionHost.test.mjs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'seclife-vscode-'));
  fs.cpSync(path.join(repo, 'examples/remote-monitoring'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`test-electron run failed: ${(e as Error).message}`);
  process.exit(1);
});
