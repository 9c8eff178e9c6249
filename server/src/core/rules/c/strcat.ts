import { LexicalRule } from '../ruleTypes';
import { cCalls } from './cHelpers';

/** `strcat(dst, src)` and its wide / Windows variants. */
export const strcat: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/strcat',
  title: 'Unbounded string concatenation',
  cwe: [120],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'strcat() appends with no bound: the destination overflows when both strings together do not fit',
  description: [
    '`strcat`, `wcscat`, `_tcscat`, `_mbscat` and `lstrcat` append the source after the current end of the destination without knowing the size of the destination buffer. Whether it overflows depends on the lengths of *both* strings at run time, which is hard to reason about and easy to get wrong when one of them comes from input (CWE-120).',
    '',
    'Build the string in one bounded call and check for truncation (`snprintf(buf, sizeof buf, "%s/%s", dir, file)`), use `strlcat` where available, or `std::string` / `std::format` in C++. `strncat` is not reported here (see `c/memcpy-size` for its most common misuse).',
  ].join('\n'),
  bad: 'char path[PATH_MAX];\nstrcpy(path, export_dir);\nstrcat(path, file_name);',
  good: 'char path[PATH_MAX];\nint n = snprintf(path, sizeof path, "%s/%s", export_dir, file_name);\nif (n < 0 || (size_t)n >= sizeof path) return -1;',
  trigger: /(?:strcat|wcscat|_tcscat|_mbscat|lstrcat[AW]?)\s*\(/,
  check(ctx) {
    for (const call of cCalls(ctx.code, 'strcat|wcscat|_tcscat|_mbscat|lstrcat[AW]?')) {
      const name = call.name.replace(/\s/g, '');
      ctx.report(
        call.start,
        call.end,
        `${name}() appends with no bound: the destination overflows when both strings together do not fit`,
      );
    }
  },
};
