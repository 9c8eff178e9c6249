import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TraceTreeRequest, TraceTreeResult } from '../../server/src/protocol';
import { nextFreeId, starterFile, itemSnippet } from './itemTemplates';

/**
 * "New requirement/threat/control": inserts a snippet with the next free ID at the end of
 * the document that already holds most items of that kind (or creates docs/security/<kind>.md).
 */
export async function newItem(client: LanguageClient, prefix: string): Promise<void> {
  const tree = await client.sendRequest<TraceTreeResult>(TraceTreeRequest, { kinds: [prefix] });
  const folder = tree.folders[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Seclife: open a folder first.');
    return;
  }
  const items = folder.kinds.find((k) => k.prefix === prefix)?.items ?? [];
  const id = nextFreeId(prefix, items.map((i) => i.id));
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.location.uri, (counts.get(i.location.uri) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  let uri: vscode.Uri;
  if (best) uri = vscode.Uri.parse(best);
  else {
    const starter = starterFile(prefix);
    uri = vscode.Uri.joinPath(vscode.Uri.parse(folder.uri), starter.path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starter.content));
    }
  }
  const editor = await vscode.window.showTextDocument(uri);
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const lastLine = doc.lineAt(doc.lineCount - 1).text;
  const lead = doc.getText().length === 0 ? '' : lastLine.trim() === '' ? '\n' : '\n\n';
  const level = items.length && best ? undefined : 2;
  await editor.insertSnippet(new vscode.SnippetString(lead + itemSnippet(prefix, id, level)), end);
}
