/**
 * Test results kept current for the engine, like the SOUP check: any change to a result file,
 * or to the `@verifies` annotations of a test file, marks it dirty; the next query matches
 * every result to every annotation again (matching.ts) and reports which IDs' evidence
 * changed, so only their findings are recomputed. Also the `test-results-stale` check
 * against the workspace's commit (docs/verification.md).
 */
import type { VerificationRequirement } from '../config';
import type { Finding } from '../findings';
import type { FileIndex } from '../fileIndex';
import type { Reference } from '../model';
import {
  MatchedResult,
  matchResults,
  MatchOutput,
  PreparedResults,
  prepareResults,
  RefVerification,
  refKey,
} from './matching';
import type { TestResultFile } from './model';
import type { VerificationMode, VerificationSource } from './verification';

/** What the report and the outputs list per result file. */
export interface ResultFileSummary {
  file: string;
  format: TestResultFile['format'];
  dialect?: string;
  commit?: string;
  timestamp?: string;
  durationMs?: number;
  totals: TestResultFile['totals'];
  cases: number;
  /** The file could not be read (skipped, too large) or had problems: see its notes. */
  problems: number;
  /** Whether `commit` differs from the workspace's HEAD. */
  stale: boolean;
}

/**
 * A result file's summary as every output writes it (JSON, SARIF run properties, the report):
 * keys in a fixed order, absent fields left out, the totals copied.
 */
export function resultFileRecord(f: ResultFileSummary): ResultFileSummary {
  const t = f.totals;
  return {
    file: f.file,
    format: f.format,
    ...(f.dialect ? { dialect: f.dialect } : {}),
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.timestamp ? { timestamp: f.timestamp } : {}),
    ...(f.durationMs !== undefined ? { durationMs: f.durationMs } : {}),
    totals: { passed: t.passed, failed: t.failed, errored: t.errored, skipped: t.skipped, other: t.other },
    cases: f.cases,
    problems: f.problems,
    stale: f.stale,
  };
}

const EMPTY: MatchOutput = { byRef: new Map(), byProperty: new Map(), notes: [] };

export class VerificationState implements VerificationSource {
  private changed = false;
  private output: MatchOutput = EMPTY;
  /** The result files prepared for matching; undefined after a result file changed. */
  private prepared: PreparedResults | undefined;
  /** Result file indexes (read or not): with any, verification is result-based. */
  private readonly resultIndexes = new Map<string, { results?: TestResultFile; notes: number }>();
  private signatures = new Map<string, string>();
  private stale: Finding[] = [];
  private head: string | undefined;
  private headKnown = false;
  /** Result files whose cases name files Seclife did not read (computed when the results change). */
  private unknownFileNotes: Array<{ file: string; message: string }> = [];
  /** Per test file, its bound @verifies as a string: what a re-parse must change to need a re-match. */
  private readonly bindings = new Map<string, string>();
  /** The signature of a test file being replaced (touched as removed, then as added). */
  private readonly pendingRemoval = new Map<string, string>();

  constructor(private readonly requirement: VerificationRequirement | undefined) {}

  /** Notes a file about to change (its old and its new index): dirty when it can change the evidence. */
  touch(index: FileIndex, removed: boolean): void {
    if (index.role === 'test-results') {
      if (removed) this.resultIndexes.delete(index.file);
      else this.resultIndexes.set(index.file, { results: index.results, notes: index.notes.length });
      this.prepared = undefined;
      this.changed = true;
    } else if (index.role === 'source' && index.isTest) {
      // Only a change of the file's bound @verifies (moved, renamed, added, removed) re-matches:
      // a keystroke inside a test body keeps the evidence.
      const sig = bindingSignature(index);
      const old = this.bindings.get(index.file);
      if (removed) {
        if (sig === '') return;
        this.pendingRemoval.set(index.file, sig);
        this.bindings.delete(index.file);
        return;
      }
      const before = this.pendingRemoval.get(index.file) ?? old ?? '';
      this.pendingRemoval.delete(index.file);
      if (sig === '') this.bindings.delete(index.file);
      else this.bindings.set(index.file, sig);
      if (sig !== before && this.mode() === 'results') this.changed = true;
    }
  }

