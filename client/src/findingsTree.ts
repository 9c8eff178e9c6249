import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FindingEntry, FindingsRequest, FindingsResult } from '../../server/src/protocol';
import { describe, openCommand } from './locations';

type Node =
  | { type: 'group'; label: string; findings: FindingEntry[]; suppressed?: boolean }
  | { type: 'finding'; finding: FindingEntry; byCode: boolean };

const ICON: Record<FindingEntry['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  note: new vscode.ThemeIcon('info'),
};

/** The Findings view: grouped by code or by file, with counts; suppressed findings apart with their justification. */
export class FindingsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  groupBy: 'code' | 'file' = 'code';
  private result: Promise<FindingsResult | undefined> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.result = undefined;
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.type === 'group')
      return node.findings.map((finding) => ({ type: 'finding', finding, byCode: this.groupBy === 'code' }));
    if (node) return [];
    this.result ??= this.client.sendRequest(FindingsRequest, { includeSuppressed: true }).then(
      (r) => r,
      () => undefined,
    );
    const result = await this.result;
    if (!result) return [];
    const active = result.findings.filter((f) => !f.suppression);
    const suppressed = result.findings.filter((f) => f.suppression);
    const groups = new Map<string, FindingEntry[]>();
    for (const f of active) {
      const key =
        this.groupBy === 'code' ? f.code : vscode.workspace.asRelativePath(vscode.Uri.parse(f.location.uri), true);
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(f);
    }
    const nodes: Node[] = [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, findings]) => ({ type: 'group', label, findings }));
    if (suppressed.length) nodes.push({ type: 'group', label: 'Suppressed', findings: suppressed, suppressed: true });
    return nodes;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      t.description = `${node.findings.length}`;
      t.iconPath = new vscode.ThemeIcon(
        node.suppressed ? 'eye-closed' : this.groupBy === 'code' ? 'symbol-key' : 'file',
      );
      return t;
    }
    const f = node.finding;
    const t = new vscode.TreeItem(node.byCode ? f.message : `${f.code}: ${f.message}`);
    t.description = f.suppression ? `${describe(f.location)} — ${f.suppression.justification}` : describe(f.location);
    t.tooltip = f.suppression ? `${f.message}\n\nSuppressed: ${f.suppression.justification}` : f.message;
    t.iconPath = f.suppression ? new vscode.ThemeIcon('eye-closed') : ICON[f.severity];
    t.command = openCommand(f.location);
    return t;
  }
}
