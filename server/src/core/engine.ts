import { pushAll } from './arrays';
import { SeclifeConfig } from './config';
import { LoadedConfig } from './configLoader';
import { compareFindings, Finding, Severity, TRACE_CODES } from './findings';
import { evaluateGate, FailOn, GateResult } from './gate';
import { FileFilter, FileRole } from './fileFilter';
import { emptyIndex, FileIndex } from './fileIndex';
import { internalErrorFinding, internalErrorNote } from './internalError';
import { ParseContext, parserFor } from './fileParsers';
import { IdGrammar } from './ids';
import { decodeText } from './text';
import { SecureCodingHost } from './rules/secureCoding';
import { SoupState } from './soup/soupState';
import { Dependency } from './soup/dependency';
import { SoupDependencyStatus, SoupItemStatus } from './soup/soupStatus';
import type { AdvisoryHit, CheckedPackage } from './soup/soupCheck';
import { compileCustomRules, PatternRunner, unboundedPatternRunner } from './rules/customRules';
import { CONFIG_FILE } from './configLoader';
import { isCovered, ItemState, TraceGraph } from './traceGraph';
import { byId } from './itemView';
import { isBuiltinRule } from './rules/registry';
import { BASELINE_FILE, ReviewBaseline, ReviewSubject, suspectFindings } from './review/baseline';
import { unusableBaseline } from './review/baselineFile';
import { ResultFileSummary, VerificationState } from './testResults/verificationState';
import type { VerificationMode } from './testResults/verification';

const MAX_BASELINE_SIZE = 64 * 1024 * 1024;

/** An index with no content: only `findings` and `notes` about the file. */
function blankIndex(path: string, role: FileRole, about: { findings?: Finding[]; notes?: string[] }): FileIndex {
  const index = emptyIndex(path, role.role, role.role === 'source' && role.isTest);
  if (about.findings) index.findings = about.findings;
  if (about.notes) index.notes = about.notes;
  return index;
}

export interface KindCoverage {
  total: number;
  covered: number;
}

export interface FileNote {
  file: string;
  message: string;
}

/**
 * The engine: parsed files, the trace graph, and findings. Files come in as
 * contents (from a Workspace, an editor buffer or a test); updating one file
 * re-parses only that file and recomputes only the IDs it defines or names.
 */
export class SeclifeEngine {
  readonly config: SeclifeConfig;
  readonly grammar: IdGrammar;
  readonly filter: FileFilter;
  /** `seclife.json` exactly as read (undefined when the workspace has none). */
  readonly configText: string | undefined;
  private readonly configFindings: Finding[];
  private readonly files = new Map<string, FileIndex>();
  private readonly graph: TraceGraph;
  private readonly extraNotes: FileNote[] = [];
  /** IDs touched by deferred `apply` calls, recomputed by the next query or `flush`. */
  private readonly pending = new Set<string>();

  private readonly rules: SecureCodingHost;
  private readonly parseContext: ParseContext;
  private readonly soup: SoupState;
  private readonly verification: VerificationState;
  private readonly disabledCustomRules = new Set<string>();

  /** `patternRunner`: the host's bounded regex runner for custom rules (the CLI and server pass one). */
  constructor(loaded: LoadedConfig, options: { patternRunner?: PatternRunner } = {}) {
    this.config = loaded.config;
    this.configText = loaded.text;
    this.configFindings = [...loaded.findings];
    this.grammar = new IdGrammar(Object.keys(this.config.kinds));
    this.filter = new FileFilter(this.config);
    this.soup = new SoupState(this.config, loaded.text);
    this.verification = new VerificationState(this.config.gate.verification);
    this.graph = new TraceGraph(
      this.config,
      this.grammar,
      (id) => this.filter.severity(id, '') !== 'off' && this.isKnownRule(id),
      (id) => this.soup.covers(id),
      (def, refs) => suspectFindings(def, refs, this.baseline()),
      this.verification,
    );
    this.rules = {
      severity: (id, file) => this.filter.severity(id, file),
      customRules: compileCustomRules(this.config.customRules),
      patternRunner: options.patternRunner ?? unboundedPatternRunner,
      isCustomRuleDisabled: (id) => this.disabledCustomRules.has(id),
      onCustomRuleTimeout: (id, file) => {
        if (this.disabledCustomRules.has(id)) return;
        this.disabledCustomRules.add(id);
        const at = loaded.customRuleLocations?.[id] ?? { line: 1, column: 1, endLine: 1, endColumn: 2 };
        this.configFindings.push({
          code: 'config-error',
          severity: 'error',
          file: CONFIG_FILE,
          ...at,
          message: `custom rule '${id}' took longer than its time budget on ${file} (catastrophic backtracking?); the rule is disabled`,
        });
      },
    };
    this.parseContext = { grammar: this.grammar, kinds: this.config.kinds, rules: this.rules };
  }

