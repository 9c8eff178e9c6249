import { isClosed, matchingParen } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { isPyConstString, pyStringAt } from './pyHelpers';

// `select … from` and `update … set` stop at the next `select` / `update`: a lazy `[\s\S]*?` would
// rescan the rest of the text from every keyword without its partner (docs/security-model.md).
const SQL =
  /\b(?:select\b(?:(?!\bselect\b)[\s\S])*?\bfrom|insert\s+(?:or\s+\w+\s+)?into|update\b(?:(?!\bupdate\b)[\s\S])*?\bset|delete\s+from|(?:replace|merge)\s+into|(?:create|drop|alter|truncate)\s+(?:table|index|view|database|schema|trigger)|where|values\s*\(|order\s+by|group\s+by|having|pragma)\b/i;
/** An identifier that is not an ALL_CAPS constant (so the value can vary at run time). */
const DYNAMIC = /(?<![\w.])(?![A-Z0-9_]+\b)[A-Za-z_]\w*/;

/** How the SQL expression `code[a..b)` is built from values, or undefined when it is not. */
function formatting(code: string, text: string, a: number, b: number): string | undefined {
  const src = code.slice(a, b);
  const wrapped = /^(?:[\w.]*\.)?text\s*\(/.exec(src);
  if (wrapped) {
    const open = a + wrapped[0].length - 1;
    return formatting(code, text, open + 1, matchingParen(code, open) - 1);
  }
  while (a < b && /[\s(]/.test(code[a]!) && !(code[a] === ' ' && /["']/.test(text[a]!))) a++;
  const lit = pyStringAt(code, text, a);
  if (!lit || !SQL.test(text.slice(a, b))) {
    return /^[^"'+]*\+[^"']*["']/.test(src) &&
      !isPyConstString(code, text, a, b) &&
      SQL.test(text.slice(a, b)) &&
      DYNAMIC.test(src)
      ? 'string concatenation'
      : undefined;
  }
  const after = code.slice(lit.end, b);
  if (lit.holes && /f/i.test(lit.prefix))
    return DYNAMIC.test(code.slice(lit.contentStart, lit.contentEnd)) ? 'an f-string' : undefined;
  if (/^\s*%(?!=)/.test(after)) return DYNAMIC.test(after) ? '% formatting' : undefined;
  if (/^\s*\.\s*format\s*\(/.test(after)) return DYNAMIC.test(after) ? 'str.format()' : undefined;
  if (/\+/.test(after) && !isPyConstString(code, text, a, b) && DYNAMIC.test(after)) return 'string concatenation';
  return undefined;
}

/** `cursor.execute(f"… {x}")`, `"… %s" % x`, `.format()`, `+` — SQL text built from values. */
export const sqlFormat: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/sql-format',
  title: 'SQL built with string formatting',
  cwe: [89],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.8,
  message: 'SQL text is built from values with string formatting: SQL injection if any value comes from outside',
  description: [
    'When values are pasted into the SQL text — with an f-string, `%`, `str.format()` or `+` — a quote in a value ends the literal and the rest is executed as SQL: records of other patients can be read, changed or deleted (CWE-89). Escaping by hand misses cases (encodings, numeric contexts, `LIKE` wildcards).',
    '',
    'Reported: `.execute`, `.executemany`, `.executescript` and `.raw` whose first argument (also inside SQLAlchemy `text(...)`) is SQL text built that way, directly or in a variable assigned on an earlier line. Values that are ALL_CAPS constants (`f"SELECT * FROM {TABLE}"`) are not reported.',
    '',
    'Pass values as parameters and let the driver bind them: `cursor.execute("SELECT … WHERE mrn = %s", (mrn,))` (or `?` / `:name`, depending on the driver). Table or column names cannot be parameters: pick them from a fixed allow-list.',
  ].join('\n'),
  bad: 'cursor.execute(f"SELECT * FROM patients WHERE mrn = \'{mrn}\'")',
  good: 'cursor.execute("SELECT * FROM patients WHERE mrn = %s", (mrn,))',
  trigger: /\.\s*(?:execute|executemany|executescript|raw)\s*\(/,
  check(ctx) {
    const { code, text } = ctx;
    const call = /\.\s*(execute|executemany|executescript|raw)\s*\(/g;
    // Per variable: its assignments (one scan of the file) and how each builds its value, so
    // that many calls with the same variable do not each rescan the file (docs/security-model.md).
    const assignments = new Map<string, Array<{ index: number; value: number }>>();
    const built = new Map<number, string | undefined>();
    const assignmentsOf = (name: string) => {
      let list = assignments.get(name);
      if (!list) {
        list = [];
        const assign = new RegExp(`^[ \\t]*${name}[ \\t]*\\+?=(?!=)`, 'gm');
        for (let a; (a = assign.exec(code)); ) list.push({ index: a.index, value: a.index + a[0].length });
        assignments.set(name, list);
      }
      return list;
    };
    const builtBy = (value: number) => {
      if (!built.has(value)) {
        let e = value,
          d = 0;
        for (; e < code.length && !(d <= 0 && code[e] === '\n' && code[e - 1] !== '\\'); e++) {
          if ('([{'.includes(code[e]!)) d++;
          else if (')]}'.includes(code[e]!)) d--;
        }
        built.set(value, formatting(code, text, value, e));
      }
      return built.get(value);
    };
    for (let m; (m = call.exec(code)); ) {
      const open = m.index + m[0].length - 1;
      if (!isClosed(code, open)) continue;
      const close = matchingParen(code, open);
      // The first argument: up to the first top-level comma (nested brackets are skipped whole).
      let end = open + 1;
      for (; end < close - 1; end++) {
        if ('([{'.includes(code[end]!)) end = matchingParen(code, end) - 1;
        else if (code[end] === ',') break;
      }
      let how = formatting(code, text, open + 1, end);
      const name = /^\s*([A-Za-z_]\w*)\s*$/.exec(code.slice(open + 1, end))?.[1];
      if (!how && name) {
        const list = assignmentsOf(name);
        let lo = 0,
          hi = list.length; // the last assignment before the call
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (list[mid]!.index < m.index) lo = mid + 1;
          else hi = mid;
        }
        if (lo > 0) how = builtBy(list[lo - 1]!.value);
      }
      if (how)
        ctx.report(
          m.index + 1,
          close,
          `SQL text passed to .${m[1]}() is built with ${how}: SQL injection if any value comes from outside; pass the values as query parameters`,
        );
    }
  },
};
