import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { CoveragePanel } from './coveragePanel';
import { FindingsTreeProvider } from './findingsTree';
import { createLanguageClient } from './languageClient';
import { CoverageStatus } from './statusBar';
import { TraceTreeProvider } from './traceTree';
import { registerVulnerabilitiesView, VulnerabilitiesTreeProvider } from './vulnerabilitiesTree';

let client: LanguageClient | undefined;

/** Activation: start the server, then views, status bar and commands that only ask it and draw. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  client = createLanguageClient(context);
  const trace = new TraceTreeProvider(client);
  const findings = new FindingsTreeProvider(client);
  const coverage = new CoveragePanel(client);
  const status = new CoverageStatus(client);
  context.subscriptions.push(
    vscode.window.createTreeView('seclife.traceability', { treeDataProvider: trace, showCollapseAll: true }),
    vscode.window.createTreeView('seclife.findings', { treeDataProvider: findings, showCollapseAll: true }),
    status,
  );
  const vulnerabilities = new VulnerabilitiesTreeProvider(client);
  registerVulnerabilitiesView(context, vulnerabilities);
  registerCommands(context, { client, trace, findings, vulnerabilities, coverage });

  // Views follow the diagnostics the server publishes (debounced: one refresh per burst).
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      trace.refresh();
      findings.refresh();
      vulnerabilities.refresh();
      void status.refresh();
      void coverage.refresh().catch(() => undefined);
    }, 250);
  };
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(refresh), {
    dispose: () => timer && clearTimeout(timer),
  });
  await client.start();
  refresh();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
