import { Severity, SeverityOrOff } from './findings';
import { TRACE_SEVERITY } from './findingCodes';
import { normalizeKey } from './ids';

/**
 * What an item of a kind needs to count as covered (docs/formats.md, Needs and coverage):
 * - `implemented`: ≥1 `@implements`/`@interface` in a source file that is not a test;
 * - `verified`: ≥1 `@verifies` in a test file;
 * - `mitigated`: a link that satisfies it (an RC's `Mitigates:`), a `@mitigates`
 *   annotation, or Status accepted/transferred with a `Rationale`;
 * - `links:<Attribute>`: ≥1 valid link (defined target of an allowed kind) in that attribute;
 * - `enforced`: the `Rule` attribute names ≥1 secure-coding rule, every one known and enabled;
 * - `in-manifest`: a SOUP item matches a dependency of a manifest or SBOM (met when there is no manifest).
 */
export type Need = 'implemented' | 'verified' | 'mitigated' | 'enforced' | 'in-manifest' | `links:${string}`;

export interface LinkSpec {
  /** Kind prefixes this attribute may point at. */
  targets: string[];
  /** A need of the target that this link meets (e.g. `Mitigates` meets the threat's `mitigated`). */
  satisfies?: Need;
}

export interface KindConfig {
  prefix: string;
  title: string;
  needs: Need[];
  /** Attribute names (normalized) that must be present. */
  required: string[];
  /** Allowed values per attribute (normalized name → lower-case values). */
  allowed: Record<string, string[]>;
  /** Link attributes (normalized name → spec). */
  links: Record<string, LinkSpec>;
  /** Whether `@interface` may name items of this kind. */
  interface: boolean;
}

export interface Override {
  files: string[];
  rules: Record<string, SeverityOrOff>;
}

export interface CustomRule {
  id: string;
  message: string;
  pattern: string;
  languages?: string[];
  files?: string[];
  severity?: Severity;
  cwe?: string | number;
}

export interface GateConfig {
  failOn?: Severity | 'never';
  /** Minimum coverage per kind (percent). */
  coverage?: Record<string, number>;
  /**
   * `gate.coverage.verification` as written (taken out of the kind map by resolveConfig):
   * `passed` makes verification need a passing test result even when no result file is read
   * (docs/verification.md, The release gate).
   */
  verification?: VerificationRequirement;
  maxFindings?: Record<string, number>;
}

/** `passed`: only a passing test result verifies; `annotated` (the default): results when there are any, else the annotation. */
export type VerificationRequirement = 'passed' | 'annotated';

export interface SeclifeConfig {
  documents: string[];
  /** `undefined`: every file whose language has a known comment syntax. */
  sources: string[] | undefined;
  tests: string[];
  exclude: string[];
  kinds: Record<string, KindConfig>;
  rules: Record<string, SeverityOrOff>;
  overrides: Override[];
  customRules: CustomRule[];
  manifests: string[] | undefined;
  /** Advisory files (`npm audit --json` output, OSV records) checked against SOUP items. */
  advisories: string[];
  /** Test-result files (JUnit XML, TAP, CTRF); `undefined`: {@link DEFAULT_TEST_RESULTS}. */
  testResults: string[] | undefined;
  /** Whether npm devDependencies need SOUP items too. */
  devDependencies: boolean;
  /** The SOUP check's handling of the dependency graph (docs/soup.md, The whole dependency graph). */
  soup: SoupConfig;
  /** VEX documents (OpenVEX, CycloneDX VEX, CSAF VEX); `undefined`: {@link DEFAULT_VEX} (docs/vulnerabilities.md). */
  vex: string[] | undefined;
  /** Ages at which advisory data and open investigations are reported (docs/vulnerabilities.md). */
  vulnerabilities: VulnerabilitiesConfig;
  gate: GateConfig;
  /** Whether `seclife.json` sets `gate` (otherwise the gate is the default `failOn: error`). */
  gateConfigured: boolean;
  /** Files larger than this (bytes) are skipped with a note. */
  maxFileSize: number;
  /** Read files whose symbolic link resolves outside the workspace (default false: skipped with a note). */
  followExternalSymlinks: boolean;
}

export interface SoupConfig {
  /**
   * `ignore` (default): indirect packages need no SOUP item of their own (their advisories are
   * still checked, under the direct dependency that brings them in); `require`: every resolved
   * package needs one.
   */
  transitive: 'ignore' | 'require';
}

