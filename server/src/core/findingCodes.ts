/** Severities of the finding contract (docs/findings.md); findings.ts re-exports them. Here so this table imports nothing. */
export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';

/**
 * The one table of traceability finding codes. Everything else derives from it:
 * `TRACE_CODES` and the `TraceCode` type, the default severities (`TRACE_SEVERITY`),
 * `codeInfo`/`allCodeInfos` (SARIF `rules[]`, hovers) and docs/findings.md, which
 * `npm run build` writes from it (a test checks it is fresh).
 *
 * To add a code: add an entry here (its position is its place in docs/findings.md and in
 * SARIF `rules[]`, so append), then report it. Secure-coding rules (`js/…`, `py/…`, `c/…`
 * and custom rules) are not in this table; their docs are docs/rules/.
 */
export interface FindingCodeSpec {
  /** Default severity; `rules` in seclife.json may change it. */
  severity: Severity;
  /** One line. */
  summary: string;
  /** Markdown, a short paragraph: why it matters and what to do (SARIF `help`, hovers). */
  help: string;
  /** IEC 81001-5-1 clause the check supports. */
  clause?: string;
  /** Markdown: where the finding is located (the "where" column of docs/findings.md). */
  where: string;
  /** Markdown lines of the code's section in docs/findings.md (after its `## code` heading). */
  doc: readonly string[];
}

