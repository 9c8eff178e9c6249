import ts from 'typescript';
import { triggerMatches } from './trigger';
import { ForwardPositions } from '../text';
import { JsAnalysis } from './jsAnalysis';
import { JsRule, JsRuleContext, RuleFix, RuleHit } from './ruleTypes';
import { ComponentFailure } from '../internalError';

/** The component an `internal-error` names when TypeScript cannot parse a file. */
export const TS_PARSER = 'typescript-parser';
/** … and when the shared walk itself (not one rule's visitor) throws. */
export const JS_RULE_RUNNER = 'js-rule-runner';

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
 * Returns the hits and what threw: the parser (no rule ran), the walk (rules stopped
 * there), or a rule's visitor — once per rule, at the node it was visiting, the other
 * rules and the rest of the walk go on (the caller reports each as an `internal-error`).
 */
export function runJsRules(
  path: string,
  text: string,
  rules: readonly JsRule[],
  memo = new Map<RegExp, boolean>(),
): { hits: RuleHit[]; failures: ComponentFailure[] } {
  // With the caller's memo (the engine has tested the triggers already), this is map lookups.
  const active = rules.filter((r) => triggerMatches(r.trigger, text, memo));
  if (active.length === 0) return { hits: [], failures: [] };
  let sourceFile: ts.SourceFile;
  try {
    // JSDoc is never read by a rule: skipping its parse saves a good part of the parse time.
    sourceFile = ts.createSourceFile(
      path,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      scriptKind(path),
    );
  } catch (error) {
    const missing = 'no JS/TS secure-coding rule ran on this file';
    // The parser recurses per nesting level: code nested thousands of levels deep exhausts
    // the stack. That is a limit of the parser, named as such, not a defect to report.
    const limit = isStackOverflow(error) ? 'the code nests deeper than the TypeScript parser can follow' : undefined;
    return { hits: [], failures: [{ component: TS_PARSER, error, missing, limit }] };
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
  /** The first exception of each rule (where it was), and how often it threw. */
  const failed = new Map<string, ComponentFailure & { count: number }>();
  let analysis: JsAnalysis | undefined;
  let positions: ForwardPositions | undefined;
  let current: JsRule = active[0];
  const ctx: JsRuleContext = {
    ts,
    sourceFile,
    path,
    report(node: ts.Node | { start: number; end: number }, message?: string, fix?: RuleFix) {
      const range =
        'kind' in node ? { start: (node as ts.Node).getStart(sourceFile), end: (node as ts.Node).getEnd() } : node;
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
  const failures: ComponentFailure[] = [];
  try {
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
          } catch (error) {
            // A rule that fails on odd code must not take the others down — nor go unreported.
            const seen = failed.get(v.rule.id);
            if (seen) seen.count++;
            else failed.set(v.rule.id, { component: v.rule.id, error, ...nodeRange(node, sourceFile), count: 1 });
          }
        }
      }
      const children: ts.Node[] = [];
      node.forEachChild((c) => {
        children.push(c);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  } catch (error) {
    failures.push({
      component: JS_RULE_RUNNER,
      error,
      missing: 'the JS/TS secure-coding rules did not check the rest of this file',
    });
  }
  for (const f of failed.values()) failures.push(f);
  return { hits, failures };
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** Where a node starts and ends (its full range when the start cannot be computed). */
function nodeRange(node: ts.Node, sourceFile: ts.SourceFile): { start: number; end: number } {
  try {
    return { start: node.getStart(sourceFile), end: node.getEnd() };
  } catch {
    // Only a position for the report: the node's full range is as good a place.
    return { start: node.pos, end: node.end };
  }
}
