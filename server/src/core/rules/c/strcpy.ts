import { LexicalRule } from '../ruleTypes';
import { cArraySize, cCalls } from './cHelpers';

/** `strcpy(dst, src)` and its wide / Windows variants: copies until the source's terminator. */
export const strcpy: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/strcpy',
  title: 'Unbounded string copy',
  cwe: [120],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'strcpy() copies until the end of the source with no bound: a longer source overflows the destination',
  description: [
    '`strcpy`, `wcscpy`, `stpcpy`, `wcpcpy`, `_tcscpy`, `_mbscpy` and `lstrcpy` copy until the terminating NUL of the source. Nothing checks the size of the destination, so a source longer than expected — a patient name from an HL7 message, a file name, a device string — writes past the buffer (CWE-120).',
    '',
    'Copy with an explicit bound and check for truncation: `snprintf(dst, sizeof dst, "%s", src)`, `strlcpy` where available, `strcpy_s`, or `std::string` in C++. A copy of a string literal into a `char` array declared in the file with enough room (`char ward[8]; strcpy(ward, "ICU");`) is not reported.',
  ].join('\n'),
  bad: 'char name[64];\nstrcpy(name, msg->patient_name);',
  good: 'char name[64];\nif (snprintf(name, sizeof name, "%s", msg->patient_name) >= (int)sizeof name) return ERR_TOO_LONG;',
  trigger: /(?:strcpy|wcscpy|stpcpy|wcpcpy|_tcscpy|_mbscpy|lstrcpy[AW]?)\s*\(/,
  check(ctx) {
    const { code, text } = ctx;
    for (const call of cCalls(code, 'strcpy|wcscpy|stpcpy|wcpcpy|_tcscpy|_mbscpy|lstrcpy[AW]?')) {
      const [dst, src] = call.args;
      if (!dst || !src) continue;
      const lit = /^(?:L|u8|u|U)?"( *)"$/.exec(code.slice(src.start, src.end));
      if (lit) {
        const value = text.slice(src.end - 1 - lit[1]!.length, src.end - 1);
        const len = value.replace(/\\(?:x[0-9a-fA-F]+|[0-7]{1,3}|.)/g, 'x').length;
        const size = cArraySize(code, code.slice(dst.start, dst.end));
        if (size !== undefined && size > len) continue;
      }
      const name = call.name.replace(/\s/g, '');
      ctx.report(
        call.start,
        call.end,
        `${name}() copies until the end of the source with no bound: a longer source overflows the destination`,
      );
    }
  },
};
