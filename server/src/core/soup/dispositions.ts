/**
 * A SOUP item's `Vulnerabilities` attribute: one disposition per known advisory.
 *
 *     Vulnerabilities: GHSA-rv95-896h-c2vc not-affected -- we never call res.redirect with user input; CVE-2024-29041 fixed -- upgraded in 4.19.2
 *
 * Grammar of an entry: `ID [:] STATUS [-- justification]`.
 * - Entries are separated by `;` or line breaks, and by a `,` that is followed by another
 *   `ID STATUS` (so `A fixed, B mitigated -- see RC-004` is two entries while a comma inside a
 *   justification, `-- upgraded, see RC-004`, is not a separator). A `;` always separates.
 * - ID: an advisory ID such as `GHSA-xxxx-xxxx-xxxx`, `CVE-2024-1234`, `PYSEC-2023-74`, or
 *   `npm-1096460`; it may be written in backticks or as a Markdown link `[ID](url)`.
 * - STATUS (case-insensitive; `_` or a space may replace the hyphen, as in OpenVEX):
 *   `not-affected`, `affected`, `fixed`, `mitigated`, `accepted`, `under-investigation`.
 * - Justification: the rest of the entry after `--`, `—`, `–` or `:` (the separator is optional).
 *   `not-affected` and `accepted` need one; a missing one is a problem, the disposition is still returned.
 * - `none`, `n/a` or `-` alone mean "no dispositions" (no problem).
 * An entry with a missing or unknown status is reported and not returned.
 * A disposition matches an advisory by its ID or any alias, case-insensitively.
 */
import { placeholderIn } from './vexStatement';
import { Advisory } from './advisory';

export const DISPOSITION_STATUSES = [
  'not-affected',
  'affected',
  'fixed',
  'mitigated',
  'accepted',
  'under-investigation',
] as const;
export type DispositionStatus = (typeof DISPOSITION_STATUSES)[number];

/** Statuses that need a justification. */
export const JUSTIFIED_STATUSES: readonly DispositionStatus[] = ['not-affected', 'accepted'];

export interface Disposition {
  id: string;
  status: DispositionStatus;
  justification?: string;
  /** 0-based offsets of the entry in the attribute value (end exclusive). */
  start: number;
  end: number;
}

export interface DispositionProblem {
  message: string;
  /** 0-based offsets in the attribute value (end exclusive). */
  start: number;
  end: number;
}

export interface ParsedDispositions {
  dispositions: Disposition[];
  problems: DispositionProblem[];
}

const ID = '[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const STATUS = 'not[-_ ]affected|under[-_ ]investigation|affected|fixed|mitigated|accepted';
/** A comma that starts a new entry: `, ID STATUS` (a link target holds no comma, so each look-ahead ends at the next comma). */
const COMMA_SEPARATOR = new RegExp(
  `,(?=\\s*(?:\\[\\s*)?\`?${ID}\`?(?:\\s*\\](?:\\([^),]*\\))?)?(?:\\s*:)?\\s+(?:${STATUS})\\b)`,
  'gi',
);
const ENTRY = new RegExp(`^(?:\\[\\s*)?\`?(${ID})\`?(?:\\s*\\](?:\\([^)]*\\))?)?(?:\\s*:\\s*|\\s+|$)`);
const STATUS_AT = new RegExp(`^(${STATUS})(?![\\w-])`, 'i');
const SEPARATOR_AT = /^\s*(?:--+|—|–|:|-(?=\s))?\s*/;
const NONE = /^\s*(?:none|n\/a|-|—)\s*$/i;

function normalizeStatus(text: string): DispositionStatus {
  return text.toLowerCase().replace(/[_ ]/, '-') as DispositionStatus;
}

/** Splits a value into trimmed entries with their offsets. */
function entries(value: string): Array<{ text: string; start: number }> {
  const cuts: number[] = [];
  for (let i = 0; i < value.length; i++) if (value[i] === ';' || value[i] === '\n' || value[i] === '\r') cuts.push(i);
  for (const m of value.matchAll(COMMA_SEPARATOR)) cuts.push(m.index);
  cuts.sort((a, b) => a - b);
  const out: Array<{ text: string; start: number }> = [];
  let from = 0;
  for (const cut of [...cuts, value.length]) {
    const raw = value.slice(from, cut);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: from + lead });
    from = cut + 1;
  }
  return out;
}

/** Parses a `Vulnerabilities` attribute value (see the module comment). */
export function parseDispositions(value: string): ParsedDispositions {
  const dispositions: Disposition[] = [];
  const problems: DispositionProblem[] = [];
  if (typeof value !== 'string' || NONE.test(value)) return { dispositions, problems };
  const seen = new Map<string, Disposition>();
  for (const { text, start } of entries(value)) {
    const end = start + text.length;
    const m = ENTRY.exec(text);
    if (!m) {
      const word = text.split(/\s/)[0];
      problems.push({
        message: `'${word}' is not an advisory ID (expected e.g. GHSA-xxxx-xxxx-xxxx or CVE-2024-1234 followed by a status)`,
        start,
        end: start + word.length,
      });
      continue;
    }
    const id = m[1];
    const rest = text.slice(m[0].length);
    const restStart = start + m[0].length;
    const s = STATUS_AT.exec(rest);
    if (!s) {
      const word = rest.split(/\s/)[0];
      problems.push(
        word
          ? {
              message: `unknown status '${word}' for ${id}; expected one of ${DISPOSITION_STATUSES.join(', ')}`,
              start: restStart,
              end: restStart + word.length,
            }
          : { message: `${id} has no status; expected one of ${DISPOSITION_STATUSES.join(', ')}`, start, end },
      );
      continue;
    }
    const status = normalizeStatus(s[1]);
    const after = rest.slice(s[0].length);
    const justification = after.replace(SEPARATOR_AT, '').trim();
    const disposition: Disposition = { id, status, ...(justification && { justification }), start, end };
    if (!justification && JUSTIFIED_STATUSES.includes(status)) {
      problems.push({ message: `${id} is '${status}' without a justification; add one after ' -- '`, start, end });
    }
    const placeholder = placeholderIn(justification);
    if (placeholder)
      problems.push({
        message: `${id}: '${placeholder}' is still the quick fix's placeholder; write the reason or the action there`,
        start,
        end,
      });
    const key = id.toUpperCase();
    if (seen.has(key))
      problems.push({
        message: `${id} has more than one disposition; the first one counts`,
        start,
        end: start + id.length,
      });
    else seen.set(key, disposition);
    dispositions.push(disposition);
  }
  return { dispositions, problems };
}

/** Whether two advisory IDs are the same (case-insensitive). */
export function sameAdvisoryId(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Whether a disposition is about an advisory: its ID or any alias. */
export function matchesAdvisory(
  disposition: Pick<Disposition, 'id'>,
  advisory: Pick<Advisory, 'id' | 'aliases'>,
): boolean {
  return [advisory.id, ...advisory.aliases].some((id) => sameAdvisoryId(id, disposition.id));
}

/** The first disposition about an advisory, if any. */
export function dispositionFor<D extends Pick<Disposition, 'id'>>(
  dispositions: readonly D[],
  advisory: Pick<Advisory, 'id' | 'aliases'>,
): D | undefined {
  return dispositions.find((d) => matchesAdvisory(d, advisory));
}
