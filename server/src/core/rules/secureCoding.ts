import { CommentFamily } from '../lexers/languages';
import { pushAll } from '../arrays';
import { maskNonCode } from '../lexers/commentScanner';
import { Finding, RuleCode, SeverityOrOff, Severity } from '../findings';
import { FileIndex, Suppression } from '../model';
import { ForwardPositions } from '../text';
import { CompiledCustomRule, appliesTo, PatternRunner, runCustomRule } from './customRules';
import { runLexicalRules } from './lexicalRunner';
import { PYTHON_RULES } from './python';
import { C_RULES } from './c';
import { isBuiltinRule, loadJsRules, loadJsRunner } from './registry';
import { JS_RULE_INDEX } from './js/ruleIndex.generated';
import { triggerMatches } from './trigger';
import { RuleHit } from './ruleTypes';

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
 * Runs the secure-coding rules that apply to a source file, applies its suppressions
 * (docs/formats.md, Suppressions) and adds the findings — suppressed ones marked, plus `unused-suppression` —
 * to the file's index.
 */
export function checkSecureCoding(index: FileIndex, text: string, family: CommentFamily, host: SecureCodingHost): void {
  const enabled = <T extends { id: string }>(rules: readonly T[]) => rules.filter((r) => host.severity(r.id, index.file) !== 'off');
  const hits: RuleHit[] = [];
  // Lexical and custom rules read the same masked text: blank comments and strings once per file.
  let masked: string | undefined;
  const code = () => (masked ??= maskNonCode(text, family));
  if (family === 'js') {
    // The generated index decides without loading the TypeScript compiler whether any rule can fire.
    const memo = new Map<RegExp, boolean>();
    const candidates = new Set(JS_RULE_INDEX.filter((r) => host.severity(r.id, index.file) !== 'off' && triggerMatches(r.trigger, text, memo)).map((r) => r.id));
    if (candidates.size > 0) {
      const result = loadJsRunner().runJsRules(index.file, text, loadJsRules().filter((r) => candidates.has(r.id)), memo);
      pushAll(hits, result.hits);
      if (result.note) index.notes.push(result.note);
    }
  } else if (family === 'python') {
    pushAll(hits, runLexicalRules(index.file, text, code, enabled(PYTHON_RULES)));
  } else if (family === 'c') {
    pushAll(hits, runLexicalRules(index.file, text, code, enabled(C_RULES)));
  }
  const custom = host.customRules.filter((c) => !host.isCustomRuleDisabled(c.rule.id) && host.severity(c.rule.id, index.file) !== 'off' && appliesTo(c, index.file, family));
  if (custom.length) {
    for (const c of custom) {
      const result = runCustomRule(c, code(), host.patternRunner, CUSTOM_RULE_TIMEOUT_MS);
      if (result === 'timeout') host.onCustomRuleTimeout(c.rule.id, index.file);
      else pushAll(hits, result);
    }
  }
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
      code: hit.ruleId as RuleCode, severity: severity as Severity, message: hit.message, file: index.file,
      line: a.line, column: a.column, endLine: b.line, endColumn: b.column,
    };
    f.snippet = text.slice(hit.start, Math.min(hit.end, hit.start + 400)).replace(/\s+/g, ' ').trim().slice(0, 200);
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
      code: 'unused-suppression', severity: 'warning', file: index.file, ...s.range,
      message: unknown.length
        ? `${what} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; it suppresses nothing`
        : `${what} suppresses nothing: remove it so it cannot hide a future finding`,
    });
  }
}
