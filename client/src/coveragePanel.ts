import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, FindingsRequest } from '../../server/src/protocol';
import { renderCoverageHtml } from './coverageHtml';
import { openLocation } from './locations';

/** The "Seclife: Show Coverage" webview: one panel, refreshed when findings change. */
export class CoveragePanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly client: LanguageClient) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.panel = vscode.window.createWebviewPanel('seclife.coverage', 'Seclife Coverage', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage(
        (m: { type?: string; uri?: string; line?: number; character?: number }) => {
          if (m?.type === 'open' && typeof m.uri === 'string' && /^file:/.test(m.uri)) {
            const line = Number(m.line) || 0;
            const character = Number(m.character) || 0;
            void openLocation({ uri: m.uri, range: { start: { line, character }, end: { line, character } } });
          }
        },
      );
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const [coverage, findings] = await Promise.all([
      this.client.sendRequest(CoverageRequest),
      this.client.sendRequest(FindingsRequest, {}),
    ]);
    if (!this.panel) return;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = renderCoverageHtml(
      {
        coverage,
        findings: findings.findings,
        relativePath: (uri) =>
          vscode.workspace.asRelativePath(vscode.Uri.parse(uri), (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
      },
      nonce,
      this.panel.webview.cspSource,
    );
  }
}