  /** Whether a rule ID is a built-in or configured custom rule. */
  isKnownRule(id: string): boolean {
    return isBuiltinRule(id) || this.config.customRules.some((r) => r.id === id);
  }

  /** Whether Seclife reads this path at all. */
  accepts(path: string): boolean {
    return this.filter.classify(path) !== undefined;
  }

  /** Parses one file without touching the graph (pure; safe to run ahead of `apply`). */
  parse(path: string, content: Uint8Array | string): FileIndex | undefined {
    const role = this.filter.classify(path);
    if (!role) return undefined;
    try {
      return this.parseAs(path, content, role);
    } catch (e) {
      return this.failedIndex(path, role, e);
    }
  }

  /**
   * A file whose parsing or checking threw outside every per-rule guard (a bug, or input no
   * parser expected): an `internal-error` at its first line and a note, never a silent skip.
   * Its items and annotations are missing, so coverage could be overstated: unlike a single
   * rule's failure (a warning, the other results stand) it is an error unless seclife.json
   * sets a severity for `internal-error` (docs/findings.md, internal-error).
   */
  private failedIndex(path: string, role: FileRole, e: unknown): FileIndex {
    const f = internalErrorFinding(`${role.role}-parser`, path, e, undefined, {
      missing: 'its items, annotations and findings are missing (internal error)',
    });
    const index = blankIndex(path, role, { findings: [f], notes: [internalErrorNote(f)] });
    this.applySeverity(index.findings);
    if (!configuresSeverity(this.config, f.code)) for (const g of index.findings) g.severity = 'error';
    return index;
  }

  private parseAs(path: string, content: Uint8Array | string, role: FileRole): FileIndex | undefined {
    const parser = parserFor(role);
    if (parser.pathOnly) {
      const index = parser.parse(path, '', role, this.parseContext);
      this.applySeverity(index.findings);
      return index;
    }
    const size = typeof content === 'string' ? utf8Length(content, this.config.maxFileSize) : content.byteLength;
    if (size > this.sizeLimit(path)) return this.tooLarge(path, size);
    if (parser.parseBytes && typeof content !== 'string') {
      const index = parser.parseBytes(path, content, role, this.parseContext);
      if (index) {
        this.applySeverity(index.findings);
        return index;
      }
    }
    const decoded = decodeText(content);
    if (decoded.skipped) return this.emptyIndex(path, `skipped: ${decoded.skipped}`);
    const index = parser.parse(path, decoded.text, role, this.parseContext);
    if (parser.asParsed) return index;
    if (decoded.note) index.notes.push(decoded.note);
    parser.check?.(index, decoded.text, role, this.parseContext);
    this.applySeverity(index.findings);
    return index;
  }

  /**
   * The largest file `parse` accepts at `path`. The review baseline grows with the links
   * (about 70 bytes each) and has its own, larger limit. The baseline is one fixed path
   * (FileFilter.classify), so no glob is matched here: callers ask before every read.
   */
  sizeLimit(path: string): number {
    return path === BASELINE_FILE ? MAX_BASELINE_SIZE : this.config.maxFileSize;
  }

