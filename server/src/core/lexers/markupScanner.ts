/**
 * The markup families: `html` (HTML/XML/SVG: `<!-- -->`, skipping CDATA
 * sections) and `markdown` (`<!-- -->` outside fenced code blocks and
 * single-line code spans).
 */
import { BACKSLASH, BACKTICK, CR, LF, LT, SPACE, TILDE, SpanWriter, isNewline, isSpace } from './scanHelpers';

/** Longest code span searched for in Markdown (bounds the work on hostile lines). */
const MAX_CODE_SPAN = 4096;

export class MarkupScanner extends SpanWriter {
  /** HTML, XML, SVG: `<!-- -->`; CDATA sections are skipped. */
  scanHtml(): void {
    const t = this.t,
      n = this.n;
    let i = 0;
    while (i < n) {
      const k = t.indexOf('<!', i);
      if (k < 0) return;
      if (t.startsWith('<!--', k)) {
        i = this.htmlComment(k);
      } else if (t.startsWith('<![CDATA[', k)) {
        const e = t.indexOf(']]>', k + 9);
        i = e < 0 ? n : e + 3;
      } else {
        i = k + 2;
      }
    }
  }

  private htmlComment(k: number): number {
    const e = this.t.indexOf('-->', k + 4);
    if (e < 0) {
      this.push(k, this.n, k + 4, this.n, true);
      return this.n;
    }
    this.push(k, e + 3, k + 4, e, true);
    return e + 3;
  }

  /** `<!-- -->` outside fenced code blocks and (single-line) code spans. */
  scanMarkdown(): void {
    const t = this.t,
      n = this.n;
    let i = 0;
    let lineStart = true;
    while (i < n) {
      if (lineStart) {
        lineStart = false;
        const e = this.fencedBlock(i);
        if (e >= 0) {
          i = e;
          lineStart = true;
          continue;
        }
      }
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) {
        i += c === CR && t.charCodeAt(i + 1) === LF ? 2 : 1;
        lineStart = true;
      } else if (c === LT && t.startsWith('<!--', i)) {
        i = this.htmlComment(i);
      } else if (c === BACKTICK) {
        i = this.codeSpan(i);
      } else if (c === BACKSLASH && !isNewline(t.charCodeAt(i + 1))) {
        i += 2;
      } else {
        i++;
      }
    }
  }

  /** If a fence opens at line start `i`, the offset after its closing line (or the end); else -1. */
  private fencedBlock(i: number): number {
    const t = this.t,
      n = this.n;
    let p = i;
    while (p - i < 4 && t.charCodeAt(p) === SPACE) p++;
    if (p - i > 3) return -1;
    const f = t.charCodeAt(p);
    if (f !== BACKTICK && f !== TILDE) return -1;
    let r = 0;
    while (t.charCodeAt(p + r) === f) r++;
    if (r < 3) return -1;
    let e = p + r;
    while (e < n && !isNewline(t.charCodeAt(e))) {
      if (f === BACKTICK && t.charCodeAt(e) === BACKTICK) return -1; // not a fence: inline code
      e++;
    }
    // Line by line until a closing fence of the same character, at least as long.
    let line = this.nextLine(e);
    while (line < n) {
      const next = this.nextLine(line);
      let q = line;
      while (q - line < 4 && t.charCodeAt(q) === SPACE) q++;
      if (q - line <= 3) {
        let m = 0;
        while (t.charCodeAt(q + m) === f) m++;
        if (m >= r) {
          let s = q + m;
          while (s < n && isSpace(t.charCodeAt(s))) s++;
          if (s >= n || isNewline(t.charCodeAt(s))) return next;
        }
      }
      line = next;
    }
    return n;
  }

  /** The offset of the start of the line after the one containing `i`. */
  private nextLine(i: number): number {
    const t = this.t,
      n = this.n;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === LF) return i + 1;
      if (c === CR) return t.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      i++;
    }
    return n;
  }

  /** A code span opening at `i`: the offset after it, or after the backtick run when it is not closed. */
  private codeSpan(i: number): number {
    const t = this.t;
    let r = 1;
    while (t.charCodeAt(i + r) === BACKTICK) r++;
    const limit = Math.min(this.n, i + r + MAX_CODE_SPAN);
    let j = i + r;
    while (j < limit) {
      const c = t.charCodeAt(j);
      if (c === LF || c === CR) break;
      if (c === BACKTICK) {
        let m = 1;
        while (t.charCodeAt(j + m) === BACKTICK) m++;
        if (m === r) return j + m;
        j += m;
        continue;
      }
      j++;
    }
    return i + r;
  }
}
