import { LineIndex } from '../text';
import { ComponentFailure } from '../internalError';
import { forgetBracketTable } from './lexicalHelpers';
import { LexicalContext, LexicalRule, RuleFix, RuleHit } from './ruleTypes';

/**
 * Runs lexical rules (Python, C/C++; the caller picks them by family) on the file with comments
 * and string contents blanked. A rule that throws keeps the hits it reported before and is
 * added to `failures` (the caller reports an `internal-error`; its position is not known);
 * the other rules still run.
 */
export function runLexicalRules(
  path: string,
  text: string,
  maskedCode: () => string,
  rules: readonly LexicalRule[],
  failures: ComponentFailure[] = [],
): RuleHit[] {
  const active = rules.filter((r) => r.trigger.test(text));
  if (active.length === 0) return [];
  const code = maskedCode();
  forgetBracketTable();
  const hits: RuleHit[] = [];
  let lines: LineIndex | undefined;
  try {
    for (const rule of active) {
      const ctx: LexicalContext = {
        path,
        text,
        code,
        position: (offset) => (lines ??= new LineIndex(text)).positionAt(offset),
        report(start: number, end: number, message?: string, fix?: RuleFix) {
          hits.push({ ruleId: rule.id, start, end, message: message ?? rule.message, fix });
        },
      };
      try {
        rule.check(ctx);
      } catch (error) {
        // One failing rule must not take the others down — nor go unreported.
        failures.push({ component: rule.id, error });
      }
    }
  } finally {
    forgetBracketTable();
  }
  return hits;
}