  /**
   * The index of a file that cannot be read (`reason`, e.g. a FIFO): for the review
   * baseline a `config-error`; other files have none (the caller adds a note).
   */
  unreadable(path: string, reason: string): FileIndex | undefined {
    return path === BASELINE_FILE ? unusableBaseline(path, `cannot be read (${reason})`) : undefined;
  }

  /** The index of a file that is too large to read: no content, one note (for the baseline a `config-error`). */
  tooLarge(path: string, size: number): FileIndex | undefined {
    const role = this.filter.classify(path);
    // A path-only role (an unread dependency file) says what it is whatever its size.
    if (role && parserFor(role).pathOnly) return this.parseAs(path, '', role);
    if (path === BASELINE_FILE) {
      return unusableBaseline(
        path,
        `is ${formatBytes(size)}, larger than the review baseline's limit (${formatBytes(MAX_BASELINE_SIZE)})`,
      );
    }
    return this.emptyIndex(
      path,
      `skipped: ${formatBytes(size)} is larger than maxFileSize (${formatBytes(this.config.maxFileSize)})`,
    );
  }

  private emptyIndex(path: string, note: string): FileIndex | undefined {
    const role = this.filter.classify(path);
    return role && blankIndex(path, role, { notes: [note] });
  }

  /** Sets the content of files (new or changed); returns the files whose findings changed. */
  update(changes: Array<{ path: string; content: Uint8Array | string }>): Set<string> {
    const parsed: FileIndex[] = [];
    const removed: string[] = [];
    for (const { path, content } of changes) {
      const index = this.parse(path, content);
      if (index) parsed.push(index);
      else if (this.files.has(path)) removed.push(path);
    }
    return this.apply(parsed, removed);
  }

  updateFile(path: string, content: Uint8Array | string): Set<string> {
    return this.update([{ path, content }]);
  }

  removeFile(path: string): Set<string> {
    return this.apply([], [path]);
  }

  /**
   * Puts parsed files into the graph and recomputes what they touch, once per batch.
   * With `defer`, the recomputation waits for the next query or {@link flush} (bulk
   * indexing adds thousands of files and computes the graph once).
   */
  apply(parsed: FileIndex[], removed: string[] = [], defer = false): Set<string> {
    const affected = this.pending;
    const changedFiles = new Set<string>();
    for (const path of removed) {
      const old = this.files.get(path);
      if (!old) continue;
      if (old.role === 'baseline') this.baselineChanged(old, undefined);
      this.soup.touch(old);
      this.verification.touch(old, true);
      this.graph.remove(old, affected);
      this.files.delete(path);
      changedFiles.add(path);
    }
    for (const index of parsed) {
      const old = this.files.get(index.file);
      if (index.role === 'baseline') this.baselineChanged(old, index);
      if (old) {
        this.soup.touch(old);
        this.verification.touch(old, true);
        this.graph.remove(old, affected);
      }
      this.soup.touch(index);
      this.verification.touch(index, false);
      this.graph.add(index, affected);
      this.files.set(index.file, index);
      changedFiles.add(index.file);
    }
    if (defer) return changedFiles;
    for (const file of this.flush()) changedFiles.add(file);
    return changedFiles;
  }

  /** A new (or no) review baseline: every ID it or the old one names is recomputed (its suspect links). */
  private baselineChanged(old: FileIndex | undefined, index: FileIndex | undefined): void {
    for (const f of [old, index]) {
      if (f?.role !== 'baseline') continue;
      for (const id of f.baseline?.items.keys() ?? []) this.pending.add(id);
    }
  }

  /** The valid review baseline, if any. */
  private baseline(): ReviewBaseline | undefined {
    const index = this.files.get(BASELINE_FILE);
    return index?.role === 'baseline' ? index.baseline : undefined;
  }

  /** The review baseline (`.seclife/baseline.json`) and where its text ends, when the workspace has a valid one. */
  reviewBaseline(): { baseline: ReviewBaseline; end: { line: number; column: number } } | undefined {
    const index = this.files.get(BASELINE_FILE);
    return index?.role === 'baseline' && index.baseline && index.end
      ? { baseline: index.baseline, end: index.end }
      : undefined;
  }

