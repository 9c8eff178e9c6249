import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KindInfo, KindsRequest, KindsResult, TraceTreeRequest } from '../../server/src/protocol';
import { itemSnippet, nextFreeId } from './itemTemplates';

/** The folder of the active editor, else the first one, among the server's folders. */
function currentFolder<F extends { uri: string }>(folders: F[]): F | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const ws = active && vscode.workspace.getWorkspaceFolder(active);
  return (ws && folders.find((f) => f.uri === ws.uri.toString())) ?? folders[0];
}

async function pickKind(kinds: KindInfo[]): Promise<KindInfo | undefined> {
  const picked = await vscode.window.showQuickPick(
    kinds.map((info) => ({ label: info.title, description: info.prefix, info })),
    { title: 'Seclife: New item', placeHolder: 'Which kind?' },
  );
  return picked?.info;
}

/**
 * "New requirement/threat/control/…" (any kind of the folder's configuration, seclife.json
 * `kinds` included): inserts the kind's template with the next free ID at the end of the
 * document that already holds most items of that kind, or in the kind's starter document
 * (created when missing). Without a prefix it asks for the kind. Kinds and templates come
 * from the server (`seclife/kinds`).
 */
export async function newItem(client: LanguageClient, prefix?: string): Promise<void> {
  const kinds: KindsResult = await client.sendRequest(KindsRequest, {});
  const folder = currentFolder(kinds.folders);
  if (!folder) {
    void vscode.window.showWarningMessage('Seclife: open a folder first.');
    return;
  }
  const kind = prefix === undefined ? await pickKind(folder.kinds) : folder.kinds.find((k) => k.prefix === prefix);
  if (!kind) {
    if (prefix !== undefined)
      void vscode.window.showWarningMessage(`Seclife: the configuration of ${folder.name} has no kind ${prefix}.`);
    return;
  }
  const tree = await client.sendRequest(TraceTreeRequest, { kinds: [kind.prefix] });
  const items =
    tree.folders.find((f) => f.uri === folder.uri)?.kinds.find((k) => k.prefix === kind.prefix)?.items ?? [];
  const id = nextFreeId(
    kind.prefix,
    items.map((i) => i.id),
  );
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.location.uri, (counts.get(i.location.uri) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  let uri: vscode.Uri;
  if (best) uri = vscode.Uri.parse(best);
  else {
    const root = vscode.Uri.parse(folder.uri);
    uri = vscode.Uri.joinPath(root, kind.starter.path);
    // Never create a file outside the folder, whatever the server answers.
    if (!uri.path.startsWith(`${root.path.replace(/\/$/, '')}/`)) {
      void vscode.window.showWarningMessage(`Seclife: ${kind.starter.path} is outside ${folder.name}.`);
      return;
    }
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(kind.starter.content));
    }
  }
  const editor = await vscode.window.showTextDocument(uri);
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const lastLine = doc.lineAt(doc.lineCount - 1).text;
  const lead = doc.getText().length === 0 ? '' : lastLine.trim() === '' ? '\n' : '\n\n';
  const level = items.length && best ? undefined : 2;
  await editor.insertSnippet(new vscode.SnippetString(lead + itemSnippet(kind.template, id, level)), end);
}