const TABLE = {
  'unknown-reference': {
    severity: 'error',
    summary: 'A reference names an ID that no lifecycle document defines.',
    help: 'An annotation, link attribute or suppression justification names an ID with a configured prefix, but no heading or `ID` table row defines it. Fix the typo, or add the item to its document.',
    where: 'annotation / link / justification',
    doc: [
      'An annotation (`@implements SR-404`), a link attribute (`Mitigates: TH-404`) or a',
      'suppression justification names an ID with a configured prefix that no heading or `ID`',
      'table row defines. Words that do not look like IDs of a configured kind (`{Foo}`,',
      '`JIRA-12`) are ignored rather than reported. **Fix:** correct the ID, or define the item.',
    ],
  },
  'duplicate-id': {
    severity: 'error',
    summary: 'The same ID is defined more than once.',
    help: 'Every ID must be defined exactly once; links to a duplicated ID are ambiguous. Renumber one of the definitions (the first definition, in path order, is the one others resolve to).',
    where: 'every definition after the first',
    doc: [
      'The same ID is defined twice. The first definition in path order (then line order) is the',
      'one every reference resolves to; each later one is reported, with a related location',
      'pointing at the first. **Fix:** renumber one of them.',
    ],
  },
  'wrong-link-target': {
    severity: 'error',
    summary: 'A link or annotation names an item of a kind it may not name.',
    help: '`@implements` names kinds that need implementing, `@verifies` kinds that need verifying, `@mitigates` threats, `@interface` interfaces; `Mitigates:` on a risk control names threats, `Derived-from:` names threats or requirements. Point the link at an item of the right kind.',
    where: 'the reference',
    doc: [
      'The reference names an item of a kind it may not name:',
      '`@implements` needs a kind that must be *implemented* (SR, RC, IF by default),',
      '`@verifies` one that must be *verified*, `@mitigates` a kind that must be *mitigated*',
      '(TH), `@interface` an interface kind (IF); link attributes name the kinds configured for',
      'them (`Mitigates` on RC → TH; `Derived-from` on SR → TH or SR, on RC → SR or TH;',
      '`Requires` on SOUP → SR). **Fix:** point the reference at the right item, or use the',
      'right verb (`@mitigates` for threats).',
    ],
  },
  'malformed-item': {
    severity: 'error',
    summary: 'An item is missing a title or a required attribute, or an attribute has a value that is not allowed.',
    help: 'Items of each kind carry required attributes (e.g. interfaces need `Exposure` and `Assets`, SOUP items `Version`, `Supplier` and `Class`, risk controls `Mitigates`) and some attributes have a fixed set of values. Complete the attribute block right after the heading.',
    clause: '5.2.1',
    where: "the item's ID or the attribute value",
    doc: [
      'An item heading has no title (`## SR-012` alone), a required attribute is missing',
      '(IF: `Exposure`, `Assets`; SOUP: `Version`, `Supplier`, `Class`; RC: `Mitigates`; CS:',
      '`Rule`), an attribute has a value outside its allowed set (TH `Category` STRIDE values,',
      '`Severity`, `Status`; IF `Exposure`; SOUP `Class`), or a link attribute that is needed for',
      'coverage names no ID at all (`Mitigates: none yet`). Also a heading or an ID-table cell',
      'that starts like an ID of a known kind but is none (`SOUP-node-postgres`, `SR-2/3`): it',
      'is not read as an item. **Fix:** complete the attribute block right after the heading;',
      'write the ID with `_` or `.` instead of a second `-`.',
    ],
  },
  'not-implemented': {
    severity: 'warning',
    summary: 'An item that must be implemented has no `@implements` (or `@interface`) in a source file.',
    help: 'Add `@implements <ID>` in a comment on the code that realizes the item (tests do not count), or `@interface <ID>` at the entry point of an interface.',
    clause: '5.4, 5.5',
    where: 'item',
    doc: [
      'No `@implements` (or, for interfaces, `@interface`) names the item in a source file.',
      'Annotations in test files do not count as implementation. **Fix:** annotate the code that',
      'realizes the item.',
    ],
  },
  'not-verified': {
    severity: 'warning',
    summary: 'An item that must be verified has no `@verifies` in a test file.',
    help: 'Add `@verifies <ID>` in a comment in the test that checks the item. Only files matched by the `tests` globs count.',
    clause: '5.7',
    where: 'item',
    doc: [
      'No `@verifies` names the item in a test file (files matched by the `tests` globs).',
      '**Fix:** annotate the test that checks it.',
    ],
  },
  'not-mitigated': {
    severity: 'warning',
    summary: 'A threat has no risk control and no `@mitigates`, and is not accepted.',
    help: "Name the threat in a risk control's `Mitigates:` attribute, mark the mitigating code with `@mitigates <ID>`, or record a risk acceptance: `Status: accepted` (or `transferred`) with `Accepted-by` and `Rationale`.",
    clause: '7.2–7.4',
    where: 'item',
    doc: [
      "A threat is not named by any risk control's `Mitigates:`, no code carries",
      '`@mitigates` for it, and it is not accepted. **Fix:** add a control, annotate the',
      'mitigating code, or record an acceptance (`Status: accepted` or `transferred` with',
      '`Accepted-by` and `Rationale`).',
    ],
  },
  'acceptance-without-rationale': {
    severity: 'error',
    summary: 'A threat is accepted or transferred without a recorded rationale.',
    help: "A residual risk needs an auditable acceptance: add `Rationale:` (and `Accepted-by:`) to the threat's attribute block.",
    clause: '7.4, 5.8.2',
    where: 'item',
    doc: [
      'A threat has `Status: accepted` or `transferred` but no `Rationale`. A residual risk',
      'needs an auditable reason (IEC 81001-5-1 §7.4, release documentation §5.8.2). The threat',
      'does not count as covered until the rationale is there.',
    ],
  },
  'verification-outside-tests': {
    severity: 'warning',
    summary: '`@verifies` appears in a file that is not a test, so it does not count.',
    help: 'Move the annotation to the test that verifies the item, or extend the `tests` globs in seclife.json if the file is a test.',
    where: 'annotation',
    doc: [
      '`@verifies` appears in a file that is not a test, so it does not count. **Fix:** move it',
      'to the test, or extend the `tests` globs.',
    ],
  },
  'unjustified-suppression': {
    severity: 'error',
    summary: 'A `seclife-ignore` comment has no justification.',
    help: 'Every suppression needs a reason a reviewer can check: `// seclife-ignore-next-line js/weak-random -- jitter only, not security relevant`. IDs named in the justification become links.',
    clause: '5.5.1',
    where: 'suppression comment',
    doc: [
      'A `seclife-ignore-next-line`, `seclife-ignore-line` or `seclife-ignore-file` comment has',
      'no justification after ` -- `. Write why the code is safe:',
      '`// seclife-ignore-next-line js/weak-random -- jitter for retry backoff, see TH-006`.',
    ],
  },
  'unused-suppression': {
    severity: 'warning',
    summary: 'A `seclife-ignore` comment suppresses nothing.',
    help: 'The finding it was written for is gone; remove the comment so it cannot hide a future finding.',
    where: 'suppression comment (with the secure-coding rules)',
    doc: [
      'A suppression that no longer suppresses anything (reported together with the',
      'secure-coding rules). **Fix:** remove it so it cannot hide a future finding.',
    ],
  },
  'config-error': {
    severity: 'error',
    summary: 'seclife.json is invalid; the run used the defaults.',
    help: 'The file is not valid JSON or does not match the schema (schemas/seclife.schema.json). Fix the reported key; until then every setting is at its default.',
    where: '`seclife.json` (or `.seclife/baseline.json`)',
    doc: [
      '`seclife.json` is not valid JSON, does not match the schema',
      '(`schemas/seclife.schema.json`), or a custom-rule pattern does not compile. (Also: the',
      'review baseline `.seclife/baseline.json` cannot be read — suspect links are then not',
      'checked until `seclife review --all` records a new one.) The finding',
      'is located at the offending key or value; the whole run then uses the defaults, so fix',
      'it first.',
      '',
      'The same code marks input that could not be read, so that nothing is dropped silently:',
      'a manifest, lockfile, SBOM or advisory file that is malformed (at the error), one entry',
      'of it that could not be read (`dependency "\\ud800x" skipped: URIError: URI malformed` —',
      'only that entry is lost, the rest of the file is checked), and a file whose checking',
      'failed with an internal error (at its first line: its items, annotations and findings',
      'are missing, so the run fails instead of passing without them).',
    ],
  },
  'soup-missing': {
    severity: 'error',
    summary: 'A direct dependency has no SOUP item.',
    help: 'Every third-party component the product ships needs a SOUP item (IEC 81001-5-1 §4.1.5): add a row to the SOUP table with its `Package`, `Version`, `Supplier` and `Class` (the quick fix does it). Reported on the dependency in the manifest. devDependencies count only with `"devDependencies": true`.',
    clause: '4.1.5',
    where: "the dependency's entry in the manifest",
    doc: [
      'A direct dependency of the repository has no SOUP item (IEC 81001-5-1 §4.1.5). Reported',
      "on the dependency's entry — the key in `package.json`, the line in `requirements.txt` or",
      '`pyproject.toml`, the component in an SBOM. An item covers a dependency when its',
      '`Package` or `purl` names it, or, without either, its title is the package name. Which',
      'dependencies count (workspace members, devDependencies, git and `file:` dependencies) and',
      'which manifests are read: [soup.md](soup.md#what-is-checked). **Fix:** add a row to the',
      'SOUP table — the quick fix `Add SOUP entry for <name>` writes it with the installed',
      'version — and fill in `Supplier` and `Class`.',
    ],
  },
  'soup-version-mismatch': {
    severity: 'warning',
    summary: "A SOUP item's version does not cover the resolved version.",
    help: "The item's `Version` (exact, a semver range for npm, a PEP 440 specifier for Python, or a list) does not cover the version the lockfile or SBOM resolves. Update the item after reviewing the new version.",
    clause: '4.1.5',
    where: "the SOUP item's `Version` value",
    doc: [
      "The SOUP item's `Version` does not cover the version actually installed (from the",
      'lockfile, an SBOM or an exact pin): `Version: 4.18.2` while package-lock.json has',
      '`4.21.2`, or `~=3.0.0` for `3.1.1`. `Version` may be an exact version, an npm range',
      '(`^4.18`), a list (`4.21.1, 4.21.2`) or, for Python packages, a PEP 440 specifier',
      '(`>=4.2,<5`). Reported on the `Version` value. **Fix:** re-assess the new version and',
      'update `Version` (or pin the dependency to the assessed one). A `Version` that is no',
      'version or range at all is `malformed-item` instead.',
    ],
  },
  'soup-stale': {
    severity: 'warning',
    summary: 'A SOUP item names no dependency that exists.',
    help: 'No manifest, lockfile or SBOM of the repository contains the package the item names (`Package`, `purl` or title). Remove the item, or fix its `Package`.',
    clause: '4.1.5',
    where: 'item',
    doc: [
      'A SOUP item names no dependency of the repository: no manifest that is read declares the',
      'package, and no lockfile or SBOM lists it as a transitive dependency. The item does not',
      'count as covered. Not reported when the workspace has no manifest, or while a manifest',
      'cannot be read (a `config-error` in it). **Fix:** remove the item if the component is',
      'gone, or correct its `Package`/`purl`/title; if the manifest lives in a folder that is not',
      'read by default, add it to `manifests`.',
    ],
  },
  'vulnerability-undispositioned': {
    severity: 'error',
    summary: 'A known vulnerability of a package in use has no disposition.',
    help: 'An advisory in the configured `advisories` files affects the installed version of a direct dependency or of an indirect package under it. Record a decision on the SOUP item that answers for it (`Vulnerabilities: GHSA-xxxx-xxxx-xxxx not-affected -- <reason>`, or a VEX statement); for an indirect package no SOUP item answers for (reported at its lockfile entry), add a SOUP item for the direct dependency that brings it in (docs/vulnerabilities.md).',
    clause: '4.1.5, 5.3.2, 9.2',
    where: 'the SOUP item, or the lockfile entry of an indirect package no item answers for',
    doc: [
      'A configured advisory report (`advisories` in seclife.json) lists an advisory that',
      'affects the installed version of a package in use — a direct dependency a SOUP item',
      'covers, or an indirect package under it (the message names the path:',
      '`qs 6.13.0 (an indirect dependency via express@4.21.2)`) — and no decision covers it:',
      "neither the item's `Vulnerabilities` attribute nor a VEX statement, by the advisory's ID",
      'or any alias (`CVE-…`). Reported on the item; an indirect package no SOUP item answers',
      'for (its direct dependency has none, or the lockfile records no edges) is reported at',
      'its lockfile entry. **Fix:** assess the advisory and record the decision:',
      '`Vulnerabilities: GHSA-xxxx-xxxx-xxxx not-affected -- <reason>` (statuses `not-affected`,',
      '`affected`, `fixed`, `mitigated`, `accepted`, `under-investigation`; `not-affected` and',
      '`accepted` need a reason) or a VEX statement, or upgrade so the advisory no longer',
      'applies. See [vulnerabilities](vulnerabilities.md) and',
      '[soup.md](soup.md#the-whole-dependency-graph).',
    ],
  },
  'coding-rule-unenforced': {
    severity: 'warning',
    summary: 'A coding-standard item names no enabled rule.',
    help: 'A coding-standard item is enforced by the rules its `Rule` attribute names; each must be a built-in or custom rule that is not turned off. Fix the rule ID or enable the rule.',
    clause: '5.1.3',
    where: "the coding-standard item's `Rule` value (or the item)",
    doc: [
      'A coding-standard item (`CS`) is not enforced by any check: its `Rule` attribute names no',
      'rule, or names a rule ID that is neither a built-in rule nor a `customRules` entry, or a',
      'rule turned `"off"` in `rules`. Every rule the item names must be known and enabled.',
      'Reported on the `Rule` value (on the item when it has none); the item does not count as',
      'covered. **Fix:** correct the rule ID (`js/eval-dynamic`, see the',
      '[rule index](rules/README.md)), enable the rule, or add a custom rule for it.',
    ],
  },
  'suspect-link': {
    severity: 'warning',
    summary: 'A link points at an item that changed after it was reviewed.',
    help: 'The item changed after this link was reviewed (its content hash differs from the one in `.seclife/baseline.json`). Check that the code, test or link still holds for the new text, then accept it with `seclife review --accept <ID>` or the quick fix "Accept review".',
    clause: '5.5.2',
    where: 'the link (annotation, attribute value, justification)',
    doc: [
      'The item a link points at changed after the link was reviewed: its content hash in',
      'the review baseline `.seclife/baseline.json` (recorded by `seclife review`) differs',
      'from its current content. Reported on every annotation, document link and',
      'justification that names the item and was in the baseline; the item is the related',
      'location. **Fix:** check that the code, test or link still holds for the new text,',
      'then accept it — `seclife review --accept SR-012`, or the quick fix *Accept review of',
      'SR-012* in the editor. See [release evidence](release.md#review-baselines-and-suspect-links).',
    ],
  },
  'internal-error': {
    severity: 'warning',
    summary: 'A check or parser failed on this file; its results for the file may be incomplete.',
    help: 'An exception inside a rule, a parser or the comment scanner is reported as this finding, naming the rule (or parser) and the file, instead of being dropped silently. It is a bug in Seclife or input no check expected: please report it. The other results are still produced.',
    where: "the file (the rule's or parser's position when known)",
    doc: [
      'A check or parser failed on this file; its results for the file may be incomplete. An',
      'exception inside a secure-coding rule, a parser or the comment scanner is reported as',
      'this finding — naming the rule (or parser) and the file — instead of being dropped',
      'silently. The other results of the run are still produced. It is a bug in Seclife or',
      'input no check expected: please report it, with the file if you can share it.',
      "When one rule fails the finding is a warning: the file's other results stand. When",
      'checking a whole file fails (its parser threw), the finding is at its first line and is',
      "an **error**: the file's items, annotations and findings are all missing, so coverage",
      'could be overstated. A severity set for `internal-error` in `rules` or `overrides`',
      'applies to both. JSON lists every failure in `internalErrors`, SARIF in',
      '`invocations[0].toolExecutionNotifications` ([CI](ci.md)); the language server also',
      'logs it in its output channel.',
    ],
  },
  'verification-failed': {
    severity: 'error',
    summary: 'A test linked by `@verifies` (or a `verifies` property) failed in a test-result file.',
    help: 'A linked test failed or errored in the test results read (JUnit XML, TAP, CTRF). The item is not verified until the test passes: fix the code or the test, run the tests again and keep the new report in the workspace (docs/verification.md).',
    clause: '5.7.1, 5.7.2, 7.5, 5.8.1',
    where: 'the annotation, and the item',
    doc: [
      'A test linked to the item failed (or errored) in a test-result file: at the `@verifies`',
      'annotation, with the failure message, and once on the item. The failing results are',
      'related locations (file and line in the report). With test results, an item is',
      '**verified** only when at least one linked test passed and none failed. **Fix:** make',
      'the test pass and keep the new report. See [verification](verification.md).',
    ],
  },
  'verification-not-run': {
    severity: 'warning',
    summary: 'A linked test has no passing result: it was skipped, did not run, or cannot be matched.',
    help: 'With test results, a linked test verifies only when it passed. This test was skipped, has no result in the test-result files read, or the annotation binds to no test Seclife can name (docs/verification.md, Matching).',
    clause: '5.7.1, 5.7.2',
    where: 'the annotation, and the item when none of its tests passed',
    doc: [
      'With test results in the workspace (or `gate.coverage.verification: "passed"`), a',
      '`@verifies` annotation whose test was skipped or marked todo, has no result in the',
      'result files read, binds to no test Seclife can name, or only matches results that are',
      'ambiguous. On the item when none of its linked tests passed (it is then not covered).',
      '**Fix:** run the test and keep its report, or move the annotation directly above the',
      'test. See [verification](verification.md#matching).',
    ],
  },
  'test-results-stale': {
    severity: 'warning',
    summary: 'A test-result file records a different commit than the workspace is at.',
    help: 'The report names the commit the tests ran on (a `commit`/`git.sha` property, CTRF `environment.commit`), and the workspace is at another commit, so the results may not describe this version. Run the tests again on this commit.',
    clause: '5.7.1, 5.8.1',
    where: 'the result file',
    doc: [
      'The result file names the commit its tests ran on (a `commit`, `git.sha` or',
      '`git_commit` property, CTRF `environment.commit`) and the workspace is at another one',
      '(HEAD, read from `.git`). The results still count, but they may not describe this',
      'version. **Fix:** run the tests on this commit (the CI recipes in',
      '[verification](verification.md#ci-recipes) record the commit).',
    ],
  },
  'soup-input-unread': {
    severity: 'warning',
    summary: 'A dependency file Seclife recognises is not read, so its dependencies are not checked.',
    help: 'The file declares or locks third-party dependencies, but the SOUP check does not read it: its ecosystem is not supported yet (Bundler, Composer, …), it is binary or too large, or it is a second lockfile of one ecosystem in a folder whose first lockfile is used. Its dependencies are not compared with the SOUP items or the advisories — SOUP coverage says nothing about them (docs/soup.md, Which manifests are read).',
    clause: '4.1.5, 5.7.3',
    where: 'the dependency file (its first line)',
    doc: [
      'A dependency file the SOUP check does not read: a lockfile, manifest or SBOM of an',
      'ecosystem Seclife does not support yet (`Gemfile.lock`, `composer.lock`,',
      '`packages.config`, `bun.lockb`, …), a binary or over-size dependency file, or a second',
      'lockfile of one ecosystem in a folder (the first is used). Its dependencies are not',
      'checked against the SOUP items or the advisories, so SOUP coverage does not cover them.',
      '**Fix:** keep a supported lockfile or an SBOM (CycloneDX, SPDX) of the same',
      'dependencies next to it. See [SOUP](soup.md#which-manifests-are-read).',
    ],
  },
  'vex-justification-missing': {
    severity: 'warning',
    summary: 'A not_affected vulnerability decision gives no justification or impact statement.',
    help: 'OpenVEX and CISA require a `not_affected` statement to carry a justification label (component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist) or an impact statement; without one a customer cannot tell why the product is not affected. Add one (docs/vulnerabilities.md, Dispositions as VEX).',
    clause: '9.2, 9.3',
    where: 'the disposition (SOUP Vulnerabilities attribute or VEX statement)',
    doc: [
      'A `not_affected` decision (a VEX statement, or `not-affected` in a SOUP item’s',
      '`Vulnerabilities`) has neither a justification label nor an impact statement.',
      '**Fix:** add one of the OpenVEX justifications or a sentence saying why the product is',
      'not affected. See [vulnerabilities](vulnerabilities.md#dispositions-as-vex).',
    ],
  },
  'vex-stale': {
    severity: 'warning',
    summary: 'An advisory changed after the vulnerability decision about it was recorded.',
    help: 'The advisory record’s `modified` time is later than the decision’s timestamp: the affected ranges, severity or description may have changed since the decision was made. Review the decision and record it again with a new timestamp (docs/vulnerabilities.md).',
    clause: '9.2, 9.3',
    where: 'the disposition',
    doc: [
      'The advisory record was modified after the VEX statement (or dated disposition) about',
      'it: what the decision was based on may have changed. **Fix:** review the advisory and',
      'record the decision again. See [vulnerabilities](vulnerabilities.md#findings).',
    ],
  },
  'advisory-data-stale': {
    severity: 'warning',
    summary: 'The newest advisory file is older than the configured age.',
    help: 'Vulnerability data is only as good as its date: the newest advisory file (by the time it records, else its newest record) is older than `vulnerabilities.maxAdvisoryAgeDays` (default 30), so advisories published since are not checked. Regenerate the advisory files in CI (docs/vulnerabilities.md, Keeping the data fresh).',
    clause: '6.1.1, 6.2.1',
    where: 'the newest advisory file',
    doc: [
      'The newest advisory file is older than `vulnerabilities.maxAdvisoryAgeDays` (default',
      '30 days): vulnerabilities published since then are not checked. **Fix:** regenerate',
      'the advisory data (npm audit, osv-scanner, Grype, Trivy, an OSV database export) in CI.',
      'See [vulnerabilities](vulnerabilities.md#keeping-the-data-fresh).',
    ],
  },
  'under-investigation-overdue': {
    severity: 'warning',
    summary: 'A vulnerability has been under investigation longer than the configured days for its severity.',
    help: 'An `under_investigation` decision is a promise to decide. It is older than `vulnerabilities.underInvestigationDays` allows for the advisory’s severity (defaults: critical 7, high 14, medium 30, low 90 days). Decide it: not_affected with a justification, affected with an action statement, or fixed (docs/vulnerabilities.md).',
    clause: '9.2, 9.3, 9.4',
    where: 'the disposition',
    doc: [
      'An `under_investigation` decision is older than `vulnerabilities.underInvestigationDays`',
      'allows for the advisory’s severity (critical 7, high 14, medium 30, low 90 days by',
      'default). **Fix:** decide it. See [vulnerabilities](vulnerabilities.md#findings).',
    ],
  },
} as const satisfies Record<string, FindingCodeSpec>;

