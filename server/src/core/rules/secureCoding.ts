import { CommentFamily } from '../lexers/languages';
import { pushAll } from '../arrays';
import { commentScannerFailure, maskNonCode } from '../lexers/commentScanner';
import { ComponentFailure, reportInternalError } from '../internalError';
import { Finding, RuleCode, SeverityOrOff, Severity } from '../findings';
import { FileIndex } from '../fileIndex';
import { Suppression } from '../model';
import { ForwardPositions } from '../text';
import { CompiledCustomRule, appliesTo, PatternRunner, runCustomRule } from './customRules';
import { runLexicalRules } from './lexicalRunner';
import { PYTHON_RULES } from './python';
import { C_RULES } from './c';
import { isBuiltinRule, loadJsRules, loadJsRunner } from './registry';
import { JS_RULE_INDEX } from './js/ruleIndex.generated';
import { triggerMatches } from './trigger';
import { JsRule, LexicalRule, RuleHit } from './ruleTypes';

export interface SecureCodingHost {
  /** Severity of a rule in a file (`rules` + `overrides`). */
  severity(ruleId: string, file: string): SeverityOrOff;
  customRules: readonly CompiledCustomRule[];
  patternRunner: PatternRunner;
  /** Called once when a custom rule runs out of time (the host disables it and reports config-error). */
  onCustomRuleTimeout(ruleId: string, file: string): void;
  isCustomRuleDisabled(ruleId: string): boolean;
}

const CUSTOM_RULE_TIMEOUT_MS = 250;

/**
 * Fault injection for tests only (the product never adds to it): rules run after the
 * built-in ones on every file of their family, with the severity any rule gets (`rules`,
 * else warning) — e.g. one that throws, to check that a failing rule is reported as an
 * `internal-error` and never dropped (docs/findings.md, internal-error).
 */
export const injectedRules: { js: JsRule[]; lexical: LexicalRule[] } = { js: [], lexical: [] };

/**
 * Runs the secure-coding rules that apply to a source file, applies its suppressions
 * (docs/formats.md, Suppressions) and adds the findings — suppressed ones marked, plus `unused-suppression` —
 * to the file's index.
 */
export function checkSecureCoding(index: FileIndex, text: string, family: CommentFamily, host: SecureCodingHost): void {
  const enabled = <T extends { id: string }>(rules: readonly T[]) =>
    rules.filter((r) => host.severity(r.id, index.file) !== 'off');
  const hits: RuleHit[] = [];
  /** Rules (and the parser, the scanner) that threw: each an internal-error on the file, never dropped. */
  const failures: ComponentFailure[] = [];
  // Lexical and custom rules read the same masked text: blank comments and strings once per file.
  let masked: string | undefined;
  const code = () => (masked ??= maskNonCode(text, family, (f) => failures.push(commentScannerFailure(f))));
  const lexical = (builtin: readonly LexicalRule[], fam: 'python' | 'c') =>
    enabled(
      injectedRules.lexical.length
        ? [...builtin, ...injectedRules.lexical.filter((r) => r.families.includes(fam))]
        : builtin,
    );
  if (family === 'js') {
    // The generated index decides without loading the TypeScript compiler whether any rule can fire.
    const memo = new Map<RegExp, boolean>();
    const candidates = new Set(
      JS_RULE_INDEX.filter(
        (r) => host.severity(r.id, index.file) !== 'off' && triggerMatches(r.trigger, text, memo),
      ).map((r) => r.id),
    );
    const extra = injectedRules.js.length ? enabled(injectedRules.js) : [];
    if (candidates.size > 0 || extra.length > 0) {
      const rules = candidates.size > 0 ? loadJsRules().filter((r) => candidates.has(r.id)) : [];
      const result = loadJsRunner().runJsRules(index.file, text, extra.length ? [...rules, ...extra] : rules, memo);
      pushAll(hits, result.hits);
      pushAll(failures, result.failures);
    }
  } else if (family === 'python') {
    pushAll(hits, runLexicalRules(index.file, text, code, lexical(PYTHON_RULES, 'python'), failures));
  } else if (family === 'c') {
    pushAll(hits, runLexicalRules(index.file, text, code, lexical(C_RULES, 'c'), failures));
  }
  const custom = host.customRules.filter(
    (c) =>
      !host.isCustomRuleDisabled(c.rule.id) &&
      host.severity(c.rule.id, index.file) !== 'off' &&
      appliesTo(c, index.file, family),
  );
  if (custom.length) {
    for (const c of custom) {
      let result: RuleHit[] | 'timeout';
      try {
        result = runCustomRule(c, code(), host.patternRunner, CUSTOM_RULE_TIMEOUT_MS);
      } catch (error) {
        // e.g. the host's pattern runner failing: this rule's results for the file are missing.
        failures.push({ component: c.rule.id, error });
        continue;
      }
      if (result === 'timeout') host.onCustomRuleTimeout(c.rule.id, index.file);
      else pushAll(hits, result);
    }
  }
  for (const f of failures) reportInternalError(index, f, text);
  if (hits.length === 0 && index.suppressions.length === 0) return;
  const positions = new ForwardPositions(text);
  hits.sort((a, b) => a.start - b.start);
  const findings: Finding[] = [];
  for (const hit of hits) {
    const severity = host.severity(hit.ruleId, index.file);
    if (severity === 'off') continue;
    const a = positions.positionAt(hit.start);
    const b = positions.positionAt(Math.max(hit.end, hit.start));
    const f: Finding = {
      // Rule IDs have a slash: built-in ones by their registry, custom ones by the schema (configSchema.ts).
      code: hit.ruleId as RuleCode,
      severity: severity as Severity,
      message: hit.message,
      file: index.file,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
    f.snippet = text
      .slice(hit.start, Math.min(hit.end, hit.start + 400))
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
    if (hit.fix) f.fix = hit.fix;
    findings.push(f);
  }
  applySuppressions(index, findings, (id) => isBuiltinRule(id) || host.customRules.some((c) => c.rule.id === id));
  pushAll(index.findings, findings);
}

function suppresses(s: Suppression, f: Finding): boolean {
  if (s.rules.length > 0 && !s.rules.includes(f.code)) return false;
  return s.scope === 'file' || s.targetLine === f.line;
}

/** Marks suppressed findings and reports suppressions that suppress nothing. */
export function applySuppressions(index: FileIndex, findings: Finding[], isKnownRule: (id: string) => boolean): void {
  const used = new Set<Suppression>();
  for (const f of findings) {
    const s = index.suppressions.find((x) => suppresses(x, f));
    if (!s) continue;
    used.add(s);
    f.suppression = { justification: s.justification ?? '', file: index.file, line: s.range.line };
  }
  for (const s of index.suppressions) {
    if (used.has(s)) continue;
    const unknown = s.rules.filter((r) => !isKnownRule(r));
    const what = `seclife-ignore-${s.scope}${s.rules.length ? ` ${s.rules.join(', ')}` : ''}`;
    index.findings.push({
      code: 'unused-suppression',
      severity: 'warning',
      file: index.file,
      ...s.range,
      message: unknown.length
        ? `${what} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; it suppresses nothing`
        : `${what} suppresses nothing: remove it so it cannot hide a future finding`,
    });
  }
}
