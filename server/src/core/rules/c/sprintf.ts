import { replaceFix } from '../lexicalHelpers';
import { LexicalRule, RuleFix } from '../ruleTypes';
import { cArraySize, cCalls } from './cHelpers';

/** `sprintf(buf, ...)` / `vsprintf`: formatted output without a size. */
export const sprintf: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/sprintf',
  title: 'Unbounded formatted write',
  cwe: [120, 787],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'sprintf() writes formatted output with no size limit: long arguments overflow the buffer',
  description: [
    '`sprintf`, `vsprintf`, `_stprintf` and `wsprintf` do not know how large the destination is. The length of the output depends on the values — a `%s` of a name read from a file, a `%f` of a huge double, a `%d` wider than planned — so an input can push the write past the buffer (CWE-120, CWE-787).',
    '',
    'Use `snprintf(buf, sizeof buf, …)` / `vsnprintf` and check the return value for truncation; `std::format` / `std::ostringstream` in C++. When the destination is a `char` array declared in the file, a quick fix rewrites the call to `snprintf(buf, sizeof buf, …)`.',
  ].join('\n'),
  bad: 'char line[80];\nsprintf(line, "%s: %s", patient->name, obs->text);',
  good: 'char line[80];\nsnprintf(line, sizeof line, "%s: %s", patient->name, obs->text);',
  trigger: /(?:sprintf|_stprintf|wsprintf[AW]?|wvsprintf[AW]?)\s*\(/,
  check(ctx) {
    const { code } = ctx;
    for (const call of cCalls(code, 'v?sprintf|_stprintf|w(?:v)?sprintf[AW]?')) {
      const name = call.name.replace(/\s/g, '');
      const dst = call.args[0];
      let fix: RuleFix | undefined;
      const base = /(?:^|:)(v?sprintf)$/.exec(name)?.[1];
      if (base && dst && cArraySize(code, code.slice(dst.start, dst.end)) !== undefined) {
        const at = call.start + call.name.length - base.length;
        const buffer = code.slice(dst.start, dst.end);
        fix = replaceFix(ctx, `Use ${base.replace('sprintf', 'snprintf')} with sizeof ${buffer}`, [
          { start: at, end: at + base.length, newText: base.replace('sprintf', 'snprintf') },
          { start: dst.end, end: dst.end, newText: `, sizeof ${buffer}` },
        ]);
      }
      ctx.report(
        call.start,
        call.end,
        `${name}() writes formatted output with no size limit: long arguments overflow the buffer`,
        fix,
      );
    }
  },
};
