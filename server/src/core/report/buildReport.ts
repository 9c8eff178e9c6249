/** Builds the release-evidence report (issue 7) from the engine: pure, deterministic, sorted. */
import { formatPercent, FailOn } from '../gate';
import { SeclifeEngine } from '../engine';
import { Finding } from '../findings';
import { attributeValue, byId, byPlace, ItemView, itemViews } from '../itemView';
import { Reference } from '../model';
import { builtinRule } from '../rules/registry';
import { parseDispositions } from '../soup/dispositions';
import { soupPackagesRecord, vulnerabilityRecords } from '../soup/vulnerabilityRecords';
import { resultFileRecord } from '../testResults/verificationState';
import {
  ReportCoverage,
  ReportFinding,
  ReportItem,
  ReportLocation,
  ReportModel,
  ReportResultFile,
  ReportRule,
  ReportSoupItem,
  ReportSuppression,
  ReportSuspectLink,
  ReportThreat,
  ReportVerification,
} from './reportModel';

export interface ReportContext {
  tool: { name: string; version: string };
  project: string;
  commit?: { sha: string; ref?: string };
  date?: string;
  failOn?: FailOn;
  /**
   * SHA-256 (hex) of each test-result file's bytes, by workspace path: the core does not
   * read files, so the host hashes them (docs/release.md, "The report").
   */
  resultFileHashes?: ReadonlyMap<string, string>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const distinct = (xs: string[]) => [...new Set(xs)].sort(byId);

function location(ref: Reference): ReportLocation {
  const out: ReportLocation = { file: ref.file, line: ref.range.line };
  if (ref.symbol) out.symbol = ref.symbol;
  return out;
}

function attribute(view: ItemView, name: string): string | undefined {
  return attributeValue(view.def, name);
}

function reportFinding(f: Finding): ReportFinding {
  const out: ReportFinding = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
  };
  if (f.itemId) out.itemId = f.itemId;
  if (f.suppression) out.suppression = f.suppression.justification;
  return out;
}

function matrixRow(view: ItemView): ReportItem {
  const row: ReportItem = {
    id: view.id,
    kind: view.kind,
    title: view.title,
    file: view.file,
    line: view.line,
    up: view.up,
    down: view.down,
    code: view.code.map(location),
    tests: view.tests.map(location),
    needs: [...view.needs],
    unmet: view.unmet,
    suspect: view.suspects.length,
  };
  if (view.status) row.status = view.status;
  const v = view.verification;
  if (v) {
    const c = v.counts;
    row.verification = {
      status: v.status,
      counts: { tests: c.tests, passed: c.passed, failed: c.failed, notRun: c.notRun },
    };
  }
  return row;
}

/** The result files and the items' results, for the report's verification section. */
function verification(engine: SeclifeEngine, items: ReportItem[], context: ReportContext): ReportVerification {
  const resultFiles = engine.testResultFiles().map((f): ReportResultFile => {
    const sha256 = context.resultFileHashes?.get(f.file);
    // The SHA-256 right after the file name (the report's column order).
    const { file, ...rest } = resultFileRecord(f);
    return { file, ...(sha256 ? { sha256 } : {}), ...rest };
  });
  const counted = { passed: 0, failed: 0, notRun: 0, annotated: 0, none: 0 };
  for (const i of items) {
    const s = i.verification?.status;
    if (s === 'not-run') counted.notRun++;
    else if (s) counted[s]++;
  }
  return { mode: engine.verificationMode(), resultFiles, items: counted };
}

function threat(view: ItemView): ReportThreat {
  const t: ReportThreat = {
    id: view.id,
    title: view.title,
    file: view.file,
    line: view.line,
    controls: distinct(view.state.mitigations.map((r) => r.fromItem ?? `@mitigates ${r.file}:${r.range.line}`)),
    mitigated: view.isMet('mitigated'),
  };
  const [category, severity] = ['category', 'severity'].map((n) => attribute(view, n));
  if (category) t.category = category;
  if (severity) t.severity = severity;
  if (view.status) t.status = view.status;
  return t;
}

function ruleTitle(engine: SeclifeEngine, id: string): { cwe?: string; title?: string } {
  const builtin = builtinRule(id);
  if (builtin) return { cwe: builtin.cwe.length ? `CWE-${builtin.cwe[0]}` : undefined, title: builtin.title };
  const custom = engine.config.customRules.find((r) => r.id === id);
  if (!custom) return {};
  const cwe = custom.cwe === undefined ? undefined : `CWE-${String(custom.cwe).replace(/^CWE-/i, '')}`;
  return { cwe, title: custom.message };
}

