import { replaceFix } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { cCalls, isCConstString } from './cHelpers';

/** printf-family functions and the index of their format argument. */
const FORMAT_ARG: Record<string, number> = {
  printf: 0,
  wprintf: 0,
  _tprintf: 0,
  fprintf: 1,
  fwprintf: 1,
  _ftprintf: 1,
  dprintf: 1,
  sprintf: 1,
  _stprintf: 1,
  asprintf: 1,
  snprintf: 2,
  _snprintf: 2,
  swprintf: 2,
  _sntprintf: 2,
  syslog: 1,
};

/** `printf(buf)`: a non-literal format string and nothing after it. */
export const formatString: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/format-string',
  title: 'Non-constant format string',
  cwe: [134],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.0,
  message:
    'the format string is not a literal: % directives in the data read the stack or write memory (format string injection)',
  description: [
    'When text that is not a literal is passed as the *format* of `printf`, `fprintf`, `sprintf`, `snprintf`, `syslog` and their relatives, every `%` in it is interpreted: `%x` / `%s` leak stack memory and crash the process, `%n` writes to memory (CWE-134). Log lines and messages built from device or network data are the usual source.',
    '',
    'The rule reports a call whose format argument is not a string literal (or a macro / `_("…")` translation of one, or a `const char` array initialized from a literal) and is the **last** argument — the classic `printf(msg)`. A quick fix inserts `"%s", `. Calls with further arguments after a computed format (a format chosen from a table) and the `v…printf` functions (used by wrappers that forward their own format) are not reported.',
  ].join('\n'),
  bad: 'syslog(LOG_WARNING, alarm->text);',
  good: 'syslog(LOG_WARNING, "%s", alarm->text);',
  trigger: /printf|syslog/,
  check(ctx) {
    const { code } = ctx;
    // Whether `id` is a `const char` array initialized from a literal: one scan of the file per name, not per call.
    const constIds = new Map<string, boolean>();
    const constString = (id: string) => {
      if (!constIds.has(id))
        constIds.set(
          id,
          new RegExp(
            `\\bconst\\b(?:(?!\\bconst\\b)[^;=(){}])*\\b${id}\\s*(?:\\[\\s*\\w*\\s*\\]\\s*)?=\\s*(?:u8|L|u|U)?"`,
          ).test(code),
        );
      return constIds.get(id)!;
    };
    for (const call of cCalls(code, Object.keys(FORMAT_ARG).join('|'))) {
      const name = call.name.replace(/^.*:|\s/g, '');
      const i = FORMAT_ARG[name]!;
      const fmt = call.args[i];
      if (!fmt || call.args.length !== i + 1) continue;
      const src = code.slice(fmt.start, fmt.end);
      if (
        isCConstString(code, fmt.start, fmt.end) ||
        /^[^?]*\?\s*"[^"]*"\s*:\s*"[^"]*"$/.test(src) ||
        /^(?:NULL|nullptr|0)$/.test(src)
      )
        continue;
      const id = /^[A-Za-z_]\w*$/.exec(src)?.[0];
      if (id && constString(id)) continue;
      const pct = /^_(?:s|sn|f)?tprintf$/.test(name) ? '_T("%s"), ' : /w/.test(name) ? 'L"%ls", ' : '"%s", ';
      const fix = replaceFix(ctx, `Print the text with a ${pct.slice(0, -2)} format`, [
        { start: fmt.start, end: fmt.start, newText: pct },
      ]);
      ctx.report(
        call.start,
        call.end,
        `${call.name.replace(/\s/g, '')}() is called with a format string that is not a literal: % directives in the data read the stack or write memory`,
        fix,
      );
    }
  },
};
