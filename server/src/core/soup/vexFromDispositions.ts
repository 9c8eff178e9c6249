/**
 * A SOUP item's `Vulnerabilities` dispositions (dispositions.ts) as VEX statements
 * (docs/vulnerabilities.md, Dispositions as VEX):
 *
 * | disposition           | OpenVEX                                                          |
 * |-----------------------|------------------------------------------------------------------|
 * | `not-affected -- T`   | not_affected; a leading justification label in T is the         |
 * |                       | justification, the rest (or all of T) the impact statement       |
 * | `affected -- T`       | affected, action statement T                                      |
 * | `fixed -- T`          | fixed, status notes T                                             |
 * | `mitigated -- T`      | not_affected, inline_mitigations_already_exist, impact statement T |
 * | `accepted -- T`       | affected, action statement `risk accepted: T`                     |
 * | `under-investigation` | under_investigation, status notes T                               |
 *
 * A justification may end with who decided and when: `(by NAME, YYYY-MM-DD)` or
 * `[NAME, YYYY-MM-DD]`; it becomes the statement's author and timestamp (midnight UTC).
 */
import { Range } from '../findings';
import { ItemDef } from '../model';
import { Disposition, parseDispositions } from './dispositions';
import { VEX_JUSTIFICATIONS, VexJustification, VexStatement, vexLinks } from './vexStatement';

/** `(by NAME, YYYY-MM-DD)` or `[NAME, YYYY-MM-DD]`: the whole tail from its last bracket. */
const SIGNED_PAREN = /^\(by\s+([^(),]{1,100}),\s*(\d{4}-\d{2}-\d{2})\)$/i;
const SIGNED_SQUARE = /^\[([^[\],]{1,100}),\s*(\d{4}-\d{2}-\d{2})\]$/;

/** A justification label at the start of a text, with `_`, `-` or spaces between its words. */
function leadingLabel(text: string): { label: VexJustification; rest: string } | undefined {
  const lower = text.toLowerCase();
  for (const label of VEX_JUSTIFICATIONS) {
    const words = label.split('_');
    let at = 0;
    let ok = true;
    for (const [i, w] of words.entries()) {
      if (i > 0) {
        const sep = /^[-_ ]/.exec(lower.slice(at, at + 1));
        if (!sep) {
          ok = false;
          break;
        }
        at += 1;
      }
      if (!lower.startsWith(w, at)) {
        ok = false;
        break;
      }
      at += w.length;
    }
    if (!ok || /^[a-z0-9]/.test(lower.slice(at, at + 1))) continue;
    return { label, rest: text.slice(at).replace(/^\s*(?:--+|—|–|:|,|;|\.|-)?\s*/, '') };
  }
  return undefined;
}

/** A real calendar date `YYYY-MM-DD`. */
function isDate(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(text);
}

/** The author and date suffix of a justification, and the text before it. */
export function signature(text: string): { text: string; author?: string; timestamp?: string } {
  const trimmed = text.trimEnd();
  const close = trimmed.slice(-1);
  const at = close === ')' ? trimmed.lastIndexOf('(') : close === ']' ? trimmed.lastIndexOf('[') : -1;
  // A Markdown link `[text](url)` ends with `)` and has no `(by `: it is never read as a signature.
  const m = at < 0 ? null : (close === ')' ? SIGNED_PAREN : SIGNED_SQUARE).exec(trimmed.slice(at));
  if (!m) return { text };
  const author = m[1].trim();
  const date = m[2];
  if (!author || !isDate(date)) return { text };
  return { text: trimmed.slice(0, at).trim(), author, timestamp: `${date}T00:00:00Z` };
}

/** One disposition as a statement (without products, file or range: {@link dispositionStatements} adds them). */
export function statementFromDisposition(
  d: Pick<Disposition, 'id' | 'status' | 'justification'>,
): Omit<VexStatement, 'products' | 'file' | 'range'> {
  const signed = signature(d.justification ?? '');
  const text = signed.text || undefined;
  const base = {
    vulnerability: d.id,
    aliases: [] as string[],
    source: 'soup' as const,
    links: vexLinks(text),
    ...(signed.author !== undefined && { author: signed.author }),
    ...(signed.timestamp !== undefined && { timestamp: signed.timestamp }),
  };
  switch (d.status) {
    case 'not-affected': {
      const labelled = text ? leadingLabel(text) : undefined;
      if (labelled)
        return {
          ...base,
          status: 'not_affected',
          justification: labelled.label,
          ...(labelled.rest && { impactStatement: labelled.rest }),
        };
      return { ...base, status: 'not_affected', ...(text && { impactStatement: text }) };
    }
    case 'mitigated':
      return {
        ...base,
        status: 'not_affected',
        justification: 'inline_mitigations_already_exist',
        ...(text && { impactStatement: text }),
      };
    case 'affected':
      return { ...base, status: 'affected', ...(text && { actionStatement: text }) };
    case 'accepted':
      return { ...base, status: 'affected', actionStatement: `risk accepted${text ? `: ${text}` : ''}` };
    case 'fixed':
      return { ...base, status: 'fixed', ...(text && { statusNotes: text }) };
    default:
      return { ...base, status: 'under_investigation', ...(text && { statusNotes: text }) };
  }
}

/** The range of [start, end) of a single-line attribute value; the whole value otherwise. */
function rangeIn(attribute: { value: string; valueRange: Range }, start: number, end: number): Range {
  const r = attribute.valueRange;
  if (r.line !== r.endLine || r.endColumn - r.column !== attribute.value.length) return r;
  return { line: r.line, column: r.column + start, endLine: r.line, endColumn: r.column + Math.max(end, start + 1) };
}

/**
 * The statements of a SOUP item's `Vulnerabilities` attribute, about `products` (the item's
 * packages as purls or names; empty: the packages of each advisory). Malformed entries are
 * reported by the SOUP check (`malformed-item`), not here; the first disposition of an ID counts.
 */
export function dispositionStatements(
  item: Pick<ItemDef, 'file' | 'attributes'>,
  products: readonly string[] = [],
): VexStatement[] {
  const attribute = item.attributes.find((a) => a.name === 'vulnerabilities');
  if (!attribute) return [];
  const seen = new Set<string>();
  const out: VexStatement[] = [];
  for (const d of parseDispositions(attribute.value).dispositions) {
    const key = d.id.toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...statementFromDisposition(d),
      products: [...products],
      file: item.file,
      range: rangeIn(attribute, d.start, d.end),
    });
  }
  return out;
}
