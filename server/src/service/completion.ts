import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver-types';
import { KindConfig } from '../core/config';
import { maxOf } from '../core/arrays';
import { CommentFamily, languageOf } from '../core/lexers/languages';
import { scanComments } from '../core/lexers/commentScanner';
import { normalizeKey } from '../core/ids';
import { parseAttributeLine } from '../core/markdown/attributeLine';
import { ItemDef } from '../core/model';
import { isCovered } from '../core/traceGraph';
import { ANNOTATION_BEFORE_CURSOR, Verb, VERB_NAMES, verbMayName, VERBS } from '../core/verbs';
import { logFailure, scannerFailureLogger, ServiceContext } from './context';
import { Cursor, cursorAt, displayKey, idCompletions, tokenAround } from './completionItems';

/** `@` and a partial word right before the cursor. */
const AT_WORD = /(?<![\w@.$-])@([A-Za-z]*)$/;
const SUPPRESSION = /(?<![\w-])seclife-ignore-(?:next-line|line|file)\b(.*)$/;
/** A ` -- ` note separator (the text after it is a note or justification). */
const NOTE = /(?:^|\s)--\s/;

/** IDs after annotation verbs and in link attributes, verbs after `@`, attribute keys. */
export function completion(ctx: ServiceContext, path: string, position: Position): CompletionItem[] {
  try {
    const text = ctx.text(path);
    if (!text) return [];
    const role = ctx.engine.filter.classify(path);
    const indexed = ctx.engine.fileIndex(path);
    if ((indexed?.role ?? role?.role) === 'document') return documentCompletion(ctx, path, text, position);
    const family = role?.role === 'source' ? role.family : indexed ? languageOf(path)?.family : undefined;
    const cursor = cursorAt(text, position);
    return family && cursor ? commentCompletion(ctx, path, text, family, cursor) : [];
  } catch (e) {
    // No completion rather than a failed request — and a line in the server's log (no finding:
    // the file's checks ran in its parse, which reports its own failures).
    logFailure(ctx, `completion in ${path} at ${position.line + 1}:${position.character + 1}`, e);
    return [];
  }
}

/** Completion inside a comment of a source file: suppression justifications, annotation IDs, verbs. */
function commentCompletion(
  ctx: ServiceContext,
  path: string,
  text: string,
  family: CommentFamily,
  cursor: Cursor,
): CompletionItem[] {
  // Every completion here needs `@` or a suppression on the cursor's line: skip the comment scan otherwise
  // (a space typed anywhere in a file triggers completion).
  const linePrefix = cursor.lineText.slice(0, cursor.character);
  if (linePrefix.indexOf('@') < 0 && linePrefix.indexOf('seclife-ignore-') < 0) return [];
  const span = scanComments(text, family, scannerFailureLogger(ctx, `completion in ${path}`)).find(
    (s) => s.contentStart <= cursor.offset && cursor.offset <= s.contentEnd,
  );
  if (!span) return [];
  const { line0, character, lineText, lineStart } = cursor;
  const before = text.slice(Math.max(span.contentStart, lineStart), cursor.offset);
  // Tokens never extend past the comment's content (e.g. into a closing `-->`).
  const limit = Math.min(lineText.length, span.contentEnd - lineStart);

  const suppression = SUPPRESSION.exec(before);
  if (suppression) {
    // The rule position would offer rule IDs; none are known until the rules engine exists.
    if (!NOTE.test(suppression[1])) return [];
    const tok = tokenAround(lineText, character, limit);
    return idCompletions(ctx, line0, tok.start, tok.end);
  }

  const annotation = ANNOTATION_BEFORE_CURSOR.exec(before);
  if (annotation) {
    const verb = annotation[1] as Verb;
    const rest = annotation[2];
    if (NOTE.test(rest) || /(?:^|\s)--$/.test(rest)) return [];
    const tok = tokenAround(lineText, character, limit);
    const listed = rest
      .slice(0, rest.length - tok.partial.length)
      .split(/[\s,]+/)
      .filter(Boolean);
    const grammar = ctx.engine.grammar;
    // The ID list ends at the first word that is not an ID (prose, `{Type}`): no completion after it.
    if (!listed.every((w) => grammar.parse(w))) return [];
    const { need } = VERBS[verb];
    const kinds = Object.values(ctx.engine.config.kinds)
      .filter((k) => verbMayName(verb, k))
      .map((k) => k.prefix);
    return idCompletions(ctx, line0, tok.start, tok.end, {
      kinds: new Set(kinds),
      exclude: new Set(listed.map((w) => grammar.parse(w)!.id)),
      preferred: typicalKinds(ctx, path, verb),
      uncovered: (s) => s.needs.includes(need) && !s.met.includes(need),
    });
  }

  const at = AT_WORD.exec(before);
  if (at) {
    let end = character;
    while (end < limit && /[A-Za-z]/.test(lineText[end])) end++;
    const range = { start: { line: line0, character: character - at[1].length }, end: { line: line0, character: end } };
    return VERB_NAMES.map((verb, i) => ({
      label: verb,
      kind: CompletionItemKind.Keyword,
      detail: `@${verb} · Seclife annotation`,
      documentation: { kind: MarkupKind.PlainText, value: VERBS[verb].description },
      sortText: `0-${i}`,
      textEdit: { range, newText: verb },
    }));
  }
  return [];
}