  /** The current items and links as a review baseline records them (all items, or only `ids`). */
  reviewSubject(ids?: readonly string[]): ReviewSubject {
    this.flush();
    const defs = ids
      ? ids.map((id) => this.graph.definitions(id)[0]).filter((d) => d !== undefined)
      : this.items().map((s) => s.def);
    return { items: defs, referencesTo: (id) => this.graph.referencesTo(id) };
  }

  /** Recomputes deferred IDs; returns the files whose findings changed. */
  flush(): Set<string> {
    const files = new Set<string>();
    if (this.soup.dirty) {
      // SOUP matches changed: their findings' files change, and the matched items' coverage.
      const result = this.soup.recompute(this.files.values(), this.graph);
      for (const f of result.files) files.add(f);
      for (const id of result.items) this.pending.add(id);
    }
    if (this.verification.dirty) {
      // Results or @verifies changed: the IDs whose evidence changed, and the result files' own findings.
      const result = this.verification.recompute(this.files.values());
      for (const f of result.files) files.add(f);
      for (const id of result.ids) this.pending.add(id);
    }
    if (this.pending.size === 0) return files;
    for (const f of this.graph.recompute(this.pending)) files.add(f);
    this.pending.clear();
    return files;
  }

  /** Manifest dependencies a SOUP item covers. */
  soupDependencies(id: string): readonly Dependency[] {
    this.flush();
    return this.soup.dependenciesOf(id);
  }

  /**
   * What the SOUP check concluded about a manifest dependency (one of a manifest index's
   * `dependencies`): the version it resolved, the item covering it or why none is needed,
   * the item's version check and the advisories affecting it with their dispositions.
   */
  soupDependencyStatus(dependency: Dependency): SoupDependencyStatus {
    this.flush();
    return this.soup.status.dependency(dependency);
  }

  /**
   * Every advisory affecting a resolved package, direct or indirect, once per SOUP item (or
   * per orphan package), with the item's disposition when it has one (docs/vulnerabilities.md).
   */
  vulnerabilityHits(): readonly AdvisoryHit[] {
    this.flush();
    return this.soup.hits();
  }

  /** The indirect packages a SOUP item answers for (under its dependency, or its own), with their advisories. */
  soupIndirectPackages(id: string): readonly CheckedPackage[] {
    this.flush();
    return this.soup.indirectOf(id);
  }

  /** Indirect packages no SOUP item answers for (reported at their lockfile entries when an advisory affects them). */
  soupOrphanPackages(): readonly CheckedPackage[] {
    this.flush();
    return this.soup.orphans();
  }

  /** A SOUP item's matched dependencies, each with its status; undefined for an ID that is no SOUP item. */
  soupItemStatus(id: string): SoupItemStatus | undefined {
    this.flush();
    return this.soup.status.item(id);
  }

  /**
   * The workspace's commit (HEAD, read from `.git` by the host; undefined when there is none):
   * result files that name another commit are `test-results-stale`.
   */
  setHeadCommit(sha: string | undefined): void {
    this.verification.setHead(sha);
  }

  /**
   * The time vulnerability decisions and advisory data are judged at (`advisory-data-stale`,
   * `under-investigation-overdue`; docs/vulnerabilities.md). The core never reads the clock:
   * hosts pass it; without one, no finding depends on the date.
   */
  setClock(now: Date | undefined): void {
    this.soup.setClock(now);
  }

  /** The time the host set with {@link setClock}, if any (a decision written now is dated with it). */
  clock(): Date | undefined {
    return this.soup.clock();
  }

  /** Whether verification is result-based (test results read, or required by the gate) or annotated only. */
  verificationMode(): VerificationMode {
    return this.verification.mode();
  }

  /** The test-result files read, with their totals (for the report and the outputs). */
  testResultFiles(): ResultFileSummary[] {
    this.flush();
    return this.verification.summaries();
  }

  /** Notes that are not about one parsed file (e.g. folders the walker could not read). */
  addNotes(notes: FileNote[]): void {
    pushAll(this.extraNotes, notes);
  }

