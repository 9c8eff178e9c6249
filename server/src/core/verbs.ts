import type { KindConfig } from './config';

/**
 * The annotation verbs (`// @implements SR-001` …; docs/formats.md, "Annotations in code"): the one table the
 * scanner, the trace graph, completion, code lenses and semantic tokens read. To add a
 * verb: add its name here and its row to {@link VERBS}; the TextMate grammar and the code
 * snippets (syntaxes/, snippets/) are checked against this list by verbs.test.ts.
 */
export const VERB_NAMES = ['implements', 'verifies', 'mitigates', 'interface'] as const;

export type Verb = (typeof VERB_NAMES)[number];

/** The need of the named item that an annotation with a verb meets (a `Need` of core/config.ts). */
export type VerbNeed = 'implemented' | 'verified' | 'mitigated';

export interface VerbSpec {
  /** The need of the named item the annotation meets. */
  need: VerbNeed;
  /** Where it counts: `code` — source files that are not tests; `tests` — test files only. */
  countsIn: 'code' | 'tests';
  /**
   * Which kinds it may name: `need` — kinds whose `needs` include {@link need};
   * `interface` — kinds with `interface: true`.
   */
  names: 'need' | 'interface';
  /** What the annotation says (completion documentation). */
  description: string;
}

export const VERBS: Readonly<Record<Verb, VerbSpec>> = {
  implements: {
    need: 'implemented',
    countsIn: 'code',
    names: 'need',
    description:
      'This code implements the named items (requirements, risk controls, …). Counts as "implemented" outside test files.',
  },
  verifies: {
    need: 'verified',
    countsIn: 'tests',
    names: 'need',
    description: 'This test verifies the named items. Counts as "verified" only in test files.',
  },
  mitigates: {
    need: 'mitigated',
    countsIn: 'code',
    names: 'need',
    description: 'This code mitigates the named threats directly.',
  },
  interface: {
    need: 'implemented',
    countsIn: 'code',
    names: 'interface',
    description: 'This is the code entry point of the named interface items.',
  },
};

const VERB_SET: ReadonlySet<string> = new Set(VERB_NAMES);

/** Whether a reference role is an annotation verb (and not `link` or `justification`). */
export function isVerb(role: string): role is Verb {
  return VERB_SET.has(role);
}

/** Whether an annotation with this verb may name items of this kind. */
export function verbMayName(verb: Verb, kind: KindConfig | undefined): boolean {
  const spec = VERBS[verb];
  return spec.names === 'interface' ? kind?.interface === true : kind?.needs.includes(spec.need) === true;
}

/** Whether an annotation with this verb counts in a test file (`inTest`) or in other source files. */
export function verbCountsIn(verb: Verb, inTest: boolean): boolean {
  return VERBS[verb].countsIn === 'tests' ? inTest : !inTest;
}

// The patterns built from the verb list. They are built here, from this file's constants, so
// the regex audit (hostile/linearity.test.ts) folds them; each is used by the one file named.

/** `implements|verifies|mitigates|interface` */
const ALTERNATION = VERB_NAMES.join('|');
/** `@verb` not preceded by a word character, `@`, `.`, `$` or `-` (`a@implements`, `@@implements` are not verbs). */
const AT_VERB = `(?<![\\w@.$-])@(${ALTERNATION})`;

/** source/sourceFile.ts: cheap pre-check of a whole file (most files carry no annotation). */
export const VERB_CANDIDATE = new RegExp(`@(?:${ALTERNATION})\\b`);
/** source/sourceFile.ts: an annotation in a comment's content: the verb and the rest of its line up to the next verb. */
export const ANNOTATION_PATTERN = new RegExp(`${AT_VERB}\\b[ \\t]*((?:(?!@(?:${ALTERNATION})\\b)[^\\r\\n])*)`, 'g');
/** service/completion.ts: the last annotation verb on the line before the cursor, with what follows it. */
export const ANNOTATION_BEFORE_CURSOR = new RegExp(`${AT_VERB}[ \\t]+([^@]*)$`);
/** service/semanticTokens.ts: every `@verb` of a line. */
export const VERB_TOKEN_PATTERN = new RegExp(`${AT_VERB}\\b`, 'g');
