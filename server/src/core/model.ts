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
  /** For `@verifies` in a test file: the test it binds to, when Seclife can name it (docs/verification.md, Matching). */
  test?: BoundTest;
}

/** The test an `@verifies` annotation binds to (source/testBinding.ts), named as its runner names it. */
export interface BoundTest {
  /** The test's own title or function name. */
  name: string;
  /** Enclosing suites (describe titles, test classes), outermost first. */
  suitePath: string[];
  /** The name joined as the language's main runner writes it (`TestLockout::test_x`, `Suite.Name`, `a b c`). */
  fullName: string;
  /** A suite (describe, test class): every test inside it is linked. */
  container: boolean;
  /** The JUnit `classname` the source decides (JVM, .NET, pytest, GoogleTest). */
  classname?: string;
  /** JUnit 5 `@DisplayName`. */
  displayName?: string;
  /** Parametrized: the runner reports one result per parameter set (`test_x[1]`, `Method(1)`). */
  parameterized?: boolean;
  /** 1-based line of the test's name. */
  line: number;
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
