import ts from 'typescript';
import { triggerMatches } from './trigger';
import { ForwardPositions } from '../text';
import { JsAnalysis } from './jsAnalysis';
import { JsRule, JsRuleContext, RuleFix, RuleHit } from './ruleTypes';

function scriptKind(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/**
 * Runs the JS/TS rules on one file: a cheap textual trigger per rule first, then one parse
 * and one walk shared by every triggered rule (each visitor registered by node kind).
 * Returns the hits, or a note when the file could not be parsed (e.g. pathological nesting).
 */
export function runJsRules(path: string, text: string, rules: readonly JsRule[], memo = new Map<RegExp, boolean>()): { hits: RuleHit[]; note?: string } {
  // With the caller's memo (the engine has tested the triggers already), this is map lookups.
  const active = rules.filter((r) => triggerMatches(r.trigger, text, memo));
  if (active.length === 0) return { hits: [] };
  let sourceFile: ts.SourceFile;
  try {
    // JSDoc is never read by a rule: skipping its parse saves a good part of the parse time.
    sourceFile = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKind(path));
  } catch (e) {
    return { hits: [], note: `secure-coding rules skipped: the file could not be parsed (${(e as Error).message})` };
  }
  const table = new Map<ts.SyntaxKind, Array<{ rule: JsRule; fn: (node: ts.Node, ctx: JsRuleContext) => void }>>();
  for (const rule of active) {
    for (const [kind, fn] of Object.entries(rule.visit)) {
      const list = table.get(Number(kind)) ?? [];
      list.push({ rule, fn: fn! });
      table.set(Number(kind), list);
    }
  }
  const hits: RuleHit[] = [];
  let analysis: JsAnalysis | undefined;
  let positions: ForwardPositions | undefined;
  let current: JsRule = active[0];
  const ctx: JsRuleContext = {
    ts,
    sourceFile,
    path,
    report(node: ts.Node | { start: number; end: number }, message?: string, fix?: RuleFix) {
      const range = 'kind' in node ? { start: (node as ts.Node).getStart(sourceFile), end: (node as ts.Node).getEnd() } : node;
      hits.push({ ruleId: current.id, start: range.start, end: range.end, message: message ?? current.message, fix });
    },
    position(offset: number) {
      positions ??= new ForwardPositions(text);
      return positions.positionAt(offset);
    },
    isRequestData: (node) => (analysis ??= new JsAnalysis(ts, sourceFile)).isRequestData(node),
    constantString: (node) => (analysis ??= new JsAnalysis(ts, sourceFile)).constantString(node),
    dottedName: (node) => (analysis ??= new JsAnalysis(ts, sourceFile)).dottedName(node),
  };
  // Iterative walk: deeply nested code cannot overflow the stack here.
  const stack: ts.Node[] = [sourceFile];
  while (stack.length) {
    const node = stack.pop()!;
    const visitors = table.get(node.kind);
    if (visitors) {
      for (const v of visitors) {
        current = v.rule;
        try {
          v.fn(node, ctx);
        } catch {
          // A rule that fails on odd code must not take the others down.
        }
      }
    }
    const children: ts.Node[] = [];
    node.forEachChild((c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return { hits };
}
