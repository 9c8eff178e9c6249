import { CompletionItem, CompletionItemKind, Position } from 'vscode-languageserver-types';
import { DEFAULT_KINDS, KindConfig } from '../core/config';
import { normalizeKey } from '../core/ids';
import { parseAttributeLine } from '../core/markdown/attributeLine';
import { ItemDef } from '../core/model';
import { ServiceContext } from './context';
import { cursorAt, idCompletions, tokenAround } from './completionItems';

const BULLET = /^\s*[-*+][ \t]+/;
/** What may precede the cursor on a line where a key is being typed (after an optional bullet). */
const PARTIAL_KEY = /^(?:[A-Za-z][A-Za-z0-9_-]*)?$/;

/** Attribute names as written in the default configuration (`Derived-from`), by normalized name. */
const DISPLAY = new Map<string, string>([['status', 'Status'], ['rationale', 'Rationale'], ['accepted-by', 'Accepted-by']]);
for (const kind of Object.values(DEFAULT_KINDS)) {
  for (const key of [...(kind.required ?? []), ...Object.keys(kind.allowed ?? {}), ...Object.keys(kind.links ?? {})]) {
    if (!DISPLAY.has(normalizeKey(key))) DISPLAY.set(normalizeKey(key), key);
  }
}

/** The attribute of a raw line of an attribute block (a paragraph line or a bullet item). */
function attributeOf(raw: string): ReturnType<typeof parseAttributeLine> {
  const bullet = BULLET.exec(raw)?.[0] ?? '';
  return parseAttributeLine(raw.slice(bullet.length));
}

/** The innermost heading item whose section holds the 1-based line (its heading line excluded). */
function enclosingItem(items: ItemDef[], line1: number): ItemDef | undefined {
  let best: ItemDef | undefined;
  for (const item of items) {
    if (item.level > 0 && item.range.line < line1 && line1 <= item.endLine && (!best || item.range.line > best.range.line)) best = item;
  }
  return best;
}

/** Completion in a lifecycle document: link targets after `Key:`, attribute keys in the attribute block. */
export function documentCompletion(ctx: ServiceContext, path: string, text: string, position: Position): CompletionItem[] {
  const cursor = cursorAt(text, position);
  const index = ctx.engine.fileIndex(path) ?? ctx.engine.parse(path, text);
  if (!cursor || !index) return [];
  const { line0, character, lineText } = cursor;
  const item = enclosingItem(index.items, line0 + 1);
  const kind = item && ctx.engine.config.kinds[item.kind];
  if (!item || !kind) return [];
  const lines = text.split(/\r\n|\r|\n/);
  // The attribute block runs from the line after the heading to the first blank line.
  for (let l = item.range.line; l < line0; l++) if (!lines[l].trim() || !attributeOf(lines[l])) return [];
  const bullet = BULLET.exec(lineText)?.[0] ?? '';
  if (character < bullet.length) return [];
  const before = lineText.slice(bullet.length, character);

  const attr = parseAttributeLine(before);
  if (attr) {
    const spec = kind.links[normalizeKey(attr.key)];
    const tok = tokenAround(lineText, character);
    if (!spec || tok.start < bullet.length + attr.valueStart) return [];
    const named = ctx.engine.grammar.findAll(lineText.slice(bullet.length + attr.valueStart)).map((m) => m.id);
    return idCompletions(ctx, line0, tok.start, tok.end, {
      kinds: new Set(spec.targets),
      exclude: new Set([item.id, ...named.filter((id) => id !== lineText.slice(tok.start, tok.end))]),
      uncovered: (s) => (spec.satisfies ? !s.met.includes(spec.satisfies) : s.met.length < s.needs.length),
    });
  }

  if (!PARTIAL_KEY.test(before) || !/^[A-Za-z0-9_-]*\s*$/.test(lineText.slice(character))) return [];
  // A non-blank line followed by non-attribute lines is a paragraph of description, not a key being typed.
  const present = new Set<string>();
  for (let l = item.range.line; l < lines.length && lines[l].trim(); l++) {
    if (l === line0) continue;
    const a = attributeOf(lines[l]);
    if (a) present.add(normalizeKey(a.key));
    else if (l > line0 && lineText.trim()) return [];
  }
  let end = character;
  while (end < lineText.length && /[A-Za-z0-9_-]/.test(lineText[end])) end++;
  const range = { start: { line: line0, character: character - before.length }, end: { line: line0, character: end } };
  return attributeKeys(kind)
    .filter((k) => !present.has(k.name))
    .map((k, i) => {
      const label = displayName(ctx, k.name);
      return {
        label,
        kind: CompletionItemKind.Property,
        detail: k.detail,
        sortText: `${i.toString().padStart(3, '0')}`,
        filterText: label,
        textEdit: { range, newText: `${label}: ` },
      };
    });
}

/** The keys an item of a kind may carry, required ones first. */
function attributeKeys(kind: KindConfig): Array<{ name: string; detail: string }> {
  const out = new Map<string, string[]>();
  const add = (name: string, what: string) => {
    const list = out.get(name);
    if (list) list.push(what);
    else out.set(name, [what]);
  };
  for (const name of kind.required) add(name, 'required');
  for (const [name, spec] of Object.entries(kind.links)) add(name, `link to ${spec.targets.join(' or ')}`);
  for (const [name, values] of Object.entries(kind.allowed)) add(name, `one of ${values.join(', ')}`);
  if (!out.has('status')) add('status', 'item status');
  if (kind.needs.includes('mitigated')) {
    add('rationale', 'why the risk is accepted or transferred');
    add('accepted-by', 'who accepted the risk');
  }
  return [...out].map(([name, what]) => ({ name, detail: what.join(' · ') }));
}

/** Display name of a normalized key: as the defaults write it, else as the workspace writes it, else capitalized. */
function displayName(ctx: ServiceContext, name: string): string {
  const known = DISPLAY.get(name);
  if (known) return known;
  for (const state of ctx.engine.items()) {
    const written = state.def.attributes.find((a) => a.name === name);
    if (written) return written.key;
  }
  return name.charAt(0).toUpperCase() + name.slice(1);
}
