/** Builds the release-evidence report (issue 7) from the engine: pure, deterministic, sorted. */
import { formatPercent, FailOn } from '../gate';
import { SeclifeEngine } from '../engine';
import { Finding } from '../findings';
import { Reference } from '../model';
import { builtinRule } from '../rules/registry';
import { suspectReferences } from '../review/baseline';
import { parseDispositions } from '../soup/dispositions';
import { isCovered, ItemState, unmetNeeds } from '../traceGraph';
import {
  ReportCoverage, ReportFinding, ReportItem, ReportLocation, ReportModel, ReportRule, ReportSoupItem,
  ReportSuppression, ReportSuspectLink, ReportThreat,
} from './reportModel';

export interface ReportContext {
  tool: { name: string; version: string };
  project: string;
  commit?: { sha: string; ref?: string };
  date?: string;
  failOn?: FailOn;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const naturally = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const distinct = (xs: string[]) => [...new Set(xs)].sort(naturally);
const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) => byText(a.file, b.file) || a.line - b.line;

function location(ref: Reference): ReportLocation {
  const out: ReportLocation = { file: ref.file, line: ref.range.line };
  if (ref.symbol) out.symbol = ref.symbol;
  return out;
}

function attribute(state: ItemState, name: string): string | undefined {
  return state.def.attributes.find((a) => a.name === name)?.value.trim() || undefined;
}

function reportFinding(f: Finding): ReportFinding {
  const out: ReportFinding = { code: f.code, severity: f.severity, message: f.message, file: f.file, line: f.line, column: f.column };
  if (f.itemId) out.itemId = f.itemId;
  if (f.suppression) out.suppression = f.suppression.justification;
  return out;
}

function matrixRow(state: ItemState, suspects: number): ReportItem {
  const { def } = state;
  const code = [...state.implementations, ...state.mitigations.filter((r) => r.role === 'mitigates')];
  const row: ReportItem = {
    id: def.id, kind: def.kind, title: def.title, file: def.file, line: def.idRange.line,
    up: distinct(state.links.map((r) => r.id)),
    down: distinct(state.references.filter((r) => r.role === 'link' && r.fromItem).map((r) => r.fromItem!)),
    code: code.filter((r) => r.role !== 'link').map(location).sort(byPlace),
    tests: state.verifications.filter((r) => r.role !== 'link').map(location).sort(byPlace),
    needs: [...state.needs],
    unmet: unmetNeeds(state),
    suspect: suspects,
  };
  const status = attribute(state, 'status');
  if (status) row.status = status;
  return row;
}

function threat(state: ItemState): ReportThreat {
  const t: ReportThreat = {
    id: state.def.id, title: state.def.title, file: state.def.file, line: state.def.idRange.line,
    controls: distinct(state.mitigations.map((r) => r.fromItem ?? `@mitigates ${r.file}:${r.range.line}`)),
    mitigated: state.met.includes('mitigated'),
  };
  const [category, severity, status] = ['category', 'severity', 'status'].map((n) => attribute(state, n));
  if (category) t.category = category;
  if (severity) t.severity = severity;
  if (status) t.status = status;
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

function soupItem(engine: SeclifeEngine, state: ItemState, findings: Finding[]): ReportSoupItem {
  const vulnerabilities = parseDispositions(attribute(state, 'vulnerabilities') ?? '').dispositions.map((d) => {
    const v: ReportSoupItem['vulnerabilities'][number] = { id: d.id, disposition: d.status };
    if (d.justification) v.note = d.justification;
    return v;
  });
  for (const f of findings) {
    if (f.code !== 'vulnerability-undispositioned' || f.itemId !== state.def.id) continue;
    const id = /^[^:]+: (\S+)/.exec(f.message)?.[1];
    if (id && !vulnerabilities.some((v) => v.id === id)) vulnerabilities.push({ id, disposition: 'undispositioned' });
  }
  const item: ReportSoupItem = {
    id: state.def.id, title: state.def.title,
    dependencies: distinct(engine.soupDependencies(state.def.id).map((d) => `${d.name}${d.version ? `@${d.version}` : d.spec ? ` ${d.spec}` : ''}`)),
    vulnerabilities: vulnerabilities.sort((a, b) => byText(a.id, b.id)),
    covered: isCovered(state),
  };
  for (const key of ['version', 'supplier', 'class'] as const) {
    const value = attribute(state, key);
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
      const silenced = findings.filter((f) => f.suppression && f.suppression.file === file && f.suppression.line === line).length;
      out.push({ file, line, scope: s.scope, rules: [...s.rules].sort(), justification: s.justification, silenced });
    }
  }
  return out;
}

/** The report model for the engine's current state. */
export function buildReportModel(engine: SeclifeEngine, context: ReportContext): ReportModel {
  const findings = engine.findings();
  const states = engine.items();
  const coverage: ReportCoverage[] = Object.entries(engine.coverage()).map(([kind, c]) => ({
    kind, title: engine.config.kinds[kind]?.title ?? kind, total: c.total, covered: c.covered,
    percent: Number(formatPercent(c.covered, c.total).replace('%', '')),
  }));
  const counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const f of findings) f.suppression ? counts.suppressed++ : counts[f.severity]++;
  const threats = states.filter((s) => s.needs.includes('mitigated'));
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
  const suspectCount = new Map<string, number>();
  for (const state of states) {
    const suspects = suspectReferences(state.def, state.references, baseline);
    if (suspects.length) suspectCount.set(state.def.id, suspects.length);
    for (const ref of suspects) {
      const link: ReportSuspectLink = { target: state.def.id, role: ref.role === 'link' ? `${ref.attributeKey ?? ref.attribute} of ${ref.fromItem}` : ref.role, file: ref.file, line: ref.range.line };
      if (ref.symbol) link.symbol = ref.symbol;
      suspectLinks.push(link);
    }
  }
  const model: ReportModel = {
    tool: context.tool, project: context.project,
    gate: engine.gate(context.failOn, findings), coverage, counts,
    items: states.map((s) => matrixRow(s, suspectCount.get(s.def.id) ?? 0)),
    threats: threats.map(threat),
    residualRisks: threats
      .filter((s) => ['accepted', 'transferred'].includes((attribute(s, 'status') ?? '').toLowerCase()))
      .map((s) => {
        const r: ReportModel['residualRisks'][number] = { id: s.def.id, title: s.def.title, status: attribute(s, 'status')!.toLowerCase() };
        const [acceptedBy, rationale, severity] = ['accepted-by', 'rationale', 'severity'].map((n) => attribute(s, n));
        if (acceptedBy) r.acceptedBy = acceptedBy;
        if (rationale) r.rationale = rationale;
        if (severity) r.severity = severity;
        return r;
      }),
    traceFindings: findings.filter((f) => !f.code.includes('/')).map(reportFinding),
    rules: [...rules.values()].sort((a, b) => byText(a.rule, b.rule)),
    suppressions: suppressions(engine, findings),
    soup: states.filter((s) => s.needs.includes('in-manifest')).map((s) => soupItem(engine, s, findings)),
    suspectLinks: suspectLinks.sort((a, b) => byPlace(a, b) || byText(a.target, b.target)),
    baseline: baseline !== undefined,
  };
  if (context.commit) model.commit = context.commit;
  if (context.date) model.date = context.date;
  if (engine.configText !== undefined) model.configText = engine.configText;
  return model;
}
