import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { Range } from '../core/findings';
import { Reference } from '../core/model';
import { isVerb, VERB_TOKEN_PATTERN } from '../core/verbs';
import { ServiceContext } from './context';

/**
 * Standard token types only, so every theme colours them without Seclife-specific rules:
 * - `decorator` (VS Code: "decorators & annotations"; TextMate fallback `entity.name.decorator`,
 *   then `entity.name.function`) for annotation verbs such as `@implements`;
 * - `enumMember` (fallback `variable.other.enummember`) for item IDs: members of a declared,
 *   closed set, distinct from the variables around them.
 * Modifier `declaration` marks the ID that defines an item (its heading or table row).
 */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['decorator', 'enumMember'],
  tokenModifiers: ['declaration'],
};

const VERB = 0;
const ID = 1;
const DECLARATION = 1 << 0;

interface Token {
  /** 0-based line and UTF-16 character. */
  line: number;
  char: number;
  length: number;
  type: number;
  modifiers: number;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A single-line engine range as a token; multi-line or empty ranges are not tokens. */
function fromRange(r: Range, type: number, modifiers = 0): Token | undefined {
  if (r.line !== r.endLine || r.endColumn <= r.column) return undefined;
  return { line: r.line - 1, char: r.column - 1, length: r.endColumn - r.column, type, modifiers };
}

/** The `@verb` of an annotation: the last one of that verb before the annotation's first ID on its line. */
function verbToken(lines: string[], ref: Reference): Token | undefined {
  const line = lines[ref.range.line - 1];
  if (line === undefined) return undefined;
  const before = line.slice(0, ref.range.column - 1);
  let found: Token | undefined;
  VERB_TOKEN_PATTERN.lastIndex = 0;
  for (let m = VERB_TOKEN_PATTERN.exec(before); m; m = VERB_TOKEN_PATTERN.exec(before)) {
    if (m[1] === ref.role)
      found = { line: ref.range.line - 1, char: m.index, length: m[0].length, type: VERB, modifiers: 0 };
  }
  return found;
}

/** Sorts by position and drops tokens that would overlap an earlier one (clients reject overlaps). */
function ordered(tokens: Token[]): Token[] {
  tokens.sort((a, b) => a.line - b.line || a.char - b.char || b.length - a.length);
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.line === t.line && t.char < prev.char + prev.length) continue;
    out.push(t);
  }
  return out;
}

/** The standard relative encoding: deltaLine, deltaStart, length, tokenType, tokenModifiers. */
function encodeTokens(tokens: Token[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of ordered(tokens)) {
    const deltaLine = t.line - line;
    data.push(deltaLine, deltaLine === 0 ? t.char - char : t.char, t.length, t.type, t.modifiers);
    line = t.line;
    char = t.char;
  }
  return data;
}

/**
 * Source files: annotation verbs (`@implements`, with the `@`) and the IDs they name, and
 * IDs in suppression justifications. Lifecycle documents: each item's defining ID
 * (`declaration`) and every ID in a link attribute.
 */
export function semanticTokens(ctx: ServiceContext, path: string): SemanticTokens {
  const index = ctx.engine.fileIndex(path);
  if (!index) return { data: [] };
  const tokens: Token[] = [];
  const push = (t: Token | undefined) => {
    if (t) tokens.push(t);
  };
  for (const def of index.items) {
    // A table row whose ID could not be located has the whole row as idRange: no token then.
    if (def.idRange.endColumn - def.idRange.column === def.id.length) push(fromRange(def.idRange, ID, DECLARATION));
  }
  let lines: string[] | undefined;
  for (const ref of index.refs) {
    push(fromRange(ref.range, ID));
    if (!isVerb(ref.role)) continue;
    lines ??= splitLines(ctx.text(path) ?? '');
    push(verbToken(lines, ref));
  }
  return { data: encodeTokens(tokens) };
}