  /** Whether the next query must match again: a result file or a test file's bound @verifies changed (or a test file went). */
  get dirty(): boolean {
    return this.changed || (this.pendingRemoval.size > 0 && this.mode() === 'results');
  }

  /** The workspace's commit (HEAD from `.git`, read by the host); undefined when unknown. */
  setHead(sha: string | undefined): void {
    this.head = sha?.toLowerCase();
    this.headKnown = true;
    this.changed = true;
  }

  mode(): VerificationMode {
    return this.resultIndexes.size > 0 || this.requirement === 'passed' ? 'results' : 'annotated-only';
  }

  ofRef(ref: Reference): RefVerification | undefined {
    return this.output.byRef.get(refKey(ref));
  }

  byProperty(id: string): readonly MatchedResult[] {
    return this.output.byProperty.get(id) ?? [];
  }

  resultFileCount(): number {
    return this.resultIndexes.size;
  }

  /** Ambiguous matches and disagreeing runs, and commits that cannot be compared, as notes on the result files. */
  notes(): Array<{ file: string; message: string }> {
    const out = [...this.output.notes, ...this.unknownFileNotes];
    if (this.headKnown && !this.head) {
      for (const [file, entry] of this.resultIndexes) {
        const commit = entry.results?.commit;
        if (commit)
          out.push({
            file,
            message: `test results record commit ${commit.slice(0, 12)}; the workspace's commit is unknown (no readable .git), so they are not checked for staleness`,
          });
      }
    }
    return out;
  }

  findings(): Finding[] {
    return this.stale;
  }

  findingsIn(file: string): Finding[] {
    return this.stale.filter((f) => f.file === file);
  }

