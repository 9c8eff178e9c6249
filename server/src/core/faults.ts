/**
 * Fault injection, for tests only: a JS/TS rule, a lexical rule and a comment scanner that
 * throw where a file contains {@link FAULT_MARKER}, to check that every failure becomes an
 * `internal-error` finding and a note (docs/findings.md, internal-error) and is never
 * dropped. Nothing in the product calls {@link injectFaults} but the language server, when
 * the test-only `SECLIFE_FAULT` environment variable names a fault (lsp/server.ts). Loaded
 * on demand: it loads the TypeScript compiler.
 */
import ts from 'typescript';
import { pushAll } from './arrays';
import { scannerFaults } from './lexers/commentScanner';
import { injectedRules } from './rules/secureCoding';
import { JsRule, LexicalRule, RuleMeta } from './rules/ruleTypes';

/** Where an injected fault throws: the identifier in code, the first occurrence for the scanner. */
export const FAULT_MARKER = 'SECLIFE_FAULT';

const META: Omit<RuleMeta, 'id' | 'title'> = {
  cwe: [],
  severity: 'warning',
  precision: 'low',
  securitySeverity: 0,
  message: 'never reported',
  description: 'A rule that throws (tests only).',
  bad: '',
  good: '',
};

/** Throws on the identifier `SECLIFE_FAULT`; the message has control characters (they must come out escaped). */
export const THROWING_JS_RULE: JsRule = {
  ...META,
  id: 'test/throwing-js',
  title: 'Throwing JS rule',
  kind: 'js',
  trigger: new RegExp(FAULT_MARKER),
  visit: {
    [ts.SyntaxKind.Identifier]: (node) => {
      if ((node as ts.Identifier).text === FAULT_MARKER) throw new TypeError('injected fault\n\u001b[31mred');
    },
  },
};

/** Throws on every Python or C file that contains the marker (a lexical rule's failure has no position). */
export const THROWING_LEXICAL_RULE: LexicalRule = {
  ...META,
  id: 'test/throwing-lexical',
  title: 'Throwing lexical rule',
  kind: 'lexical',
  families: ['python', 'c'],
  trigger: new RegExp(FAULT_MARKER),
  check() {
    throw new RangeError('injected fault');
  },
};

/** The comment scanner "fails" at the first marker: what it found from there on is dropped, then it throws. */
function failingScanner(
  text: string,
  _family: unknown,
  out: Array<{ end: number }>,
  strs: Array<{ end: number }> | null,
): void {
  const at = text.indexOf(FAULT_MARKER);
  if (at < 0) return;
  while (out.length && out[out.length - 1]!.end > at) out.pop();
  while (strs?.length && strs[strs.length - 1]!.end > at) strs.pop();
  throw new Error('injected scanner fault');
}

export type Fault = 'rules' | 'comment-scanner';

/** Turns faults on (`rules`: both throwing rules; `comment-scanner`); returns a function that turns them off. */
export function injectFaults(faults: readonly Fault[]): () => void {
  const js = faults.includes('rules') ? [THROWING_JS_RULE] : [];
  const lexical = faults.includes('rules') ? [THROWING_LEXICAL_RULE] : [];
  pushAll(injectedRules.js, js);
  pushAll(injectedRules.lexical, lexical);
  if (faults.includes('comment-scanner')) scannerFaults.afterScan = failingScanner;
  return () => {
    for (const r of js) injectedRules.js.splice(injectedRules.js.indexOf(r), 1);
    for (const r of lexical) injectedRules.lexical.splice(injectedRules.lexical.indexOf(r), 1);
    if (scannerFaults.afterScan === failingScanner) scannerFaults.afterScan = undefined;
  };
}
