import { LexicalRule } from '../ruleTypes';
import { cCalls } from './cHelpers';

/** `gets()`: reads a line into a buffer without any bound. */
export const gets: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/gets',
  title: 'Use of gets()',
  cwe: [242, 120],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 9.8,
  message: 'gets() cannot limit how much it writes: any line longer than the buffer overflows it',
  description: [
    '`gets` reads until a newline with no idea how large the destination is, so the length of the input alone decides how far past the buffer it writes (CWE-242, CWE-120). It is impossible to use safely, was removed in C11 and C++14, and is a classic remote-code-execution vector when stdin is fed by a device or a network peer.',
    '',
    'Use `fgets(buf, sizeof buf, stdin)` (and strip the newline), `getline` for lines of any length, or `std::getline` in C++. `gets_s` and `fgets` are not reported, nor are methods called `gets` or declarations of it.',
  ].join('\n'),
  bad: 'char mrn[16];\ngets(mrn);',
  good: 'char mrn[16];\nif (fgets(mrn, sizeof mrn, stdin)) mrn[strcspn(mrn, "\\n")] = \'\\0\';',
  trigger: /\b(?:_getws|gets)\s*\(/,
  check(ctx) {
    for (const call of cCalls(ctx.code, 'gets|_getws')) {
      ctx.report(
        call.start,
        call.end,
        `${call.name.replace(/\s/g, '')}() cannot limit how much it writes: any line longer than the buffer overflows it`,
      );
    }
  },
};
