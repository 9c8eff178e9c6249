/**
 * One C/C++ file as the C entry-point detector reads it (docs/attack-surface.md, Detectors,
 * C and C++): `#define` and simple constant values, function definitions (for handler
 * ranges), the top-level blocks (the function a call is in), and string values read from
 * the text at the masked code's offsets.
 */
import type { Span } from '../../rules/lexicalHelpers';
import type { DetectorOptions } from '../detectorOptions';
import type { Bind, EntryPoint, FileSurface } from '../entryPoint';
import { type FoundCall, numberLiteral, SurfaceText } from '../python/surfaceText';

export type CValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string };

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([^\n]*)$/gm;
const NUMBER_ASSIGN = /\b([A-Za-z_]\w*)[ \t]*=[ \t]*(\d{1,6}|0[xX][0-9a-fA-F]{1,5})[ \t]*[;,}\n]/g;
const STRING_ASSIGN = /\b([A-Za-z_]\w*)[ \t]*(?:\[[ \t]*\d*[ \t]*\])?[ \t]*=[ \t]*(?=(?:L|u8|u|U)?")/g;

export class CContext {
  readonly st: SurfaceText;
  readonly stem: string;
  /** Name → the span of its value (`#define PORT 8080`, `static const char *url = "…"`, `int port = 8080;`). */
  readonly constants = new Map<string, Span>();
  /** [open, close) of every top-level `{…}` block, in order. */
  private blocks: Array<[number, number]> = [];
  private defs = new Map<string, { start: number; lineEnd: number }>();
  private defsRead = false;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly options: DetectorOptions,
    readonly surface: FileSurface,
  ) {
    this.st = new SurfaceText(file, text, 'c', surface);
    const parts = file.split('/');
    this.stem = (parts[parts.length - 1] ?? file).replace(/\.(?:c|cc|cpp|cxx|c\+\+|m|mm)$/i, '');
    this.readConstants();
    this.readBlocks();
  }

  get code(): string {
    return this.st.code;
  }

  private readConstants(): void {
    const code = this.code;
    for (let m: RegExpExecArray | null; (m = DEFINE.exec(code)); ) {
      const from = m.index + m[0].length - m[2]!.length;
      this.setConstant(m[1]!, from, from + m[2]!.trimEnd().length);
    }
    for (let m: RegExpExecArray | null; (m = NUMBER_ASSIGN.exec(code)); ) {
      const from = m.index + m[0].indexOf(m[2]!, m[1]!.length);
      this.setConstant(m[1]!, from, from + m[2]!.length);
      NUMBER_ASSIGN.lastIndex = from + m[2]!.length;
    }
    for (let m: RegExpExecArray | null; (m = STRING_ASSIGN.exec(code)); ) {
      const from = m.index + m[0].length;
      const q = code.indexOf('"', from);
      const close = q < 0 ? -1 : code.indexOf('"', q + 1);
      if (close > 0) this.setConstant(m[1]!, from, close + 1);
    }
  }

  private setConstant(name: string, start: number, end: number): void {
    if (!this.constants.has(name) && end > start) this.constants.set(name, { start, end });
  }

  private readBlocks(): void {
    const code = this.code;
    let depth = 0;
    let open = -1;
    for (let i = 0; i < code.length; i++) {
      const c = code.charCodeAt(i);
      if (c === 123) {
        if (depth === 0) open = i;
        depth++;
      } else if (c === 125 && depth > 0) {
        depth--;
        if (depth === 0) this.blocks.push([open, i + 1]);
      }
    }
    if (depth > 0) this.blocks.push([open, code.length]);
  }

  /** The top-level block holding `offset` (the function body a call is in), or undefined at file level. */
  blockOf(offset: number): [number, number] | undefined {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (offset < b[0]) hi = mid - 1;
      else if (offset >= b[1]) lo = mid + 1;
      else return b;
    }
    return undefined;
  }

  /** The value of an expression: string literal(s), a number, a name bound to one (up to 3 hops), `mg_str("…")`. */
  valueOf(s: Span, depth = 0): CValue | undefined {
    const code = this.code;
    let a = this.st.skipSpace(s.start);
    let b = s.end;
    while (b > a && /\s/.test(code[b - 1]!)) b--;
    // casts and wrappers: `(uint16_t)8080`, `mg_str("/x")`, `coap_make_str_const("p")`, `&x`
    for (let n = 0; n < 4; n++) {
      const cast = /^\([ \t]*(?:const[ \t]+)?(?:unsigned[ \t]+)?[A-Za-z_]\w*[ \t]*\**[ \t]*\)/.exec(
        code.slice(a, Math.min(b, a + 60)),
      );
      if (cast) {
        a = this.st.skipSpace(a + cast[0].length);
        continue;
      }
      const wrap = /^(?:mg_str|mg_str_s|coap_make_str_const|TEXT|_T|htons|PP_HTONS|lwip_htons)[ \t]*\(/.exec(
        code.slice(a, Math.min(b, a + 40)),
      );
      if (wrap && code[b - 1] === ')') {
        a = this.st.skipSpace(a + wrap[0].length);
        b--;
        while (b > a && /\s/.test(code[b - 1]!)) b--;
        continue;
      }
      break;
    }
    const t = code.slice(a, b);
    const num = numberLiteral(t.replace(/[uUlL]+$/, ''));
    if (num !== undefined) return { kind: 'number', value: num };
    if (/^[A-Za-z_]\w*$/.test(t)) {
      const c = depth < 3 ? this.constants.get(t) : undefined;
      return c ? (this.valueOf(c, depth + 1) ?? { kind: 'name', value: t }) : { kind: 'name', value: t };
    }
    // adjacent string literals: "a" "b"
    let value = '';
    let seen = false;
    for (let i = a; i < b; ) {
      const c = code[i]!;
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      const p = /^(?:L|u8|u|U)?"/.exec(code.slice(i, i + 3));
      if (!p) return undefined;
      const q = i + p[0].length;
      const close = code.indexOf('"', q);
      if (close < 0 || close >= b) return undefined;
      value += this.text.slice(q, close);
      seen = true;
      i = close + 1;
    }
    return seen ? { kind: 'string', value } : undefined;
  }

  string(s: Span | undefined): string | undefined {
    const v = s ? this.valueOf(s) : undefined;
    return v?.kind === 'string' ? v.value : undefined;
  }

  number(s: Span | undefined): number | undefined {
    const v = s ? this.valueOf(s) : undefined;
    return v?.kind === 'number' ? v.value : undefined;
  }

  /** The definition of function `name` in this file: its signature's range and declaration span. */
  functionNamed(
    name: string,
  ): { handler: EntryPoint['handler']; declared: { line: number; endLine: number } } | undefined {
    if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
    if (!this.defsRead) this.readDefinitions();
    const def = this.defs.get(name);
    if (!def) return undefined;
    return { handler: this.st.range(def.start, def.lineEnd), declared: this.st.declared(def.start, def.lineEnd) };
  }

  /** Every function definition at file level (`name(…) {`), found in one pass. */
  private readDefinitions(): void {
    this.defsRead = true;
    const re = /(?<![\w.>])([A-Za-z_]\w*)[ \t]*\(/g;
    for (let m: RegExpExecArray | null; (m = re.exec(this.code)); ) {
      const block = this.blockOf(m.index);
      if (block) {
        re.lastIndex = block[1];
        continue;
      }
      const open = m.index + m[0].length - 1;
      const close = this.st.closeOf(open);
      if (this.code[this.st.skipSpace(close)] !== '{') continue;
      if (!this.defs.has(m[1]!)) this.defs.set(m[1]!, { start: this.signatureStart(m.index), lineEnd: close });
      re.lastIndex = Math.max(re.lastIndex, close);
    }
  }

  /** Where a definition's signature starts: its line, or the line above when the return type stands alone there. */
  signatureStart(nameAt: number): number {
    let ls = nameAt;
    while (ls > 0 && this.code[ls - 1] !== '\n') ls--;
    while (ls < nameAt && /[ \t]/.test(this.code[ls]!)) ls++;
    if (ls === nameAt && ls > 0) {
      let prev = ls - 1;
      while (prev > 0 && this.code[prev - 1] !== '\n') prev--;
      const line = this.code.slice(prev, ls).trim();
      if (/^(?:(?:static|inline|extern|const|unsigned|signed|struct|enum)\s+)*[A-Za-z_]\w*[\s*]*$/.test(line))
        return prev + (this.code.slice(prev, ls).length - this.code.slice(prev, ls).trimStart().length);
    }
    return ls;
  }

  /** Adds an entry point with the file's defaults, when its family is on. */
  entry(e: Omit<EntryPoint, 'file' | 'middleware' | 'bind'> & Partial<Pick<EntryPoint, 'bind' | 'middleware'>>): void {
    if (!this.options.enabled(e.framework)) return;
    this.surface.entryPoints.push({ bind: 'unspecified', middleware: [], file: this.file, ...e });
  }

  /** The declaration span of a call statement. */
  declared(call: FoundCall): { line: number; endLine: number } {
    return this.st.declared(call.start, call.end);
  }

  /** A socket entry point and its listener at a call. */
  listen(
    call: FoundCall,
    framework: string,
    port: number | undefined,
    bind: Bind,
    protocol: 'tcp' | 'udp',
    handler?: string,
  ): void {
    if (!this.options.enabled(framework)) return;
    const range = this.st.range(call.start, call.end);
    this.surface.listeners.push({ ...(port !== undefined ? { port } : {}), bind, file: this.file, range });
    const h = handler ? this.functionNamed(handler) : undefined;
    this.entry({
      kind: 'socket',
      framework,
      protocol,
      ...(port !== undefined ? { port } : {}),
      bind,
      range,
      ...(h ? { handler: h.handler } : {}),
      declaredAt: [this.declared(call), ...(h ? [h.declared] : [])],
    });
  }

  /** Runs one registration's reading; a failure is a located problem. */
  guarded(at: number, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.st.problem(at, at, `this registration could not be read (${String(error).slice(0, 120)})`);
    }
  }
}
