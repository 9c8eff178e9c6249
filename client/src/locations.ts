import * as vscode from 'vscode';
import type { LocationRef } from '../../server/src/protocol';

export function toRange(l: LocationRef): vscode.Range {
  return new vscode.Range(l.line, l.character, l.endLine, l.endCharacter);
}

export function toLocation(l: LocationRef): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), toRange(l));
}

/** Opens a location in an editor and selects it. */
export async function openLocation(l: LocationRef): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(l.uri), { preview: true });
  const range = toRange(l);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** `path/file.ts:12` relative to its workspace folder. */
export function describe(l: LocationRef): string {
  const uri = vscode.Uri.parse(l.uri);
  return `${vscode.workspace.asRelativePath(uri, false)}:${l.line + 1}`;
}

export function openCommand(l: LocationRef, title = 'Open'): vscode.Command {
  return { command: 'seclife.openLocation', title, arguments: [l] };
}
