/**
 * One TypeScript parse of a JS/TS file, shared by the secure-coding rules
 * (core/rules/jsRuleRunner.ts) and the attack-surface detector
 * (core/attackSurface/js/jsSurface.ts): the engine reads a file's rules and its entry
 * points one after the other, so a one-entry cache keyed by (path, text) saves the second
 * parse. Loaded lazily (it pulls in the TypeScript compiler).
 */
import ts from 'typescript';

export function scriptKind(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

let last: { path: string; text: string; sourceFile: ts.SourceFile } | undefined;

/**
 * The file's syntax tree with parent links (JSDoc not parsed: no reader needs it). Throws
 * what the parser throws (a stack overflow on code nested thousands of levels deep); the
 * caller reports it.
 */
export function parseJs(path: string, text: string): ts.SourceFile {
  if (last && last.path === path && last.text === text) return last.sourceFile;
  const sourceFile = ts.createSourceFile(
    path,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKind(path),
  );
  last = { path, text, sourceFile };
  return sourceFile;
}
