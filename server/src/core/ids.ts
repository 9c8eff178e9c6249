/**
 * ID grammar (docs/formats.md, IDs): `PREFIX-SUFFIX`, PREFIX a configured kind prefix,
 * SUFFIX `[0-9A-Za-z][0-9A-Za-z_.]*`. A trailing `.` is read as sentence
 * punctuation, not as part of the ID (`see SR-012.` names `SR-012`).
 */
export const SUFFIX_SOURCE = '[0-9A-Za-z][0-9A-Za-z_.]*';

export interface IdMatch {
  id: string;
  prefix: string;
  /** Offset of the ID in the searched string. */
  start: number;
  end: number;
}

/** `s` as a literal in a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds IDs of the configured prefixes in free text (attribute values, justifications, comments). */
export class IdGrammar {
  readonly prefixes: readonly string[];
  private readonly anywhere: RegExp;
  private readonly exact: RegExp;
  private readonly leading: RegExp;

  constructor(prefixes: readonly string[]) {
    // Longest prefix first, so `SOUP` wins over a hypothetical `SO`.
    this.prefixes = [...prefixes].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const alt = this.prefixes.map(escapeRegExp).join('|') || '(?!)';
    this.anywhere = new RegExp(`(?<![\\w-])(${alt})-${SUFFIX_SOURCE}`, 'g');
    this.exact = new RegExp(`^(${alt})-${SUFFIX_SOURCE}$`);
    this.leading = new RegExp(`^(${alt})-${SUFFIX_SOURCE}`);
  }

  /** Every ID in `text`, in order. */
  findAll(text: string): IdMatch[] {
    const out: IdMatch[] = [];
    this.anywhere.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.anywhere.exec(text))) {
      const id = trimTrailingDots(m[0]);
      if (id.length <= m[1].length + 1) continue;
      out.push({ id, prefix: m[1], start: m.index, end: m.index + id.length });
    }
    return out;
  }

  /** The ID if `token` is exactly one (after trimming trailing dots). */
  parse(token: string): IdMatch | undefined {
    const id = trimTrailingDots(token);
    const m = this.exact.exec(id);
    return m ? { id, prefix: m[1], start: 0, end: id.length } : undefined;
  }

  /** The ID at the start of `text`, if any. */
  leadingId(text: string): IdMatch | undefined {
    const m = this.leading.exec(text);
    if (!m) return undefined;
    const id = trimTrailingDots(m[0]);
    return id.length > m[1].length + 1 ? { id, prefix: m[1], start: 0, end: id.length } : undefined;
  }

  prefixOf(id: string): string | undefined {
    const dash = id.indexOf('-');
    const prefix = dash > 0 ? id.slice(0, dash) : '';
    // A prefix may itself contain no dash; pick the longest configured prefix that matches.
    for (const p of this.prefixes) if (id.startsWith(p + '-')) return p;
    return prefix && this.prefixes.includes(prefix) ? prefix : undefined;
  }
}

function trimTrailingDots(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** Attribute keys are case-insensitive and treat `-`, `_` and space alike (docs/formats.md, Attribute blocks). */
export function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}
