import * as vscode from 'vscode';
import type { Location, Range } from '../../server/src/protocol';

/** LSP range (0-based, as the server sends it) → VS Code range. */
export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** LSP location → VS Code location. */
export function toLocation(l: Location): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range));
}

/** Opens a location in an editor and selects it. */
export async function openLocation(l: Location): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(l.uri), { preview: true });
  const range = toRange(l.range);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** `path/file.ts:12` relative to its workspace folder. */
export function describe(l: Location): string {
  const uri = vscode.Uri.parse(l.uri);
  return `${vscode.workspace.asRelativePath(uri, false)}:${l.range.start.line + 1}`;
}

export function openCommand(l: Location, title = 'Open'): vscode.Command {
  return { command: 'seclife.openLocation', title, arguments: [l] };
}
