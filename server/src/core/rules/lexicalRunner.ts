import { LineIndex } from '../text';
import { forgetBracketTable } from './lexicalHelpers';
import { LexicalContext, LexicalRule, RuleFix, RuleHit } from './ruleTypes';

/** Runs lexical rules (Python, C/C++; the caller picks them by family) on the file with comments and string contents blanked. */
export function runLexicalRules(path: string, text: string, maskedCode: () => string, rules: readonly LexicalRule[]): RuleHit[] {
  const active = rules.filter((r) => r.trigger.test(text));
  if (active.length === 0) return [];
  const code = maskedCode();
  forgetBracketTable();
  const hits: RuleHit[] = [];
  let lines: LineIndex | undefined;
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
    } catch {
      // one failing rule must not take the others down
    }
  }
  forgetBracketTable();
  return hits;
}
