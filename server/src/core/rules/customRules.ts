import { CustomRule } from '../config';
import { CommentFamily, languageOf } from '../lexers/languages';
import { GlobList } from '../globs';
import { RuleHit } from './ruleTypes';

/**
 * Runs a regular expression over a text within a time budget. The host supplies a bounded
 * implementation (the Node one interrupts a runaway pattern); the core's default has only
 * a match-count bound and is meant for tests and trusted patterns.
 */
export interface PatternRunner {
  /** Match offsets `[start, end]`, or 'timeout' when the budget ran out. */
  matchAll(source: string, flags: string, text: string, timeoutMs: number): Array<[number, number]> | 'timeout';
}

export const unboundedPatternRunner: PatternRunner = {
  matchAll(source, flags, text) {
    const re = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
    const out: Array<[number, number]> = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && out.length < 10_000) {
      out.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
    return out;
  },
};

export interface CompiledCustomRule {
  rule: CustomRule;
  /** Compiled once, matched in bounded time (docs/configuration.md, glob limits); a glob over a limit matches nothing and is a config-error. */
  files?: GlobList;
}

/** Whether a custom rule applies to a file (by `languages` ids or families, or by `files` globs). */
export function appliesTo(c: CompiledCustomRule, path: string, family: CommentFamily): boolean {
  if (c.files && !c.files.matches(path)) return false;
  if (c.rule.languages?.length) {
    const lang = languageOf(path);
    return c.rule.languages.some((l) => l === lang?.id || l === family || (l === 'js' && family === 'js'));
  }
  return true;
}

export function compileCustomRules(rules: readonly CustomRule[]): CompiledCustomRule[] {
  return rules.map((rule) => ({ rule, files: rule.files ? new GlobList(rule.files) : undefined }));
}

/** Matches a custom rule on code with comments and strings blanked; 'timeout' when the pattern ran too long. What the runner throws propagates (checkSecureCoding reports it as an internal-error naming the rule). */
export function runCustomRule(
  c: CompiledCustomRule,
  code: string,
  runner: PatternRunner,
  timeoutMs: number,
): RuleHit[] | 'timeout' {
  const matches = runner.matchAll(c.rule.pattern, 'gm', code, timeoutMs);
  if (matches === 'timeout') return 'timeout';
  return matches
    .filter(([s, e]) => e > s)
    .map(([start, end]) => ({ ruleId: c.rule.id, start, end, message: c.rule.message }));
}
