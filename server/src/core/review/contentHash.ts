/**
 * What a review baseline compares: a hash of an item's normalized content, and a
 * stable key for every link that points at an item.
 */
import { createHash } from 'node:crypto';
import { ItemDef, Reference } from '../model';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The item's content as a reviewer reads it: title, attributes (normalized names, in
 * document order) and description, with whitespace collapsed. The ID itself is left
 * out, so a rename does not change the hash; Markdown re-wrapping does not either.
 */
export function normalizedContent(
  def: Pick<ItemDef, 'title' | 'attributes' | 'description'>,
  rewrite: (s: string) => string = (s) => s,
): string {
  const lines = [`title: ${collapse(rewrite(def.title))}`];
  for (const a of def.attributes) lines.push(`${a.name}: ${collapse(rewrite(a.value))}`);
  lines.push(`description: ${collapse(def.description)}`);
  return lines.join('\n');
}

/** First 16 hex digits (64 bits) of the SHA-256 of a string: enough to notice any edit. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

const cache = new WeakMap<ItemDef, string>();

/** The content hash of an item definition (cached per parsed definition). */
export function itemHash(def: ItemDef): string {
  let h = cache.get(def);
  if (h === undefined) cache.set(def, (h = shortHash(normalizedContent(def))));
  return h;
}

/**
 * A link's identity across unrelated edits: role, file, and what it belongs to (the
 * declaration an annotation binds to, or the item and attribute of a document link).
 * Line numbers are left out, so moving code does not make a link new.
 */
export function linkKey(ref: Reference): string {
  const anchor = ref.role === 'link' ? `#${ref.fromItem}.${ref.attribute}` : ref.symbol ? `#${ref.symbol}` : '';
  return `${ref.role} ${ref.file}${anchor}`;
}
