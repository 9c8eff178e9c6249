import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  OPEN_TEST_RESULT_COMMAND,
  TestResultEntry,
  TraceTreeItem,
  TraceTreeKind,
  TraceTreeLink,
  TraceTreeRequest,
  TraceTreeResult,
} from '../../server/src/protocol';
import { describe, openCommand } from './locations';
import { itemIcon, resultDescription, resultLabel, testDescription, testIcon, testTooltip } from './testResults';

type Node =
  | { type: 'folder'; name: string; kinds: TraceTreeKind[] }
  | { type: 'kind'; kind: TraceTreeKind }
  | { type: 'item'; item: TraceTreeItem }
  | { type: 'link'; link: TraceTreeLink }
  | { type: 'result'; result: TestResultEntry }
  | { type: 'more'; count: number }
  | { type: 'message'; text: string };

const ROLE_LABEL: Record<string, string> = {
  implements: 'implemented by',
  interface: 'interface entry point',
  verifies: 'verified by',
  mitigates: 'mitigated by code',
  justification: 'named in suppression',
  manifest: 'dependency',
  'test-result': 'test result',
};

/**
 * The Traceability view: kinds → items (icon: covered or gap, or the verification status)
 * → their links → code and test locations (a test's icon: its result) → a test's results.
 * It only asks the server and draws.
 */
export class TraceTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  gapsOnly = false;
  kinds: string[] | undefined;
  private result: Promise<TraceTreeResult | undefined> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.result = undefined;
    this.changed.fire();
  }

  private load(): Promise<TraceTreeResult | undefined> {
    this.result ??= this.client.sendRequest(TraceTreeRequest, { gapsOnly: this.gapsOnly, kinds: this.kinds }).then(
      (r) => r,
      () => undefined,
    );
    return this.result;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const result = await this.load();
      if (!result) return [{ type: 'message', text: 'The Seclife server is not running.' }];
      const folders = result.folders.filter((f) => f.kinds.some((k) => k.total > 0 || k.items.length > 0));
      if (folders.length === 0)
        return [{ type: 'message', text: result.indexing ? 'Indexing…' : 'No lifecycle items found.' }];
      if (folders.length === 1) return this.kindNodes(folders[0].kinds);
      return folders.map((f) => ({ type: 'folder', name: f.name, kinds: f.kinds }));
    }
    if (node.type === 'folder') return this.kindNodes(node.kinds);
    if (node.type === 'kind') return node.kind.items.map((item) => ({ type: 'item', item }));
    if (node.type === 'item') return node.item.links.map((link) => ({ type: 'link', link }));
    if (node.type === 'link' && node.link.test) {
      const { results, moreResults } = node.link.test;
      const out: Node[] = results.map((result) => ({ type: 'result', result }));
      if (moreResults) out.push({ type: 'more', count: moreResults });
      return out;
    }
    return [];
  }

  private kindNodes(kinds: TraceTreeKind[]): Node[] {
    return kinds.filter((k) => k.total > 0).map((kind) => ({ type: 'kind', kind }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'message':
        return new vscode.TreeItem(node.text);
      case 'folder': {
        const t = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        t.iconPath = new vscode.ThemeIcon('root-folder');
        return t;
      }
      case 'kind': {
        const { kind } = node;
        const t = new vscode.TreeItem(kind.title, vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${kind.covered}/${kind.total} covered`;
        t.iconPath = new vscode.ThemeIcon('symbol-namespace');
        t.contextValue = 'kind';
        return t;
      }
      case 'item': {
        const { item } = node;
        const t = new vscode.TreeItem(
          `${item.id}`,
          item.links.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        t.id = `${item.location.uri}#${item.id}`;
        const { missing } = item;
        t.description = item.title + (missing.length ? ` — missing: ${missing.join(', ')}` : '');
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown('**').appendText(item.id).appendMarkdown('** ').appendText(item.title);
        tooltip.appendMarkdown('\n\n').appendText(item.covered ? 'All needs met' : `Missing: ${missing.join(', ')}`);
        if (item.verification)
          tooltip.appendMarkdown('\n\n').appendText(`Verification: ${testTooltip(item.verification)}`);
        t.tooltip = tooltip;
        t.iconPath = itemIcon(item);
        t.command = openCommand(item.location);
        t.contextValue = item.covered ? 'item' : 'item.gap';
        return t;
      }
      case 'link': {
        const { link } = node;
        const where = describe(link.location);
        let label: string;
        if (link.role === 'link') label = `${link.attribute}: ${link.itemId}`;
        else if (link.role === 'linked-by') label = `${link.itemId} (${link.attribute})`;
        else label = `${ROLE_LABEL[link.role] ?? link.role}${link.symbol ? ` ${link.symbol}` : ''}`;
        const test = link.test;
        const t = new vscode.TreeItem(
          label,
          test?.results.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        // A test's status first (the view is narrow), then where it is.
        t.description = (test ? `${testDescription(test)} · ` : '') + where + (link.note ? ` — ${link.note}` : '');
        t.iconPath = test
          ? testIcon(test.status)
          : new vscode.ThemeIcon(
              link.role === 'verifies'
                ? 'beaker'
                : link.role === 'link' || link.role === 'linked-by'
                  ? 'link'
                  : link.role === 'manifest'
                    ? 'package'
                    : 'code',
            );
        if (test) {
          const tooltip = new vscode.MarkdownString();
          if (test.name) tooltip.appendMarkdown('**Test** ').appendText(test.name).appendMarkdown('\n\n');
          tooltip.appendText(testDescription(test));
          t.tooltip = tooltip;
        }
        t.command = openCommand(link.location);
        // A failed test offers "Open Failing Test Result" (inline and in the context menu).
        const failure = test?.results.find((r) => r.status === 'failed' || r.status === 'errored');
        if (failure) t.contextValue = 'test.failed';
        return t;
      }
      case 'result': {
        const { result } = node;
        const t = new vscode.TreeItem(resultLabel(result));
        t.description = resultDescription(result, describe(result.location));
        if (result.message) t.tooltip = result.message;
        t.iconPath = testIcon(result.status);
        const failed = result.status === 'failed' || result.status === 'errored';
        t.command = failed
          ? { command: OPEN_TEST_RESULT_COMMAND, title: 'Open Failing Test Result', arguments: [result.location] }
          : openCommand(result.location);
        if (failed) t.contextValue = 'test.failed';
        return t;
      }
      case 'more':
        return new vscode.TreeItem(`… and ${node.count} more results`);
    }
  }
}
