import { TRACE_SEVERITY } from './config';
import { Severity } from './findings';

/** What a finding code means and how to fix it; feeds SARIF `rules[]`, `codeDescription` and docs/findings.md. */
export interface CodeInfo {
  code: string;
  severity: Severity;
  /** One line. */
  summary: string;
  /** Markdown: why it matters and what to do. */
  help: string;
  /** IEC 81001-5-1 clause the check supports. */
  clause?: string;
}

const INFO: Record<string, Omit<CodeInfo, 'code' | 'severity'>> = {
  'unknown-reference': {
    summary: 'A reference names an ID that no lifecycle document defines.',
    help: 'An annotation, link attribute or suppression justification names an ID with a configured prefix, but no heading or `ID` table row defines it. Fix the typo, or add the item to its document.',
  },
  'duplicate-id': {
    summary: 'The same ID is defined more than once.',
    help: 'Every ID must be defined exactly once; links to a duplicated ID are ambiguous. Renumber one of the definitions (the first definition, in path order, is the one others resolve to).',
  },
  'wrong-link-target': {
    summary: 'A link or annotation names an item of a kind it may not name.',
    help: '`@implements` names kinds that need implementing, `@verifies` kinds that need verifying, `@mitigates` threats, `@interface` interfaces; `Mitigates:` on a risk control names threats, `Derived-from:` names threats or requirements. Point the link at an item of the right kind.',
  },
  'malformed-item': {
    summary: 'An item is missing a title or a required attribute, or an attribute has a value that is not allowed.',
    help: 'Items of each kind carry required attributes (e.g. interfaces need `Exposure` and `Assets`, SOUP items `Version`, `Supplier` and `Class`, risk controls `Mitigates`) and some attributes have a fixed set of values. Complete the attribute block right after the heading.',
    clause: '5.2.1',
  },
  'not-implemented': {
    summary: 'An item that must be implemented has no `@implements` (or `@interface`) in a source file.',
    help: 'Add `@implements <ID>` in a comment on the code that realizes the item (tests do not count), or `@interface <ID>` at the entry point of an interface.',
    clause: '5.4, 5.5',
  },
  'not-verified': {
    summary: 'An item that must be verified has no `@verifies` in a test file.',
    help: 'Add `@verifies <ID>` in a comment in the test that checks the item. Only files matched by the `tests` globs count.',
    clause: '5.7',
  },
  'not-mitigated': {
    summary: 'A threat has no risk control and no `@mitigates`, and is not accepted.',
    help: 'Name the threat in a risk control\'s `Mitigates:` attribute, mark the mitigating code with `@mitigates <ID>`, or record a risk acceptance: `Status: accepted` (or `transferred`) with `Accepted-by` and `Rationale`.',
    clause: '7.2–7.4',
  },
  'acceptance-without-rationale': {
    summary: 'A threat is accepted or transferred without a recorded rationale.',
    help: 'A residual risk needs an auditable acceptance: add `Rationale:` (and `Accepted-by:`) to the threat\'s attribute block.',
    clause: '7.4, 5.8.2',
  },
  'verification-outside-tests': {
    summary: '`@verifies` appears in a file that is not a test, so it does not count.',
    help: 'Move the annotation to the test that verifies the item, or extend the `tests` globs in seclife.json if the file is a test.',
  },
  'unjustified-suppression': {
    summary: 'A `seclife-ignore` comment has no justification.',
    help: 'Every suppression needs a reason a reviewer can check: `// seclife-ignore-next-line js/weak-random -- jitter only, not security relevant`. IDs named in the justification become links.',
    clause: '5.5.1',
  },
  'unused-suppression': {
    summary: 'A `seclife-ignore` comment suppresses nothing.',
    help: 'The finding it was written for is gone; remove the comment so it cannot hide a future finding.',
  },
  'config-error': {
    summary: 'seclife.json is invalid; the run used the defaults.',
    help: 'The file is not valid JSON or does not match the schema (schemas/seclife.schema.json). Fix the reported key; until then every setting is at its default.',
  },
  'soup-missing': { summary: 'A direct dependency has no SOUP item.', help: 'Every third-party component the product ships needs a SOUP item (IEC 81001-5-1 §4.1.5): add a row to the SOUP table with its `Package`, `Version`, `Supplier` and `Class` (the quick fix does it). Reported on the dependency in the manifest. devDependencies count only with `"devDependencies": true`.', clause: '4.1.5' },
  'soup-version-mismatch': { summary: 'A SOUP item\'s version does not cover the resolved version.', help: 'The item\'s `Version` (exact, a semver range for npm, a PEP 440 specifier for Python, or a list) does not cover the version the lockfile or SBOM resolves. Update the item after reviewing the new version.', clause: '4.1.5' },
  'soup-stale': { summary: 'A SOUP item names no dependency that exists.', help: 'No manifest, lockfile or SBOM of the repository contains the package the item names (`Package`, `purl` or title). Remove the item, or fix its `Package`.', clause: '4.1.5' },
  'vulnerability-undispositioned': { summary: 'A known vulnerability of a SOUP item has no disposition.', help: 'An advisory in the configured `advisories` files (npm audit, OSV) affects the component\'s version. Record a disposition in the item: `Vulnerabilities: GHSA-xxxx-xxxx-xxxx not-affected -- <reason>` (or fixed, mitigated, accepted).', clause: '4.1.5, 5.3.2' },
  'coding-rule-unenforced': { summary: 'A coding-standard item names no enabled rule.', help: 'A coding-standard item is enforced by the rules its `Rule` attribute names; each must be a built-in or custom rule that is not turned off. Fix the rule ID or enable the rule.', clause: '5.1.3' },
  'suspect-link': { summary: 'A link points at an item that changed after it was reviewed.', help: 'The item changed after this link was reviewed (its content hash differs from the one in `.seclife/baseline.json`). Check that the code, test or link still holds for the new text, then accept it with `seclife review --accept <ID>` or the quick fix "Accept review".', clause: '5.5.2' },
  'internal-error': { summary: 'A check or parser failed on this file; its results for the file may be incomplete.', help: 'An exception inside a rule, a parser or the comment scanner is reported as this finding, naming the rule (or parser) and the file, instead of being dropped silently. It is a bug in Seclife or input no check expected: please report it. The other results are still produced.' },
};

export function codeInfo(code: string): CodeInfo | undefined {
  const info = INFO[code];
  return info ? { code, severity: TRACE_SEVERITY[code] ?? 'warning', ...info } : undefined;
}

export function allCodeInfos(): CodeInfo[] {
  return Object.keys(INFO).map((c) => codeInfo(c)!);
}
