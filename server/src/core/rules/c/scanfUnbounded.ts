import { replaceFix } from '../lexicalHelpers';
import { LexicalRule, RuleFix } from '../ruleTypes';
import { cArraySize, cCalls, cStringValue, isCConstString } from './cHelpers';

/** scanf-family functions and the index of their format argument. */
const FORMAT_ARG: Record<string, number> = {
  scanf: 0,
  wscanf: 0,
  vscanf: 0,
  _tscanf: 0,
  fscanf: 1,
  sscanf: 1,
  fwscanf: 1,
  swscanf: 1,
  vfscanf: 1,
  vsscanf: 1,
  _ftscanf: 1,
  _stscanf: 1,
};

interface Directive {
  at: number;
  text: string;
  arg: number;
}

/** The `%s` / `%[` directives without a field width in `fmt`, with the index (among stored conversions) of their argument. */
export function unboundedDirectives(fmt: string): Directive[] {
  const out: Directive[] = [];
  let arg = 0;
  for (let i = fmt.indexOf('%'); i >= 0 && i < fmt.length; i = fmt.indexOf('%', i)) {
    const m = /^%(\*?)(\d*)(m?)(hh|h|ll|l|L|j|z|t|w)?([a-zA-Z[%])/.exec(fmt.slice(i));
    if (!m) {
      i++;
      continue;
    }
    let end = i + m[0].length;
    if (m[5] === '[') {
      let j = end + (fmt[end] === '^' ? 1 : 0);
      if (fmt[j] === ']') j++;
      const close = fmt.indexOf(']', j);
      end = close < 0 ? fmt.length : close + 1;
    }
    if (m[5] !== '%') {
      if (/^[sS[]$/.test(m[5]!) && !m[1] && !m[2] && !m[3])
        out.push({ at: i, text: fmt.slice(i, Math.min(end, i + 12)), arg });
      if (!m[1]) arg++;
    }
    i = end;
  }
  return out;
}

/** `scanf("%s", buf)`: reads a word of any length into a fixed buffer. */
export const scanfUnbounded: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/scanf-unbounded',
  title: 'scanf %s without a field width',
  cwe: [120, 787],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 8.8,
  message: 'a %s or %[ conversion without a width writes as many characters as the input has: buffer overflow',
  description: [
    'In the `scanf` family, `%s` and `%[…]` store characters until whitespace (or the end of the set) — as many as the input provides. Without a maximum field width, a long word in a file, on stdin or in a received message overflows the destination buffer (CWE-120, CWE-787).',
    '',
    'Give every `%s` / `%[` a width of the buffer size minus one (`char id[16]; scanf("%15s", id)`), use POSIX `%ms` to let `scanf` allocate, or read a line with `fgets` and parse it. Directives with a width, with `*` (assignment suppression) or with `m` are not reported, nor are formats that are not literals. When the destination is a `char` array declared in the file, a quick fix inserts the width.',
  ].join('\n'),
  bad: 'char mrn[16];\nsscanf(line, "MRN:%s", mrn);',
  good: 'char mrn[16];\nsscanf(line, "MRN:%15s", mrn);',
  trigger: /scanf\s*\(/,
  check(ctx) {
    const { code, text } = ctx;
    for (const call of cCalls(code, Object.keys(FORMAT_ARG).join('|'))) {
      const name = call.name.replace(/^.*:|\s/g, '');
      const i = FORMAT_ARG[name]!;
      const fmt = call.args[i];
      if (!fmt || !isCConstString(code, fmt.start, fmt.end)) continue;
      const bad = unboundedDirectives(cStringValue(code, text, fmt.start, fmt.end));
      if (bad.length === 0) continue;
      let fix: RuleFix | undefined;
      const dst = call.args[i + 1 + bad[0]!.arg];
      const size = dst && cArraySize(code, code.slice(dst.start, dst.end).replace(/^&\s*/, ''));
      const lit = /^"( *)"$/.exec(code.slice(fmt.start, fmt.end));
      if (bad.length === 1 && size && size > 1 && lit) {
        const at = fmt.start + 1 + bad[0]!.at + 1;
        fix = replaceFix(ctx, `Limit ${bad[0]!.text.slice(0, 2)} to ${size - 1} characters`, [
          { start: at, end: at, newText: String(size - 1) },
        ]);
      }
      ctx.report(
        call.start,
        call.end,
        `${name}() reads "${bad.map((d) => d.text).join('", "')}" without a field width: as many characters as the input has are written (buffer overflow)`,
        fix,
      );
    }
  },
};
