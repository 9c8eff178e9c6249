import { ItemView, itemViews } from '../core/itemView';
import { Range } from '../core/findings';
import type { ItemVerificationStatus } from '../core/testResults/verification';
import {
  CoverageKind,
  CoverageResult,
  FindingEntry,
  FindingsParams,
  FindingsResult,
  Location,
  TraceTreeItem,
  TraceTreeKind,
  TraceTreeLink,
  TraceTreeParams,
  TraceTreeResult,
  VerificationTally,
} from '../protocol';
import { ServiceContext, toLspRange } from './context';
import { resultLocation, resultsInOrder, testLinkInfo, verificationSummary } from './testStatus';

/** A workspace folder as the views see it. */
export interface FolderContext extends ServiceContext {
  readonly name: string;
  readonly uriString: string;
  readonly indexing: boolean;
}

function loc(ctx: ServiceContext, file: string, r: Range): Location {
  return { uri: ctx.uri(file), range: toLspRange(r) };
}

function treeItem(ctx: ServiceContext, view: ItemView): TraceTreeItem {
  const { def, state } = view;
  const links: TraceTreeItem['links'] = [];
  for (const l of state.links) {
    links.push({
      role: 'link',
      itemId: l.id,
      attribute: l.attributeKey ?? l.attribute,
      location: loc(ctx, l.file, l.range),
    });
  }
  for (const r of state.references) {
    if (r.role === 'link') {
      links.push({
        role: 'linked-by',
        itemId: r.fromItem,
        attribute: r.attributeKey ?? r.attribute,
        location: loc(ctx, r.file, r.range),
      });
    } else {
      const link: TraceTreeLink = { role: r.role, symbol: r.symbol, note: r.note, location: loc(ctx, r.file, r.range) };
      // An @verifies in a test file: its test and results (docs/language-server.md, Test results).
      const test = r.role === 'verifies' ? view.testLink(r) : undefined;
      if (test) link.test = testLinkInfo(ctx, test);
      links.push(link);
    }
  }
  // Results linked by a `verifies` property only (no annotation): one link at the first result.
  for (const t of view.verification?.tests ?? []) {
    if (t.ref || t.results.length === 0) continue;
    const first = resultsInOrder(t.results)[0];
    links.push({
      role: 'test-result',
      symbol: first.name,
      location: resultLocation(ctx, first),
      test: testLinkInfo(ctx, t),
    });
  }
  if (ctx.engine.config.kinds[def.kind]?.needs.includes('in-manifest')) {
    // SOUP: the manifest entries the item covers.
    for (const d of ctx.engine.soupDependencies(def.id)) {
      links.push({
        role: 'manifest',
        symbol: d.alias ? `${d.alias} (${d.name})` : d.name,
        ...(d.version ? { note: d.version } : {}),
        location: loc(ctx, d.file, d.range),
      });
    }
  }
  links.sort((a, b) =>
    a.location.uri < b.location.uri
      ? -1
      : a.location.uri > b.location.uri
        ? 1
        : a.location.range.start.line - b.location.range.start.line,
  );
  const { status } = view;
  return {
    id: def.id,
    kind: def.kind,
    title: def.title,
    ...(status ? { status } : {}),
    needs: state.needs,
    met: state.met,
    covered: view.covered,
    missing: view.unmet,
    location: loc(ctx, def.file, def.idRange),
    links,
    ...(view.verification ? { verification: verificationSummary(view.verification) } : {}),
  };
}

const emptyTally = (): VerificationTally => ({ passed: 0, failed: 0, notRun: 0, annotated: 0, none: 0 });

function tallyAdd(t: VerificationTally, status: ItemVerificationStatus): void {
  if (status === 'not-run') t.notRun++;
  else t[status]++;
}

