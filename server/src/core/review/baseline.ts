/**
 * The review baseline (`.seclife/baseline.json`, committed): for every item the hash
 * of its content when it was reviewed, and for every link to it the item's hash when
 * that link was reviewed. A link whose recorded hash differs from the item's current
 * hash is suspect: the item changed after the link was reviewed (IEC 81001-5-1 §5.5.2).
 */
import { Finding } from '../findings';
import { escapeRegExp } from '../ids';
import { ItemDef, Reference } from '../model';
import { itemHash, linkKey, normalizedContent, shortHash } from './contentHash';

export const BASELINE_FILE = '.seclife/baseline.json';
export const BASELINE_VERSION = 1;

export interface BaselineItem {
  hash: string;
  /** Link key → the item's hash when the link was reviewed. */
  links: Map<string, string>;
}

export interface ReviewBaseline {
  items: Map<string, BaselineItem>;
}

/** The current graph, as the baseline needs it. */
export interface ReviewSubject {
  /** Defined items (first definition of each ID). */
  items: Iterable<ItemDef>;
  referencesTo(id: string): readonly Reference[];
}

const HASH = /^[0-9a-f]{16}$/;

/** Parses baseline text; a problem is returned as a message (the engine turns it into a finding). */
export function parseBaseline(text: string): { baseline?: ReviewBaseline; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  const root = data as { version?: unknown; items?: unknown };
  if (!root || typeof root !== 'object' || Array.isArray(root)) return { error: 'expected a JSON object' };
  if (root.version !== BASELINE_VERSION)
    return { error: `unsupported version ${JSON.stringify(root.version)} (expected ${BASELINE_VERSION})` };
  if (!root.items || typeof root.items !== 'object' || Array.isArray(root.items))
    return { error: "'items' must be an object" };
  const items = new Map<string, BaselineItem>();
  for (const [id, value] of Object.entries(root.items as Record<string, unknown>)) {
    const v = value as { hash?: unknown; links?: unknown };
    if (!v || typeof v !== 'object' || typeof v.hash !== 'string' || !HASH.test(v.hash)) {
      return { error: `items.${id}: expected {"hash": "<16 hex digits>", "links": {…}}` };
    }
    const links = new Map<string, string>();
    if (v.links !== undefined) {
      if (!v.links || typeof v.links !== 'object' || Array.isArray(v.links))
        return { error: `items.${id}.links must be an object` };
      for (const [key, hash] of Object.entries(v.links as Record<string, unknown>)) {
        if (typeof hash !== 'string' || !HASH.test(hash))
          return { error: `items.${id}.links["${key}"]: expected 16 hex digits` };
        links.set(key, hash);
      }
    }
    items.set(id, { hash: v.hash, links });
  }
  return { baseline: { items } };
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deterministic text: keys sorted, two-space indent, trailing newline (diffs stay small). */
export function serializeBaseline(baseline: ReviewBaseline): string {
  const items: Record<string, { hash: string; links: Record<string, string> }> = {};
  for (const id of [...baseline.items.keys()].sort(byKey)) {
    const item = baseline.items.get(id)!;
    const links: Record<string, string> = {};
    for (const key of [...item.links.keys()].sort(byKey)) links[key] = item.links.get(key)!;
    items[id] = { hash: item.hash, links };
  }
  return JSON.stringify({ version: BASELINE_VERSION, items }, null, 2) + '\n';
}

/** Links to an item whose recorded hash differs from the item's current content. */
export function suspectReferences(
  def: ItemDef,
  references: readonly Reference[],
  baseline: ReviewBaseline | undefined,
): Reference[] {
  const reviewed = baseline?.items.get(def.id);
  if (!reviewed || reviewed.links.size === 0) return [];
  const current = itemHash(def);
  return references.filter((ref) => {
    const hash = reviewed.links.get(linkKey(ref));
    return hash !== undefined && hash !== current;
  });
}

/** `suspect-link` findings for the links to one item (located on each link). */
export function suspectFindings(
  def: ItemDef,
  references: readonly Reference[],
  baseline: ReviewBaseline | undefined,
): Finding[] {
  return suspectReferences(def, references, baseline).map((ref) => ({
    code: 'suspect-link',
    severity: 'warning',
    file: ref.file,
    ...ref.range,
    itemId: def.id,
    message: `${def.id} (${def.title}) changed after this link was reviewed: check that it still holds, then accept it with 'seclife review --accept ${def.id}'`,
    related: [{ file: def.file, ...def.idRange, message: `${def.id} is defined here` }],
  }));
}

export interface ReviewOptions {
  /** Accept every change (re-baseline everything). */
  all?: boolean;
  /** IDs whose changes are accepted: their hash and every link to them take the current content. */
  accept?: ReadonlySet<string>;
}

export interface ReviewSummary {
  items: number;
  links: number;
  added: { items: number; links: number };
  removed: { items: number; links: number };
  accepted: string[];
  /** Items whose content changed since review and was not accepted. */
  changed: string[];
  suspects: number;
}

/**
 * Records a new baseline from the current graph. Without a previous baseline, everything
 * is recorded as reviewed. With one, new items and links are added at their current
 * content, vanished ones are dropped, and changed items keep their recorded hashes (their
 * links stay suspect) unless accepted.
 */
export function recordBaseline(
  subject: ReviewSubject,
  previous: ReviewBaseline | undefined,
  options: ReviewOptions = {},
): { baseline: ReviewBaseline; summary: ReviewSummary } {
  const items = new Map<string, BaselineItem>();
  const summary: ReviewSummary = {
    items: 0,
    links: 0,
    added: { items: 0, links: 0 },
    removed: { items: 0, links: 0 },
    accepted: [],
    changed: [],
    suspects: 0,
  };
  for (const def of subject.items) {
    const current = itemHash(def);
    const old = previous?.items.get(def.id);
    const accept = !old || options.all === true || options.accept?.has(def.id) === true;
    if (!old) summary.added.items++;
    else if (old.hash !== current || [...old.links.values()].some((h) => h !== current)) {
      (accept ? summary.accepted : summary.changed).push(def.id);
    }
    const links = new Map<string, string>();
    for (const ref of subject.referencesTo(def.id)) {
      const key = linkKey(ref);
      if (links.has(key)) continue;
      const recorded = old?.links.get(key);
      if (recorded === undefined) summary.added.links++;
      const hash = accept || recorded === undefined ? current : recorded;
      if (hash !== current) summary.suspects++;
      links.set(key, hash);
    }
    if (old) for (const key of old.links.keys()) if (!links.has(key)) summary.removed.links++;
    items.set(def.id, { hash: accept ? current : old!.hash, links });
    summary.items++;
    summary.links += links.size;
  }
  if (previous) {
    for (const [id, old] of previous.items) {
      if (items.has(id)) continue;
      summary.removed.items++;
      summary.removed.links += old.links.size;
    }
  }
  summary.accepted.sort(byKey);
  summary.changed.sort(byKey);
  return { baseline: { items }, summary };
}

/**
 * The baseline after renaming `from` to `to` with Seclife's rename: the item's entry and
 * every link key naming `from` move, and items whose link attributes name `from` get
 * the hash of their renamed text when they were unchanged since review (so the rename
 * itself makes nothing suspect).
 */
export function renameInBaseline(
  baseline: ReviewBaseline,
  from: string,
  to: string,
  defOf: (id: string) => ItemDef | undefined,
): ReviewBaseline {
  const source = `(?<![\\w.-])${escapeRegExp(from)}(?![\\w-]|\\.\\w)`;
  const names = new RegExp(source);
  const token = new RegExp(source, 'g');
  const rekey = (key: string) => key.replace(`#${from}.`, `#${to}.`);
  const rehash = new Map<string, { was: string; now: string }>();
  for (const id of baseline.items.keys()) {
    const def = defOf(id);
    if (!def || !def.attributes.some((a) => names.test(a.value))) continue;
    rehash.set(id, { was: itemHash(def), now: shortHash(normalizedContent(def, (s) => s.replace(token, to))) });
  }
  const items = new Map<string, BaselineItem>();
  for (const [id, item] of baseline.items) {
    const change = rehash.get(id);
    const move = (hash: string) => (change && hash === change.was ? change.now : hash);
    const links = new Map<string, string>();
    for (const [key, hash] of item.links) links.set(rekey(key), move(hash));
    items.set(id === from ? to : id, { hash: move(item.hash), links });
  }
  return { items };
}
