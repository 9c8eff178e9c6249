import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KindsRequest, Location, Range, ReindexRequest, SarifRequest } from '../../server/src/protocol';
import { CoveragePanel } from './coveragePanel';
import { FindingsTreeProvider } from './findingsTree';
import { openLocation, toLocation } from './locations';
import { newItem } from './newItem';
import { openTestResult } from './testResults';
import { TraceTreeProvider } from './traceTree';
import type { VulnerabilitiesTreeProvider } from './vulnerabilitiesTree';

export interface Views {
  client: LanguageClient;
  trace: TraceTreeProvider;
  findings: FindingsTreeProvider;
  vulnerabilities: VulnerabilitiesTreeProvider;
  coverage: CoveragePanel;
}

type Handler = (views: Views, ...args: unknown[]) => unknown;

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder?' });
}

async function setContext(key: string, value: unknown): Promise<void> {
  await vscode.commands.executeCommand('setContext', key, value);
}

/** Every command of the extension, by ID (the table is the single place to look). */
export const COMMANDS: Record<string, Handler> = {
  'seclife.showCoverage': (v) => v.coverage.show(),
  'seclife.reindex': async (v) => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Seclife: re-indexing' }, () =>
      v.client.sendRequest(ReindexRequest),
    );
  },
  // Any kind of the configuration (asks which); the three below are shortcuts for the default kinds.
  'seclife.newItem': (v) => newItem(v.client),
  'seclife.newRequirement': (v) => newItem(v.client, 'SR'),
  'seclife.newThreat': (v) => newItem(v.client, 'TH'),
  'seclife.newControl': (v) => newItem(v.client, 'RC'),
  'seclife.exportSarif': async (v) => {
    const folder = await pickFolder();
    if (!folder) return;
    const log = await v.client.sendRequest(SarifRequest, { folderUri: folder.uri.toString() });
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder.uri, 'seclife.sarif'),
      filters: { SARIF: ['sarif', 'json'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(log, null, 2)}\n`));
    void vscode.window.showInformationMessage(
      `Seclife: findings written to ${vscode.workspace.asRelativePath(target)}`,
    );
  },
  'seclife.openConfiguration': async (v) => {
    const folder = await pickFolder();
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, 'seclife.json');
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      const create = await vscode.window.showInformationMessage(
        'This folder has no seclife.json (defaults apply). Create one?',
        'Create',
      );
      if (create !== 'Create') return;
      // Starts from the document globs in effect for the folder (the defaults when nothing overrides them).
      const kinds = await v.client.sendRequest(KindsRequest, { folderUri: folder.uri.toString() });
      const documents = kinds.folders[0]?.documents ?? [];
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode(`{\n  "documents": ${JSON.stringify(documents).replace(/","/g, '", "')}\n}\n`),
      );
    }
    await vscode.window.showTextDocument(uri);
  },
  'seclife.openLocation': (_v, location) => openLocation(location as Location),
  // Hover command links and the Traceability view: the result file at the failing case's line.
  'seclife.openTestResult': (v, target) => openTestResult(v.client, target),
  // Code-lens commands: LSP arguments converted to VS Code objects.
  'seclife.showReferences': async (_v, uri, position, locations) => {
    const p = position as Range['start'];
    const locs = (locations as Location[]).map(toLocation);
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      vscode.Uri.parse(uri as string),
      new vscode.Position(p.line, p.character),
      locs,
    );
  },
  'seclife.openItem': async (_v, uri, range) => {
    await openLocation({ uri: uri as string, range: range as Range });
  },
  'seclife.traceTree.showGapsOnly': async (v) => {
    v.trace.gapsOnly = true;
    await setContext('seclife.gapsOnly', true);
    v.trace.refresh();
  },
  'seclife.traceTree.showAll': async (v) => {
    v.trace.gapsOnly = false;
    await setContext('seclife.gapsOnly', false);
    v.trace.refresh();
  },
  'seclife.traceTree.filterKinds': async (v) => {
    // Every kind of every folder's configuration, once per prefix.
    const result = await v.client.sendRequest(KindsRequest, {});
    const kinds = [...new Map(result.folders.flatMap((f) => f.kinds).map((k) => [k.prefix, k.title] as const))];
    const picked = await vscode.window.showQuickPick(
      kinds.map(([prefix, label]) => ({
        label,
        description: prefix,
        picked: !v.trace.kinds || v.trace.kinds.includes(prefix),
      })),
      { canPickMany: true, title: 'Show these kinds' },
    );
    if (!picked) return;
    v.trace.kinds = picked.length === kinds.length ? undefined : picked.map((p) => p.description!);
    v.trace.refresh();
  },
  'seclife.findings.groupByFile': async (v) => {
    v.findings.groupBy = 'file';
    await setContext('seclife.findingsByFile', true);
    v.findings.refresh();
  },
  'seclife.findings.groupByCode': async (v) => {
    v.findings.groupBy = 'code';
    await setContext('seclife.findingsByFile', false);
    v.findings.refresh();
  },
  'seclife.refreshViews': (v) => {
    v.trace.refresh();
    v.findings.refresh();
    v.vulnerabilities.refresh();
  },
};

export function registerCommands(context: vscode.ExtensionContext, views: Views): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(views, ...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`Seclife: ${(e as Error).message}`);
          return undefined;
        }
      }),
    );
  }
}
