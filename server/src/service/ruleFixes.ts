import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { languageOf } from '../core/lexers/languages';
import { Finding } from '../core/findings';
import { lineOf, logFailure, ServiceContext } from './context';

/** Line-comment syntax per comment family, for inserted suppressions. */
const COMMENT: Record<string, [string, string]> = {
  python: ['# ', ''],
  hash: ['# ', ''],
  sql: ['-- ', ''],
  html: ['<!-- ', ' -->'],
  markdown: ['<!-- ', ' -->'],
};

/** Quick fixes of a secure-coding finding: the rule's safe rewrite (if any), and a justified suppression. */
export function ruleFixes(ctx: ServiceContext, path: string, d: Diagnostic): CodeAction[] {
  const out: CodeAction[] = [];
  const rule = String(d.code);
  const fix = (d.data as { fix?: Finding['fix'] } | undefined)?.fix;
  if (fix) {
    try {
      const edits: TextEdit[] = fix.edits.map((e) => ({
        range: {
          start: { line: e.line - 1, character: e.column - 1 },
          end: { line: e.endLine - 1, character: e.endColumn - 1 },
        },
        newText: e.newText,
      }));
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [ctx.uri(path)]: edits } },
      });
    } catch (e) {
      // The fix comes back from the client with the diagnostic: an odd one loses only the
      // rewrite (logged), not the suppression below.
      logFailure(ctx, `the ${rule} quick fix at ${path}:${d.range.start.line + 1}`, e);
    }
  }
  const text = ctx.text(path);
  if (text !== undefined) {
    const line = d.range.start.line;
    const indent = /^\s*/.exec(lineOf(text, line))![0];
    const [open, close] = COMMENT[languageOf(path)?.family ?? ''] ?? ['// ', ''];
    out.push({
      title: `Suppress ${rule} on this line (with a justification)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        changes: {
          [ctx.uri(path)]: [
            {
              range: { start: { line, character: 0 }, end: { line, character: 0 } },
              newText: `${indent}${open}seclife-ignore-next-line ${rule} -- <why this is safe>${close}\n`,
            },
          ],
        },
      },
    });
  }
  return out;
}
