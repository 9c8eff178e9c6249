import { LexicalRule } from '../ruleTypes';
import { cCalls } from './cHelpers';

/** The base object of an argument (`&hdr.name` → `hdr.name`), or undefined when it is not a plain lvalue. */
function base(src: string): string | undefined {
  const m = /^[&*(\s]*((?:[A-Za-z_]\w*)(?:\s*(?:\.|->)\s*[A-Za-z_]\w*)*)[)\s]*$/.exec(src);
  return m?.[1]?.replace(/\s+/g, '');
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Copy lengths taken from the source (`memcpy(d, s, strlen(s) + 1)`) and `strncat(d, s, sizeof d)`. */
export const memcpySize: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/memcpy-size',
  title: 'Copy length taken from the source, not the destination',
  cwe: [806, 120],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.1,
  message:
    'the copy length is computed from the source, not from the room in the destination: a longer source overflows it',
  description: [
    'A bounded copy is only bounded if the bound is the size of the **destination**. `memcpy(dst, src, strlen(src) + 1)`, `strncpy(dst, src, strlen(src))` or `memmove(dst, src, strlen(src))` copy exactly as much as the source holds, which is what an unbounded `strcpy` does (CWE-806). A related classic: `strncat(dst, src, sizeof dst)` — the last argument of `strncat` is the room *left* after the current contents, minus one for the terminator, so passing the whole size overflows as soon as `dst` is not empty.',
    '',
    'Bound by the destination and check: `if (len >= sizeof dst) return -1; memcpy(dst, src, len + 1);`, `snprintf(dst, sizeof dst, "%s", src)`, or `strncat(dst, src, sizeof dst - strlen(dst) - 1)` (better: `strlcat`).',
  ].join('\n'),
  bad: 'memcpy(record.name, name, strlen(name) + 1);',
  good: 'size_t n = strlen(name);\nif (n >= sizeof record.name) return ERR_TOO_LONG;\nmemcpy(record.name, name, n + 1);',
  trigger: /(?:mem(?:cpy|move)|strncpy|wcsncpy|strncat|wcsncat)\s*\(/,
  check(ctx) {
    const { code } = ctx;
    for (const call of cCalls(code, 'w?mem(?:cpy|move)|strncpy|wcsncpy|strncat|wcsncat')) {
      const name = call.name.replace(/\s/g, '');
      const [d, s, n] = call.args;
      if (!d || !s || !n || call.args.length !== 3) continue;
      const dst = base(code.slice(d.start, d.end)),
        src = base(code.slice(s.start, s.end));
      const size = code.slice(n.start, n.end).replace(/\s+/g, '');
      if (!dst) continue;
      if (/strncat|wcsncat/.test(name)) {
        if (new RegExp(`^sizeof\\(?${esc(dst)}\\)?(?:-1)?$`).test(size)) {
          ctx.report(
            call.start,
            call.end,
            `${name}() is given the whole size of the destination: its limit is the room left (sizeof ${dst} - strlen(${dst}) - 1), so it overflows when ${dst} is not empty`,
          );
        }
        continue;
      }
      if (!src || src === dst || size.includes(dst)) continue;
      if (new RegExp(`(?:^|[^\\w.>])(?:str|wcs)n?len\\(${esc(src)}(?:,[^)]{0,200})?\\)`).test(size)) {
        ctx.report(
          call.start,
          call.end,
          `${name}() copies strlen(${src}) bytes: the length comes from the source, not from the room in ${dst}, so a longer source overflows it`,
        );
      }
    }
  },
};
