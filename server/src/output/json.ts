import { SeclifeEngine, FileNote, KindCoverage } from '../core/engine';
import { Finding } from '../core/findings';
import { isInternalError } from '../core/internalError';
import { itemViews } from '../core/itemView';
import { Reference } from '../core/model';
import type { TestStatus } from '../core/testResults/model';
import type { ItemVerification, TestLink, VerificationMode } from '../core/testResults/verification';
import { ResultFileSummary, resultFileRecord } from '../core/testResults/verificationState';
import { VERSION } from '../version';
import {
  SoupPackagesRecord,
  soupPackagesRecord,
  VulnerabilityRecord,
  vulnerabilityRecords,
} from '../core/soup/vulnerabilityRecords';

export interface JsonLocation {
  file: string;
  line: number;
  symbol?: string;
  note?: string;
}

export interface JsonItem {
  id: string;
  kind: string;
  title: string;
  file: string;
  line: number;
  needs: string[];
  met: string[];
  /** Links this item's attributes make: `{attribute, target}` (attribute as written, e.g. `Mitigates`). */
  links: Array<{ attribute: string; target: string }>;
  implementedBy: JsonLocation[];
  verifiedBy: JsonLocation[];
  mitigatedBy: Array<JsonLocation & { item?: string }>;
  status?: string;
  /** Required attributes that are missing or not allowed (only when there are any): the item is not covered. */
  invalidAttributes?: string[];
  /** For kinds that need `verified`: the result over its linked tests (docs/ci.md, "JSON format"). */
  verification?: { status: ItemVerification['status']; counts: ItemVerification['counts'] };
  /** For kinds that need `verified`: its linked tests, each with the results matched to it. */
  tests?: JsonTest[];
  /** For SOUP kinds (`in-manifest`): the resolved versions and the indirect packages it answers for (docs/ci.md). */
  packages?: SoupPackagesRecord;
}

/** One linked test: an `@verifies` annotation (`file`, `line`), or results linked by a `verifies` property only (no `file`). */
export interface JsonTest {
  file?: string;
  line?: number;
  /** The test the annotation binds to, named as its runner names it. */
  test?: { name: string; suitePath: string[]; fullName: string };
  /** `annotated` in annotated-only mode (no result is read). */
  status: TestLink['status'];
  /** Why there is no result: `unbound` (no test to name), `ambiguous`, `no-result`. */
  reason?: NonNullable<TestLink['reason']>;
  results: JsonTestResult[];
}

export interface JsonTestResult {
  resultFile: string;
  line: number;
  /** The name as the report writes it, with its suites (`suite › test`). */
  name: string;
  status: TestStatus;
  message?: string;
  durationMs?: number;
  flaky?: boolean;
}

/** What verification is based on: `results` (test-result files) or `annotated-only` (annotations, never shown as passed). */
export interface JsonVerification {
  mode: VerificationMode;
  resultFiles: JsonResultFile[];
}

/** A result file's summary in `verification.resultFiles` (the core's record, keys in a fixed order). */
export type JsonResultFile = ResultFileSummary;

/** A rule, parser or scanner that threw on a file (its `internal-error` finding, in short). */
export interface JsonInternalError {
  /** The rule ID, or the parser / scanner (`comment-scanner`, `typescript-parser`). */
  component: string;
  file: string;
  line: number;
  column: number;
  /** The exception: `Name: message`, at most 300 characters, control characters escaped. */
  error: string;
}

export interface JsonReport {
  version: string;
  findings: Finding[];
  items: JsonItem[];
  coverage: Record<string, KindCoverage>;
  verification: JsonVerification;
  /** Every advisory affecting a resolved package, direct or indirect, with its state (docs/vulnerabilities.md). */
  vulnerabilities: VulnerabilityRecord[];
  notes: FileNote[];
  /**
   * Every rule, parser or scanner that failed, when any did (absent: none). Also an
   * `internal-error` in `findings` each — unless `rules` turned the code off.
   */
  internalErrors?: JsonInternalError[];
}

function location(ref: Reference): JsonLocation & { item?: string } {
  const out: JsonLocation & { item?: string } = { file: ref.file, line: ref.range.line };
  if (ref.symbol) out.symbol = ref.symbol;
  if (ref.note) out.note = ref.note;
  if (ref.fromItem) out.item = ref.fromItem;
  return out;
}

/** A result file's summary, keys in a fixed order. */
export const jsonResultFile: (f: ResultFileSummary) => JsonResultFile = resultFileRecord;

/** A linked test, keys in a fixed order. */
function jsonTest(link: TestLink): JsonTest {
  const t = link.test;
  return {
    ...(link.ref ? { file: link.ref.file, line: link.ref.range.line } : {}),
    ...(t ? { test: { name: t.name, suitePath: [...t.suitePath], fullName: t.fullName } } : {}),
    status: link.status,
    ...(link.reason ? { reason: link.reason } : {}),
    results: link.results.map((r) => ({
      resultFile: r.resultFile,
      line: r.line,
      name: r.name,
      status: r.status,
      ...(r.message !== undefined ? { message: r.message } : {}),
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
      ...(r.flaky ? { flaky: true } : {}),
    })),
  };
}

/** The JSON output of `seclife check --format json` (docs/ci.md, "JSON format"). Deterministic for the same input. */
export function buildJsonReport(engine: SeclifeEngine): JsonReport {
  const items: JsonItem[] = itemViews(engine).map((view) => {
    const item: JsonItem = {
      id: view.id,
      kind: view.kind,
      title: view.title,
      file: view.file,
      line: view.line,
      needs: [...view.needs],
      met: [...view.met],
      links: view.links,
      implementedBy: view.implementedBy.map(location),
      verifiedBy: view.verifiedBy.map(location),
      mitigatedBy: view.mitigatedBy.map(location),
    };
    if (view.status) item.status = view.status;
    if (view.invalidAttributes.length > 0) item.invalidAttributes = [...view.invalidAttributes];
    const v = view.verification;
    if (v) {
      const c = v.counts;
      item.verification = {
        status: v.status,
        counts: { tests: c.tests, passed: c.passed, failed: c.failed, notRun: c.notRun },
      };
      item.tests = v.tests.map(jsonTest);
    }
    if (view.needs.includes('in-manifest')) item.packages = soupPackagesRecord(engine, view.id);
    return item;
  });
  const findings = engine.findings();
  const report: JsonReport = {
    version: VERSION,
    findings,
    items,
    coverage: engine.coverage(),
    verification: { mode: engine.verificationMode(), resultFiles: engine.testResultFiles().map(jsonResultFile) },
    vulnerabilities: vulnerabilityRecords(engine),
    notes: engine.notes(),
  };
  const internalErrors = findings.filter(isInternalError).map(
    (f): JsonInternalError => ({
      component: f.failure.component,
      file: f.file,
      line: f.line,
      column: f.column,
      error: f.failure.error,
    }),
  );
  // Only when there is one: the output of a run without failures is unchanged.
  if (internalErrors.length > 0) report.internalErrors = internalErrors;
  return report;
}
