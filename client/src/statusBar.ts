import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, CoverageResult } from '../../server/src/protocol';
import { verificationStatusText } from './testText';

/**
 * Overall coverage, verification and finding counts; a click opens the coverage panel.
 * Verification from annotations only says "annotated only", never a passed figure.
 */
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
    const verification = verificationStatusText(result.verification);
    this.item.text = `$(shield) ${percent}%${verification ? ` $(beaker) ${verification.short}` : ''} $(error) ${error} $(warning) ${warning}${result.indexing ? ' $(sync~spin)' : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Seclife** — ${covered}/${total} items covered\n\n`);
    for (const k of kinds)
      tooltip
        .appendMarkdown('- ')
        .appendText(`${k.title}: ${k.covered}/${k.total} (${k.percent}%)`)
        .appendMarkdown('\n');
    if (verification)
      tooltip.appendMarkdown('\n').appendText(`Verification: ${verification.long}`).appendMarkdown('\n');
    tooltip.appendMarkdown('\nClick to show the coverage panel');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
