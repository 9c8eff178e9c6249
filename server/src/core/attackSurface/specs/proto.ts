/**
 * Protocol Buffers service definitions (docs/attack-surface.md, Detectors): each
 * `rpc M (…) returns (…)` inside `service S { … }` is an `rpc` entry point of framework
 * `proto`, path `<package>.S/M` (`S/M` without a `package`), range = the `rpc` statement up
 * to its `;` or the end of its `{ option … }` body. A small tokenizer skips `//` and
 * `/* … *\/` comments and string literals, so an `rpc` in a comment or an option string is
 * none. An unterminated comment or string, or an `rpc` it cannot read, is one located
 * problem (the rest of the file is still read up to it).
 */
import type { Range } from '../../findings';
import { LineIndex } from '../../text';
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import { addEntry, declaredSpan, rangeOf } from './specTree';

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Identifiers (dotted), numbers and single punctuation; comments and strings dropped. Stops at the first lexical error. */
export function tokenize(source: string): { tokens: Token[]; error?: { message: string; start: number } } {
  const tokens: Token[] = [];
  const word = /[A-Za-z0-9_.]+/y;
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) return { tokens, error: { message: 'a comment is not closed', start: i } };
      i = close + 2;
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n && source.charCodeAt(j) !== c && source.charCodeAt(j) !== 10)
        j += source.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= n || source.charCodeAt(j) !== c)
        return { tokens, error: { message: 'a string is not closed', start: i } };
      tokens.push({ text: '""', start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    word.lastIndex = i;
    const m = word.exec(source);
    if (m) {
      tokens.push({ text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    tokens.push({ text: source[i], start: i, end: i + 1 });
    i++;
  }
  return { tokens };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function detectProto(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('proto') || !/\bservice\b/.test(source)) return surface;
  const lines = new LineIndex(source);
  const { tokens, error } = tokenize(source);
  let problem: { message: string; range: Range } | undefined = error
    ? {
        message: `${file}: ${error.message}; the rest of the file is not read`,
        range: rangeOf(lines, error.start, error.start + 2),
      }
    : undefined;
  let pkg = '';
  let depth = 0;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t].text;
    if (tok === '{') depth++;
    else if (tok === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && tok === 'package' && tokens[t + 1] && tokens[t + 2]?.text === ';') pkg = tokens[t + 1].text;
    else if (depth === 0 && tok === 'service' && IDENT.test(tokens[t + 1]?.text ?? '') && tokens[t + 2]?.text === '{') {
      const service = tokens[t + 1].text;
      t = readService(file, lines, tokens, t + 3, pkg ? `${pkg}.${service}` : service, surface, (p) => {
        problem ??= p;
      });
    }
  }
  if (problem) surface.problems.push(problem);
  return surface;
}

/** Reads a service body from token `t` (after its `{`); returns the index of its closing `}`. */
function readService(
  file: string,
  lines: LineIndex,
  tokens: Token[],
  start: number,
  service: string,
  surface: FileSurface,
  report: (p: { message: string; range: Range }) => void,
): number {
  let depth = 1;
  for (let t = start; t < tokens.length; t++) {
    const tok = tokens[t].text;
    if (tok === '{') depth++;
    else if (tok === '}') {
      if (--depth === 0) return t;
    } else if (depth === 1 && tok === 'rpc') {
      const name = tokens[t + 1]?.text ?? '';
      if (!IDENT.test(name) || tokens[t + 2]?.text !== '(') {
        report({
          message: `${file}: an rpc of service ${service} could not be read`,
          range: rangeOf(lines, tokens[t].start, tokens[t].end),
        });
        continue;
      }
      // The statement ends at `;` or at the end of its `{ … }` body.
      let end = t + 2;
      let inner = 0;
      let closesService = false;
      for (; end < tokens.length; end++) {
        const e = tokens[end].text;
        if (e === '{') inner++;
        else if (e === '}') {
          closesService = inner === 0; // the service's own `}`: a missing `;`
          if (closesService || --inner === 0) break;
        } else if (e === ';' && inner === 0) break;
      }
      const last = tokens[Math.min(end, tokens.length - 1)];
      const range = rangeOf(lines, tokens[t].start, last.end);
      const ok = addEntry(surface, {
        kind: 'rpc',
        framework: 'proto',
        path: `${service}/${name}`,
        bind: 'unspecified',
        file,
        range,
        middleware: [],
        declaredAt: declaredSpan(lines, range.line, range.endLine, '//'),
      });
      if (!ok) return tokens.length;
      t = end;
      if (closesService) t = end - 1; // let the loop see the service's `}`
    }
  }
  return tokens.length;
}
