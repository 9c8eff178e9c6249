import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  VulnerabilitiesRequest,
  VulnerabilitiesResult,
  VulnerabilityEntry,
  VulnerabilityState,
} from '../../server/src/protocol';
import { describe, openCommand } from './locations';

type Node =
  | { type: 'group'; state: VulnerabilityState; entries: VulnerabilityEntry[] }
  | { type: 'advisory'; entry: VulnerabilityEntry }
  | { type: 'message'; text: string };

/** The groups, in this order (docs/vscode.md, Vulnerabilities view). */
const GROUPS: ReadonlyArray<{ state: VulnerabilityState; label: string; icon: vscode.ThemeIcon; open: boolean }> = [
  {
    state: 'undecided',
    label: 'Undecided',
    icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    open: true,
  },
  { state: 'under-investigation', label: 'Under investigation', icon: new vscode.ThemeIcon('search'), open: true },
  { state: 'decided', label: 'Decided', icon: new vscode.ThemeIcon('pass'), open: false },
];

/** The command of the view's refresh button. */
export const REFRESH_VULNERABILITIES_COMMAND = 'seclife.vulnerabilities.refresh';

/**
 * The Vulnerabilities view: every advisory affecting a resolved package, grouped Undecided,
 * Under investigation, Decided. It only asks the server (`seclife/vulnerabilities`) and draws.
 */
export class VulnerabilitiesTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: Promise<VulnerabilitiesResult | undefined> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.result = undefined;
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.type === 'group') return node.entries.map((entry) => ({ type: 'advisory', entry }));
    if (node) return [];
    this.result ??= this.client.sendRequest(VulnerabilitiesRequest).then(
      (r) => r,
      () => undefined,
    );
    const result = await this.result;
    if (!result) return [{ type: 'message', text: 'The Seclife server is not running.' }];
    if (result.vulnerabilities.length === 0)
      return [
        {
          type: 'message',
          text: result.indexing ? 'Indexing…' : 'No advisory affects a resolved package.',
        },
      ];
    return GROUPS.map((g) => ({
      type: 'group',
      state: g.state,
      entries: result.vulnerabilities.filter((v) => v.state === g.state),
    }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'message') return new vscode.TreeItem(node.text);
    if (node.type === 'group') {
      const g = GROUPS.find((x) => x.state === node.state)!;
      const t = new vscode.TreeItem(
        g.label,
        node.entries.length === 0
          ? vscode.TreeItemCollapsibleState.None
          : g.open
            ? vscode.TreeItemCollapsibleState.Expanded
            : vscode.TreeItemCollapsibleState.Collapsed,
      );
      // VS Code applies an item's collapsible state only the first time it sees its id: a
      // group that was empty (not expandable) gets a new id once it has entries, so it opens.
      t.id = `group:${node.state}:${node.entries.length === 0 ? 'empty' : 'entries'}`;
      t.description = `${node.entries.length}`;
      t.iconPath = g.icon;
      t.contextValue = `vulnerabilities.${node.state}`;
      return t;
    }
    const v = node.entry;
    const t = new vscode.TreeItem(`${v.id} ${v.package}@${v.version}`);
    t.description = [v.via?.length ? `via ${v.via.join(' > ')}` : '', v.severity ?? '', v.itemId ?? 'no SOUP item']
      .filter(Boolean)
      .join(' · ');
    t.tooltip = tooltipOf(v);
    t.iconPath = GROUPS.find((x) => x.state === v.state)!.icon;
    t.contextValue = `vulnerability.${v.state}`;
    t.command = openCommand(v.location);
    return t;
  }
}

function tooltipOf(v: VulnerabilityEntry): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(v.id).appendMarkdown('** ').appendText(`${v.package}@${v.version}`);
  if (v.aliases.length) tip.appendMarkdown('\n\n').appendText(`Aliases: ${v.aliases.join(', ')}`);
  if (v.summary) tip.appendMarkdown('\n\n').appendText(v.summary);
  if (v.severity) tip.appendMarkdown('\n\n').appendText(`Severity: ${v.severity}`);
  if (v.via?.length) tip.appendMarkdown('\n\n').appendText(`Indirect, via ${v.via.join(' > ')}`);
  tip
    .appendMarkdown('\n\n')
    .appendText(
      v.disposition
        ? `Disposition: ${v.disposition.status}${v.disposition.justification ? ` — ${v.disposition.justification}` : ''}`
        : v.itemId
          ? `No disposition yet: record one in ${v.itemId} (quick fix "Record VEX")`
          : 'No SOUP item can record a disposition: add one for the direct dependency',
    );
  if (v.url && /^https?:\/\/[^\s]+$/.test(v.url)) {
    const target = v.url.replace(/\(/g, '%28').replace(/\)/g, '%29');
    tip.appendMarkdown('\n\n[').appendText(v.url).appendMarkdown(`](${target})`);
  }
  tip.appendMarkdown('\n\n').appendText(describe(v.location));
  return tip;
}

/** Registers the view and its refresh command. */
export function registerVulnerabilitiesView(
  context: vscode.ExtensionContext,
  provider: VulnerabilitiesTreeProvider,
): void {
  context.subscriptions.push(
    vscode.window.createTreeView('seclife.vulnerabilities', { treeDataProvider: provider, showCollapseAll: true }),
    vscode.commands.registerCommand(REFRESH_VULNERABILITIES_COMMAND, () => provider.refresh()),
  );
}