  summaries(): ResultFileSummary[] {
    const out: ResultFileSummary[] = [];
    for (const [file, entry] of [...this.resultIndexes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const r = entry.results;
      out.push({
        file,
        format: r?.format ?? 'junit',
        ...(r?.dialect ? { dialect: r.dialect } : {}),
        ...(r?.commit ? { commit: r.commit } : {}),
        ...(r?.timestamp ? { timestamp: r.timestamp } : {}),
        ...(r?.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
        totals: r?.totals ?? { passed: 0, failed: 0, errored: 0, skipped: 0, other: 0 },
        cases: r?.cases.length ?? 0,
        problems: r ? r.problems.length : entry.notes,
        stale: !!r && this.isStale(r),
      });
    }
    return out;
  }

  /**
   * Matches again. `files`: every index. Returns the IDs whose evidence changed (their
   * findings are recomputed) and the result files whose own findings changed.
   */
  recompute(files: Iterable<FileIndex>): { ids: Set<string>; files: Set<string> } {
    this.changed = false;
    this.pendingRemoval.clear();
    const changedFiles = new Set<string>();
    for (const f of this.stale) changedFiles.add(f.file);
    const results: TestResultFile[] = [];
    for (const entry of this.resultIndexes.values()) if (entry.results) results.push(entry.results);
    results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const refs: Reference[] = [];
    if (this.mode() === 'results') {
      for (const f of files) {
        if (f.role !== 'source' || !f.isTest) continue;
        for (const r of f.refs) if (r.role === 'verifies') refs.push(r);
      }
    }
    const fresh = !this.prepared;
    this.prepared ??= prepareResults(results);
    if (fresh) this.unknownFileNotes = unknownFiles(results, files);
    this.output = refs.length > 0 || results.length > 0 ? matchResults(this.prepared, refs) : EMPTY;
    this.stale = [];
    for (const r of results) {
      if (!this.isStale(r)) continue;
      this.stale.push({
        code: 'test-results-stale',
        severity: 'warning',
        file: r.file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        message: `${r.file} records commit ${r.commit!.slice(0, 12)}, but the workspace is at ${this.head!.slice(0, 12)}: these results may not describe this version (run the tests again)`,
      });
    }
    for (const f of this.stale) changedFiles.add(f.file);
    // IDs whose evidence changed: compare a signature per ID with the last run's.
    const signatures = new Map<string, string>();
    const mode = this.mode();
    const sign = (id: string, part: string) => signatures.set(id, `${signatures.get(id) ?? mode}|${part}`);
    for (const ref of refs) {
      const v = this.output.byRef.get(refKey(ref));
      sign(ref.id, `${ref.file}:${ref.range.line}:${v?.status}:${v?.reason}:${v?.results.map(resultKey).join(',')}`);
    }
    for (const [id, list] of this.output.byProperty) sign(id, `p:${list.map(resultKey).join(',')}`);
    const ids = new Set<string>();
    for (const [id, s] of signatures) if (this.signatures.get(id) !== s) ids.add(id);
    for (const id of this.signatures.keys()) if (!signatures.has(id)) ids.add(id);
    this.signatures = signatures;
    return { ids, files: changedFiles };
  }

  /** Whether a result file names a commit that is not the workspace's HEAD (a prefix of 7+ hex digits counts as the same). */
  private isStale(r: TestResultFile): boolean {
    if (!r.commit || !this.headKnown || !this.head) return false;
    const c = r.commit.toLowerCase();
    return !(c.length >= 7 && this.head.startsWith(c));
  }
}

/**
 * A note per result file whose cases name source files that are not in the workspace or that
 * Seclife does not read: those results can match no annotation (matching.ts, by file).
 */
function unknownFiles(
  results: readonly TestResultFile[],
  files: Iterable<FileIndex>,
): Array<{ file: string; message: string }> {
  if (!results.some((r) => r.cases.some((c) => c.file))) return [];
  const full = new Set<string>();
  const suffixes = new Set<string>();
  for (const f of files) {
    full.add(f.file);
    for (let i = f.file.indexOf('/'); i >= 0; i = f.file.indexOf('/', i + 1)) suffixes.add(f.file.slice(i + 1));
  }
  const known = (reported: string): boolean => {
    const r = reported.replace(/\\/g, '/').replace(/^\.\//, '');
    if (full.has(r) || suffixes.has(r)) return true;
    for (let i = r.indexOf('/'); i >= 0; i = r.indexOf('/', i + 1)) if (full.has(r.slice(i + 1))) return true;
    return false;
  };
  const out: Array<{ file: string; message: string }> = [];
  for (const r of results) {
    const unknown = new Set<string>();
    let count = 0;
    for (const c of r.cases) {
      if (!c.file || known(c.file)) continue;
      count++;
      if (unknown.size < 3) unknown.add(c.file);
    }
    if (count === 0) continue;
    out.push({
      file: r.file,
      message: `${count} test result${count === 1 ? ' names a file' : 's name files'} Seclife did not read (${[...unknown].join(', ')}${count > unknown.size ? ', …' : ''}): not in the workspace, excluded, or not a test file; ${count === 1 ? 'it matches' : 'they match'} no annotation`,
    });
  }
  return out;
}

function bindingSignature(index: FileIndex): string {
  let sig = '';
  for (const r of index.refs) {
    if (r.role !== 'verifies') continue;
    const t = r.test;
    sig += `${refKey(r)}|${t ? `${t.fullName}|${t.suitePath.join('\u0001')}|${t.container}|${t.classname ?? ''}|${t.displayName ?? ''}` : '-'}\n`;
  }
  return sig;
}

function resultKey(r: MatchedResult): string {
  return `${r.resultFile}:${r.line}:${r.status}:${r.message ?? ''}`;
}
