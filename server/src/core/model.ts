/**
 * What parsing finds in files: items, sections, references and suppressions. The index of a
 * whole file, by role, is fileIndex.ts; this module imports nothing from the feature folders.
 */
import type { Range } from './findings';
import type { Verb } from './verbs';

/** `Key: value` of an item; `name` is the normalized key (lower case, `-` for `-`/`_`/space). */
export interface Attribute {
  key: string;
  name: string;
  value: string;
  keyRange: Range;
  valueRange: Range;
}

/** An item defined by a heading or a table row of a lifecycle document (docs/formats.md, Heading items, Table items). */
export interface ItemDef {
  id: string;
  kind: string;
  title: string;
  file: string;
  /** Range of the ID itself. */
  idRange: Range;
  /** The whole heading line or table row. */
  range: Range;
  /** Heading level 1–6, or 0 for a table row. */
  level: number;
  attributes: Attribute[];
  /** Raw Markdown after the attribute block up to the next heading of the same or a higher level. */
  description: string;
  /** Line span of the item's section (heading to the line before the next sibling heading). */
  endLine: number;
}

/** Heading that is not an item: kept for document symbols and nesting. */
export interface SectionDef {
  title: string;
  level: number;
  range: Range;
  endLine: number;
}

/** The annotation verbs: one table in verbs.ts. */
export type { Verb };
export type ReferenceRole = Verb | 'link' | 'justification';

/** One place that names an ID: an annotation in code, a link attribute, a suppression justification. */
export interface Reference {
  id: string;
  file: string;
  range: Range;
  role: ReferenceRole;
  /** For `link`: the item holding the attribute and the normalized attribute name. */
  fromItem?: string;
  attribute?: string;
  /** The attribute key as written (`Mitigates`, `Derived-from`), for messages. */
  attributeKey?: string;
  /** For annotations: the note after ` -- `, and the declaration it binds to (TS/JS). */
  note?: string;
  symbol?: string;
  /** Whether the file is a test file (where `@verifies` counts). */
  inTest: boolean;
}

export type SuppressionScope = 'next-line' | 'line' | 'file';

export interface Suppression {
  scope: SuppressionScope;
  /** Rule IDs; empty means every rule. */
  rules: string[];
  justification?: string;
  /** 1-based line the suppression applies to (for `file`, its own line). */
  targetLine: number;
  range: Range;
}