/** `seclife/traceTree`: kind → item → links → code and test locations, per folder. */
export function traceTree(folders: FolderContext[], params: TraceTreeParams): TraceTreeResult {
  return {
    indexing: folders.some((f) => f.indexing),
    folders: folders.map((ctx) => {
      const coverage = ctx.engine.coverage();
      const byKind = new Map<string, TraceTreeItem[]>();
      for (const view of itemViews(ctx.engine)) {
        if (params.kinds && !params.kinds.includes(view.kind)) continue;
        if (params.gapsOnly && view.covered) continue;
        (byKind.get(view.kind) ?? byKind.set(view.kind, []).get(view.kind)!).push(treeItem(ctx, view));
      }
      const kinds: TraceTreeKind[] = Object.values(ctx.engine.config.kinds)
        .filter((k) => !params.kinds || params.kinds.includes(k.prefix))
        .map((k) => ({ prefix: k.prefix, title: k.title, ...coverage[k.prefix], items: byKind.get(k.prefix) ?? [] }));
      return { uri: ctx.uriString, name: ctx.name, kinds };
    }),
  };
}

/**
 * `seclife/coverage`: per-kind totals over all folders, the gaps, finding counts, and the
 * items that need `verified` by verification status — passed apart from annotated only.
 */
export function coverageReport(folders: FolderContext[]): CoverageResult {
  const kinds = new Map<string, Omit<CoverageKind, 'percent'>>();
  const gaps: CoverageResult['gaps'] = [];
  const findings = { error: 0, warning: 0, note: 0 };
  const verification: CoverageResult['verification'] = { ...emptyTally(), mode: 'annotated-only', resultFiles: 0 };
  const modes = new Set<string>();
  for (const ctx of folders) {
    modes.add(ctx.engine.verificationMode());
    verification.resultFiles += ctx.engine.testResultFiles().length;
    for (const [prefix, c] of Object.entries(ctx.engine.coverage())) {
      const k = kinds.get(prefix) ?? {
        prefix,
        title: ctx.engine.config.kinds[prefix]?.title ?? prefix,
        total: 0,
        covered: 0,
      };
      k.total += c.total;
      k.covered += c.covered;
      kinds.set(prefix, k);
    }
    for (const view of itemViews(ctx.engine)) {
      const missing = view.unmet;
      const v = view.verification;
      if (v) {
        tallyAdd(verification, v.status);
        const k = kinds.get(view.kind);
        if (k) tallyAdd((k.verification ??= emptyTally()), v.status);
      }
      if (missing.length)
        gaps.push({
          id: view.id,
          kind: view.kind,
          title: view.title,
          missing,
          location: loc(ctx, view.file, view.def.idRange),
          ...(v ? { verification: v.status } : {}),
        });
    }
    for (const f of ctx.engine.findings()) if (!f.suppression) findings[f.severity]++;
  }
  return {
    kinds: [...kinds.values()].map((k) => ({
      ...k,
      percent: k.total ? Math.round((k.covered / k.total) * 1000) / 10 : 100,
    })),
    gaps,
    findings,
    verification: {
      ...verification,
      mode: modes.size > 1 ? 'mixed' : modes.has('results') ? 'results' : 'annotated-only',
    },
    indexing: folders.some((f) => f.indexing),
  };
}

/** `seclife/findings`: every finding of every folder. */
export function findingsReport(folders: FolderContext[], params: FindingsParams): FindingsResult {
  const out: FindingEntry[] = [];
  for (const ctx of folders) {
    for (const f of ctx.engine.findings()) {
      if (f.suppression && !params.includeSuppressed) continue;
      const entry: FindingEntry = {
        code: f.code,
        severity: f.severity,
        message: f.message,
        location: loc(ctx, f.file, f),
      };
      if (f.itemId) entry.itemId = f.itemId;
      if (f.suppression) entry.suppression = { justification: f.suppression.justification };
      out.push(entry);
    }
  }
  return { findings: out, indexing: folders.some((f) => f.indexing) };
}