  fileIndex(path: string): FileIndex | undefined {
    return this.files.get(path);
  }

  filePaths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Every finding, severity applied, `off` ones dropped, sorted by file and position. */
  findings(): Finding[] {
    this.flush();
    const out: Finding[] = [...this.configFindings];
    for (const index of this.files.values()) pushAll(out, index.findings);
    for (const list of this.graph.allFindings()) pushAll(out, this.withSeverity(list));
    pushAll(out, this.withSeverity(this.soup.allFindings()));
    pushAll(out, this.withSeverity(this.verification.findings()));
    return out.sort(compareFindings);
  }

  /** Findings located in one file (for an editor's diagnostics). */
  findingsFor(path: string): Finding[] {
    this.flush();
    const out = this.configFindings.filter((f) => f.file === path);
    pushAll(out, this.files.get(path)?.findings ?? []);
    pushAll(out, this.withSeverity(this.graph.findingsIn(path)));
    pushAll(out, this.withSeverity(this.soup.findingsIn(path)));
    pushAll(out, this.withSeverity(this.verification.findingsIn(path)));
    return out.sort(compareFindings);
  }

  notes(): FileNote[] {
    this.flush();
    const out = [...this.extraNotes, ...this.verification.notes(), ...this.soup.notes];
    for (const index of this.files.values()) for (const message of index.notes) out.push({ file: index.file, message });
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  item(id: string): ItemState | undefined {
    this.flush();
    return this.graph.state(id);
  }

  /** Every defined item, sorted by kind (configured order) and ID. */
  items(): ItemState[] {
    this.flush();
    const order = Object.keys(this.config.kinds);
    return [...this.graph.allStates()].sort(
      (a, b) => order.indexOf(a.def.kind) - order.indexOf(b.def.kind) || byId(a.def.id, b.def.id),
    );
  }

  /** Covered items per kind ({@link isCovered}; every configured kind is present, even with no items). */
  coverage(): Record<string, KindCoverage> {
    this.flush();
    const out: Record<string, KindCoverage> = {};
    for (const prefix of Object.keys(this.config.kinds)) out[prefix] = { total: 0, covered: 0 };
    for (const state of this.graph.allStates()) {
      const c = out[state.def.kind];
      if (!c) continue;
      c.total++;
      if (isCovered(state)) c.covered++;
    }
    return out;
  }

  /**
   * The release gate over the current findings (pass `findings()` when the caller has it)
   * and coverage; `failOn` from the command line replaces `gate.failOn`.
   */
  gate(failOn?: FailOn, findings: readonly Finding[] = this.findings()): GateResult {
    return evaluateGate({
      config: this.config,
      configured: this.config.gateConfigured,
      findings,
      coverage: this.coverage(),
      verification: {
        required: this.config.gate.verification === 'passed',
        resultFiles: this.verification.resultFileCount(),
      },
      failOn,
      isKnownCode: (code) => (TRACE_CODES as readonly string[]).includes(code) || this.isKnownRule(code),
    });
  }

  /** Definitions and references (always current, even while recomputation is deferred). */
  get graphView(): TraceGraph {
    return this.graph;
  }

  private applySeverity(findings: Finding[]): void {
    const kept = this.withSeverity(findings);
    findings.length = 0;
    pushAll(findings, kept);
  }

  private withSeverity(findings: Finding[]): Finding[] {
    const out: Finding[] = [];
    for (const f of findings) {
      const s = this.filter.severity(f.code, f.file);
      if (s === 'off') continue;
      out.push(s === f.severity ? f : { ...f, severity: s as Severity });
    }
    return out;
  }
}

/** Whether seclife.json sets a severity for `code` (in `rules` or in any override). */
function configuresSeverity(config: SeclifeConfig, code: string): boolean {
  return Object.hasOwn(config.rules, code) || config.overrides.some((o) => Object.hasOwn(o.rules, code));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** UTF-8 byte length of a string, computed only when it could exceed `limit`. */
function utf8Length(s: string, limit: number): number {
  if (s.length * 3 <= limit) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}
