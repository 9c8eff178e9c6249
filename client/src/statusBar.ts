import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, CoverageResult } from '../../server/src/protocol';

/** Overall coverage and finding counts; a click opens the coverage panel. */
export class CoverageStatus {
  private readonly item = vscode.window.createStatusBarItem('seclife.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Seclife';
    this.item.command = 'seclife.showCoverage';
    this.item.text = '$(shield) Seclife';
    this.item.show();
  }

  async refresh(): Promise<void> {
    let result: CoverageResult;
    try {
      result = await this.client.sendRequest(CoverageRequest);
    } catch {
      return;
    }
    const kinds = result.kinds.filter((k) => k.total > 0);
    const total = kinds.reduce((n, k) => n + k.total, 0);
    const covered = kinds.reduce((n, k) => n + k.covered, 0);
    const percent = total ? Math.round((covered / total) * 100) : 100;
    const { error, warning } = result.findings;
    this.item.text = `$(shield) ${percent}% $(error) ${error} $(warning) ${warning}${result.indexing ? ' $(sync~spin)' : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      [
        `**Seclife** — ${covered}/${total} items covered`,
        '',
        ...kinds.map((k) => `- ${k.title}: ${k.covered}/${k.total} (${k.percent}%)`),
        '',
        'Click to show the coverage panel',
      ].join('\n'),
    );
    this.item.backgroundColor = error > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