/** The kinds this file names most often with this verb (else with any annotation): they sort first. */
function typicalKinds(ctx: ServiceContext, path: string, verb: Verb): Set<string> {
  const refs = ctx.engine.fileIndex(path)?.refs ?? [];
  const sameVerb = refs.filter((r) => r.role === verb);
  const counts = new Map<string, number>();
  for (const r of sameVerb.length ? sameVerb : refs.filter((r) => r.role !== 'justification')) {
    const prefix = ctx.engine.grammar.prefixOf(r.id);
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  const max = maxOf(counts.values(), 0);
  return new Set([...counts].filter(([, c]) => c === max && max > 0).map(([k]) => k));
}

const BULLET = /^\s*[-*+][ \t]+/;
/** What may precede the cursor on a line where a key is being typed (after an optional bullet). */
const PARTIAL_KEY = /^(?:[A-Za-z][A-Za-z0-9_-]*)?$/;

/** The attribute of a raw line of an attribute block (a paragraph line or a bullet item). */
function attributeOf(raw: string): ReturnType<typeof parseAttributeLine> {
  const bullet = BULLET.exec(raw)?.[0] ?? '';
  return parseAttributeLine(raw.slice(bullet.length));
}

/** The innermost heading item whose section holds the 1-based line (its heading line excluded). */
function enclosingItem(items: ItemDef[], line1: number): ItemDef | undefined {
  let best: ItemDef | undefined;
  for (const item of items) {
    if (
      item.level > 0 &&
      item.range.line < line1 &&
      line1 <= item.endLine &&
      (!best || item.range.line > best.range.line)
    )
      best = item;
  }
  return best;
}

/** Completion in a lifecycle document: link targets after `Key:`, attribute keys in the attribute block. */
function documentCompletion(ctx: ServiceContext, path: string, text: string, position: Position): CompletionItem[] {
  const cursor = cursorAt(text, position);
  const index = ctx.engine.fileIndex(path) ?? ctx.engine.parse(path, text);
  if (!cursor || !index) return [];
  const { line0, character, lineText } = cursor;
  const item = enclosingItem(index.items, line0 + 1);
  const kind = item && ctx.engine.config.kinds[item.kind];
  if (!item || !kind) return [];
  const lines = text.split(/\r\n|\r|\n/);
  // The attribute block runs from the line after the heading to the first blank line.
  for (let l = item.range.line; l < line0; l++) if (!lines[l]?.trim() || !attributeOf(lines[l])) return [];
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
      uncovered: (s) => (spec.satisfies ? !s.met.includes(spec.satisfies) : !isCovered(s)),
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
      const label = displayKey(ctx, k.name);
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
