/**
 * The end-to-end assertions written against the VS Code API: run in the extension host of a
 * workbench that has examples/remote-monitoring (or a copy) open as its only folder.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'seclife.seclife';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), rel);
}

/** Resolves when `check` holds; re-checks on every diagnostics change; bounded. */
function waitForDiagnostics(
  uri: vscode.Uri,
  check: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (check(d)) {
        done();
        resolve(d);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(test);
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `diagnostics of ${uri.path} never matched: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((x) => x.code))}`,
        ),
      );
    }, timeoutMs);
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    test();
  });
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function api(): Promise<{ client: { sendRequest<R>(method: string, params: unknown): Promise<R> } }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

suite('Seclife in VS Code', () => {
  suiteSetup(async () => {
    await api();
  });

  test("the Problems panel lists the example's findings", async () => {
    const req = file('docs/security/requirements.md');
    const d = await waitForDiagnostics(req, (x) => x.length === 3);
    assert.deepEqual(d.map((x) => `${codeOf(x)}@${x.range.start.line + 1}`).sort(), [
      'not-implemented@81',
      'not-verified@45',
      'not-verified@81',
    ]);
    assert.equal(d[0].source, 'seclife');
    const threats = await waitForDiagnostics(file('docs/security/threats.md'), (x) => x.length === 1);
    assert.equal(codeOf(threats[0]), 'not-mitigated');
  });

  test('hover over an ID in code shows the item', async () => {
    const uri = file('src/auth/lockout.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('@implements SR-003'));
    const character = doc.lineAt(line).text.indexOf('SR-003') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, character),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*SR-003\*\* · Security requirement/);
  });

  test('go to definition lands on the heading', async () => {
    const uri = file('src/auth/lockout.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('@implements SR-003'));
    const character = doc.lineAt(line).text.indexOf('SR-003') + 1;
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      uri,
      new vscode.Position(line, character),
    );
    const target = defs[0] as vscode.Location;
    assert.ok(target.uri.path.endsWith('docs/security/requirements.md'));
    const heading = (await vscode.workspace.openTextDocument(target.uri)).lineAt(target.range.start.line).text;
    assert.match(heading, /^## SR-003: /);
  });

  test("the traceability tree and coverage have the example's items and percentages", async () => {
    const { client } = await api();
    const tree = await client.sendRequest<{
      folders: Array<{ kinds: Array<{ prefix: string; items: Array<{ id: string }> }> }>;
    }>('seclife/traceTree', {});
    const sr = tree.folders[0].kinds.find((k) => k.prefix === 'SR')!;
    assert.equal(sr.items.length, 9);
    const coverage = await client.sendRequest<{ kinds: Array<{ prefix: string; percent: number }> }>(
      'seclife/coverage',
      {},
    );
    assert.deepEqual(
      coverage.kinds.filter((k) => ['SR', 'TH', 'RC', 'IF'].includes(k.prefix)).map((k) => `${k.prefix} ${k.percent}%`),
      ['SR 77.8%', 'TH 88.9%', 'RC 85.7%', 'IF 100%'],
    );
    // Locations are LSP Locations; kinds and their templates come from the server (seclife/kinds).
    const located = await client.sendRequest<{
      folders: Array<{
        kinds: Array<{
          prefix: string;
          items: Array<{ location: { uri: string; range: { start: { line: number } } } }>;
        }>;
      }>;
    }>('seclife/traceTree', { kinds: ['SR'] });
    assert.ok(
      located.folders[0].kinds[0].items.every(
        (i) => i.location.uri.endsWith('.md') && i.location.range.start.line >= 0,
      ),
    );
    const kinds = await client.sendRequest<{
      folders: Array<{ kinds: Array<{ prefix: string; template: { attributes: Array<{ key: string }> } }> }>;
    }>('seclife/kinds', {});
    const rc = kinds.folders[0].kinds.find((k) => k.prefix === 'RC')!;
    assert.deepEqual(rc.template.attributes.map((a) => a.key).slice(0, 2), ['Mitigates', 'Derived-from']);
  });

  test('every contributed command is registered and Show Coverage opens the panel', async () => {
    const commands = await vscode.commands.getCommands(true);
    const contributed: Array<{ command: string }> =
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    assert.ok(contributed.length >= 18 && contributed.some((c) => c.command === 'seclife.openTestResult'));
    for (const { command } of contributed) assert.ok(commands.includes(command), command);
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await vscode.commands.executeCommand('seclife.showCoverage');
    // The tab model reaches the extension host asynchronously: check now, then on each change event.
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!labels().includes('Seclife Coverage')) return;
        sub.dispose();
        clearTimeout(timer);
        resolve();
      };
      const sub = vscode.window.tabGroups.onDidChangeTabs(check);
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no 'Seclife Coverage' tab; tabs: ${labels().join(', ')}`));
      }, 20_000);
      check();
    });
  });
});