/** A traceability finding code (a key of the table). */
export type TraceCode = keyof typeof TABLE;

/**
 * A secure-coding rule ID: built-in rules are `js/…`, `py/…`, `c/…`; custom rule IDs from
 * seclife.json must match `^[a-z0-9-]+/[a-z0-9-]+$` (configSchema.ts), so every rule ID has a
 * slash and no trace code does.
 */
export type RuleCode = `${string}/${string}`;

/** The `code` of a finding: a trace code from the table or a rule ID. A misspelt trace code does not compile. */
export type FindingCode = TraceCode | RuleCode;

/** Every trace code, in table order. */
export const TRACE_CODES: readonly TraceCode[] = Object.freeze(Object.keys(TABLE) as TraceCode[]);

/** The table entry of a trace code (undefined for anything else, including rule IDs and `constructor`). */
export function findingCodeSpec(code: TraceCode): FindingCodeSpec;
export function findingCodeSpec(code: string): FindingCodeSpec | undefined;
export function findingCodeSpec(code: string): FindingCodeSpec | undefined {
  return isTraceCode(code) ? TABLE[code] : undefined;
}

export function isTraceCode(code: string): code is TraceCode {
  return Object.hasOwn(TABLE, code);
}

/**
 * Default severities of the trace codes. Prototype-less, so a lookup by any string (a code
 * from a finding or a `rules` key) finds only the table's codes.
 */
export const TRACE_SEVERITY: Readonly<Record<TraceCode, Severity>> & Readonly<Partial<Record<string, Severity>>> =
  Object.freeze(
    Object.assign(
      Object.create(null) as Record<TraceCode, Severity>,
      Object.fromEntries(TRACE_CODES.map((c) => [c, TABLE[c].severity])),
    ),
  );

/** The text of docs/findings.md before the code table. */
export const FINDINGS_DOC_INTRO: readonly string[] = [
  '# Findings',
  '',
  'Every check reports a **finding** with a stable `code`, a `severity` (`error`, `warning`',
  'or `note`), a message, a workspace-relative file and a 1-based range, and — where one',
  'applies — the `itemId`. The same finding is a line of text output, a JSON entry, a SARIF',
  'result and (in the editor) a diagnostic. Severities can be changed per code in',
  '`seclife.json` (`"rules": {"not-verified": "error"}`, or `"off"`), also per folder with',
  '`overrides` — see [configuration](configuration.md).',
  '',
  "Coverage gaps are reported **at the item's heading or table row**; reference problems",
  'at the reference itself (the annotation, the ID in the attribute value, the ID in the',
  'justification).',
];