export interface VulnerabilitiesConfig {
  /** `advisory-data-stale` when the newest advisory file is older than this many days (0: never). */
  maxAdvisoryAgeDays: number;
  /**
   * `under-investigation-overdue` after this many days in `under_investigation`, by the
   * advisory's severity (`critical`, `high`, `medium`, `low`, and `default` for the rest).
   */
  underInvestigationDays: Record<string, number>;
}

export const DEFAULT_VULNERABILITIES: VulnerabilitiesConfig = {
  maxAdvisoryAgeDays: 30,
  underInvestigationDays: { critical: 7, high: 14, medium: 30, low: 90, default: 30 },
};

/** VEX documents found without `vex` configured (docs/vulnerabilities.md, Where VEX comes from). */
export const DEFAULT_VEX = [
  '**/*.openvex.json',
  '**/*.vex.json',
  '**/*.vex.cdx.json',
  '**/vex/**/*.json',
  '**/csaf/**/*.json',
];

export const DEFAULT_DOCUMENTS = ['docs/**/*.md', 'security/**/*.md'];
export const DEFAULT_TESTS = [
  'test/**',
  'tests/**',
  '**/__tests__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.go',
];
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/out/**',
  '**/build/**',
  '**/coverage/**',
];
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
/** Where test results are found when `testResults` is not set (docs/verification.md, Where results are read). */
export const DEFAULT_TEST_RESULTS = [
  '**/test-results/**/*.xml',
  '**/test-results/**/*.json',
  '**/test-results/**/*.tap',
  '**/junit*.xml',
  '**/TEST-*.xml',
  '**/*.junit.xml',
  '**/ctrf*.json',
  '**/*.tap',
];

export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information disclosure',
  'denial of service',
  'elevation of privilege',
];

/** Raw kind settings as written in `seclife.json` (arrays may be given as shorthand). */
export interface KindInput {
  title?: string;
  needs?: Need[];
  required?: string[];
  allowed?: Record<string, string[]>;
  links?: Record<string, string[] | LinkSpec>;
  interface?: boolean;
}

export const DEFAULT_KINDS: Record<string, KindInput> = {
  SR: {
    title: 'Security requirement',
    needs: ['implemented', 'verified'],
    links: { 'Derived-from': ['TH', 'SR'] },
  },
  TH: {
    title: 'Threat',
    needs: ['mitigated'],
    allowed: {
      Category: STRIDE,
      Severity: ['low', 'medium', 'high', 'critical'],
      Status: ['open', 'mitigated', 'accepted', 'transferred'],
    },
  },
  RC: {
    title: 'Risk control',
    needs: ['links:Mitigates', 'implemented', 'verified'],
    required: ['Mitigates'],
    links: { Mitigates: { targets: ['TH'], satisfies: 'mitigated' }, 'Derived-from': ['SR', 'TH'] },
  },
  IF: {
    title: 'Interface',
    needs: ['implemented', 'verified'],
    required: ['Exposure', 'Assets'],
    allowed: { Exposure: ['external', 'internal'] },
    interface: true,
  },
  SOUP: {
    title: 'Third-party item',
    needs: ['in-manifest'],
    required: ['Version', 'Supplier', 'Class'],
    allowed: { Class: ['maintained', 'supported', 'required'] },
    links: { Requires: ['SR'] },
  },
  CS: {
    title: 'Coding-standard rule',
    needs: ['enforced'],
    required: ['Rule'],
  },
};

/** Default severities of the traceability codes (the table in findingCodes.ts); `rules` in `seclife.json` may change them. */
export { TRACE_SEVERITY };

function resolveKind(prefix: string, input: KindInput, base?: KindConfig): KindConfig {
  // Prototype-less: they are looked up by attribute names from documents, and an attribute
  // named `constructor` found Object.prototype.constructor (a fuzz fixture in test/fixtures/fuzz).
  const links: Record<string, LinkSpec> = Object.assign(Object.create(null) as Record<string, LinkSpec>, base?.links);
  for (const [name, spec] of Object.entries(input.links ?? {})) {
    links[normalizeKey(name)] = Array.isArray(spec) ? { targets: spec } : { ...spec, targets: spec.targets };
  }
  const allowed: Record<string, string[]> = Object.assign(
    Object.create(null) as Record<string, string[]>,
    base?.allowed,
  );
  for (const [name, values] of Object.entries(input.allowed ?? {})) {
    allowed[normalizeKey(name)] = values.map((v) => v.toLowerCase());
  }
  const needs = (input.needs ?? base?.needs ?? []).map((n) =>
    n.startsWith('links:') ? (`links:${normalizeKey(n.slice(6))}` as Need) : n,
  );
  return {
    prefix,
    title: input.title ?? base?.title ?? prefix,
    needs,
    required: input.required ? input.required.map(normalizeKey) : (base?.required ?? []),
    allowed,
    links,
    interface: input.interface ?? base?.interface ?? false,
  };
}