function soupItem(engine: SeclifeEngine, view: ItemView, findings: Finding[]): ReportSoupItem {
  const vulnerabilities = parseDispositions(attribute(view, 'vulnerabilities') ?? '').dispositions.map((d) => {
    const v: ReportSoupItem['vulnerabilities'][number] = { id: d.id, disposition: d.status };
    if (d.justification) v.note = d.justification;
    return v;
  });
  for (const f of findings) {
    if (f.code !== 'vulnerability-undispositioned' || f.itemId !== view.id) continue;
    const id = /^[^:]+: (\S+)/.exec(f.message)?.[1];
    if (id && !vulnerabilities.some((v) => v.id === id)) vulnerabilities.push({ id, disposition: 'undispositioned' });
  }
  const item: ReportSoupItem = {
    id: view.id,
    title: view.title,
    dependencies: distinct(
      engine
        .soupDependencies(view.id)
        .map((d) => `${d.name}${d.version ? `@${d.version}` : d.spec ? ` ${d.spec}` : ''}`),
    ),
    indirect: soupPackagesRecord(engine, view.id).indirect.map((p) => ({
      package: `${p.name}${p.version ? `@${p.version}` : ''}`,
      via: p.via.length > 0 ? p.via.join(' > ') : `${p.file} (no dependency edges)`,
      advisories: p.advisories,
    })),
    vulnerabilities: vulnerabilities.sort((a, b) => byText(a.id, b.id)),
    covered: view.covered,
  };
  for (const key of ['version', 'supplier', 'class'] as const) {
    const value = attribute(view, key);
    if (value) item[key] = value;
  }
  return item;
}

function suppressions(engine: SeclifeEngine, findings: Finding[]): ReportSuppression[] {
  const out: ReportSuppression[] = [];
  for (const file of engine.filePaths()) {
    for (const s of engine.fileIndex(file)?.suppressions ?? []) {
      if (!s.justification) continue;
      const line = s.range.line;
      const silenced = findings.filter(
        (f) => f.suppression && f.suppression.file === file && f.suppression.line === line,
      ).length;
      out.push({ file, line, scope: s.scope, rules: [...s.rules].sort(), justification: s.justification, silenced });
    }
  }
  return out;
}

/** The report model for the engine's current state. */
export function buildReportModel(engine: SeclifeEngine, context: ReportContext): ReportModel {
  const findings = engine.findings();
  const views = itemViews(engine);
  const coverage: ReportCoverage[] = Object.entries(engine.coverage()).map(([kind, c]) => ({
    kind,
    title: engine.config.kinds[kind]?.title ?? kind,
    total: c.total,
    covered: c.covered,
    percent: Number(formatPercent(c.covered, c.total).replace('%', '')),
  }));
  const counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const f of findings) f.suppression ? counts.suppressed++ : counts[f.severity]++;
  const threats = views.filter((v) => v.needs.includes('mitigated'));
  const rules = new Map<string, ReportRule>();
  for (const f of findings) {
    if (!f.code.includes('/')) continue;
    let rule = rules.get(f.code);
    if (!rule) rules.set(f.code, (rule = { rule: f.code, ...ruleTitle(engine, f.code), findings: [] }));
    if (rule.cwe === undefined) delete rule.cwe;
    if (rule.title === undefined) delete rule.title;
    rule.findings.push(reportFinding(f));
  }
  const baseline = engine.reviewBaseline()?.baseline;
  const suspectLinks: ReportSuspectLink[] = [];
  for (const view of views) {
    for (const ref of view.suspects) {
      const link: ReportSuspectLink = {
        target: view.id,
        role: ref.role === 'link' ? `${ref.attributeKey ?? ref.attribute} of ${ref.fromItem}` : ref.role,
        file: ref.file,
        line: ref.range.line,
      };
      if (ref.symbol) link.symbol = ref.symbol;
      suspectLinks.push(link);
    }
  }
  const items = views.map(matrixRow);
  const model: ReportModel = {
    tool: context.tool,
    project: context.project,
    gate: engine.gate(context.failOn, findings),
    coverage,
    verification: verification(engine, items, context),
    counts,
    items,
    threats: threats.map(threat),
    residualRisks: threats
      .filter((v) => v.acceptedRisk)
      .map((v) => {
        const r: ReportModel['residualRisks'][number] = { id: v.id, title: v.title, status: v.acceptedRisk! };
        const [acceptedBy, rationale, severity] = ['accepted-by', 'rationale', 'severity'].map((n) => attribute(v, n));
        if (acceptedBy) r.acceptedBy = acceptedBy;
        if (rationale) r.rationale = rationale;
        if (severity) r.severity = severity;
        return r;
      }),
    traceFindings: findings.filter((f) => !f.code.includes('/')).map(reportFinding),
    rules: [...rules.values()].sort((a, b) => byText(a.rule, b.rule)),
    suppressions: suppressions(engine, findings),
    soup: views.filter((v) => v.needs.includes('in-manifest')).map((v) => soupItem(engine, v, findings)),
    unreadDependencyFiles: findings
      .filter((f) => f.code === 'soup-input-unread')
      .map((f) => ({ file: f.file, message: f.message }))
      .sort((a, b) => byText(a.file, b.file)),
    unownedVulnerabilities: vulnerabilityRecords(engine)
      .filter((r) => !r.item)
      .map((r) => ({
        id: r.id,
        package: `${r.package}@${r.version}`,
        ...(r.via ? { via: r.via.join(' > ') } : {}),
        file: r.file,
        line: r.line,
      })),
    suspectLinks: suspectLinks.sort((a, b) => byPlace(a, b) || byText(a.target, b.target)),
    baseline: baseline !== undefined,
  };
  if (context.commit) model.commit = context.commit;
  if (context.date) model.date = context.date;
  if (engine.configText !== undefined) model.configText = engine.configText;
  return model;
}