/** `gate` as written: `coverage` may hold `verification` next to the kinds. */
export interface GateInput extends Omit<GateConfig, 'coverage' | 'verification'> {
  coverage?: Record<string, number | VerificationRequirement>;
}

/** The resolved gate: `coverage.verification` moved to `verification`, the kinds' minimums kept. */
function resolveGate(input: GateInput = {}): GateConfig {
  const { coverage, ...rest } = input;
  if (!coverage) return rest;
  const kinds: Record<string, number> = {};
  let verification: VerificationRequirement | undefined;
  for (const [key, value] of Object.entries(coverage)) {
    if (key === 'verification') verification = value === 'passed' ? 'passed' : 'annotated';
    else if (typeof value === 'number') kinds[key] = value;
  }
  return { ...rest, coverage: kinds, ...(verification ? { verification } : {}) };
}

/** The file as the user wrote it, after schema validation. */
export interface ConfigInput {
  documents?: string[];
  sources?: string[];
  tests?: string[];
  exclude?: string[];
  kinds?: Record<string, KindInput>;
  rules?: Record<string, SeverityOrOff>;
  overrides?: Override[];
  customRules?: CustomRule[];
  manifests?: string[];
  advisories?: string[];
  testResults?: string[];
  devDependencies?: boolean;
  soup?: Partial<SoupConfig>;
  vex?: string[];
  vulnerabilities?: { maxAdvisoryAgeDays?: number; underInvestigationDays?: Record<string, number> };
  gate?: GateInput;
  maxFileSize?: number;
  followExternalSymlinks?: boolean;
}

/** Applies defaults. `exclude` adds to the default exclusions; every other key replaces its default. */
export function resolveConfig(input: ConfigInput = {}): SeclifeConfig {
  const kinds: Record<string, KindConfig> = {};
  for (const [prefix, kind] of Object.entries(DEFAULT_KINDS)) kinds[prefix] = resolveKind(prefix, kind);
  for (const [prefix, kind] of Object.entries(input.kinds ?? {}))
    kinds[prefix] = resolveKind(prefix, kind, kinds[prefix]);
  return {
    documents: input.documents ?? DEFAULT_DOCUMENTS,
    sources: input.sources,
    tests: input.tests ?? DEFAULT_TESTS,
    exclude: [...DEFAULT_EXCLUDE, ...(input.exclude ?? [])],
    kinds,
    rules: input.rules ?? {},
    overrides: input.overrides ?? [],
    customRules: input.customRules ?? [],
    manifests: input.manifests,
    advisories: input.advisories ?? [],
    testResults: input.testResults,
    devDependencies: input.devDependencies ?? false,
    soup: { transitive: input.soup?.transitive ?? 'ignore' },
    vex: input.vex,
    vulnerabilities: {
      maxAdvisoryAgeDays: input.vulnerabilities?.maxAdvisoryAgeDays ?? DEFAULT_VULNERABILITIES.maxAdvisoryAgeDays,
      underInvestigationDays: {
        ...DEFAULT_VULNERABILITIES.underInvestigationDays,
        ...(input.vulnerabilities?.underInvestigationDays ?? {}),
      },
    },
    gate: resolveGate(input.gate),
    gateConfigured: input.gate !== undefined,
    maxFileSize: input.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    followExternalSymlinks: input.followExternalSymlinks ?? false,
  };
}

/** Severity of a code after `rules`: the configured one, else the code's or rule's default. */
export function severityOf(
  config: SeclifeConfig,
  code: string,
  ruleDefault?: (code: string) => Severity | undefined,
): SeverityOrOff {
  return (
    config.rules[code] ??
    TRACE_SEVERITY[code] ??
    ruleDefault?.(code) ??
    config.customRules.find((r) => r.id === code)?.severity ??
    'warning'
  );
}
