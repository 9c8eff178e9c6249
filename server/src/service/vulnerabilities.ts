/**
 * `seclife/vulnerabilities`: every advisory affecting a resolved package (direct or
 * indirect), once per SOUP item or orphan package, with its disposition — the data of the
 * Vulnerabilities view (docs/vscode.md, Vulnerabilities view). One flat list; the client
 * groups it by state.
 */
import type { AdvisoryHit } from '../core/soup/soupCheck';
import { packageLabel } from '../core/soup/dependencyGraph';
import { VulnerabilitiesResult, VulnerabilityEntry, VulnerabilityState } from '../protocol';
import { ServiceContext, toLspRange } from './context';
import type { FolderContext } from './views';

/** Undecided without a disposition; `under-investigation` apart; every other status is a decision. */
export function vulnerabilityState(hit: Pick<AdvisoryHit, 'disposition'>): VulnerabilityState {
  if (!hit.disposition) return 'undecided';
  return hit.disposition.status === 'under-investigation' ? 'under-investigation' : 'decided';
}

/** One hit as the view shows it. */
export function vulnerabilityEntry(ctx: ServiceContext, hit: AdvisoryHit): VulnerabilityEntry {
  const { advisory, disposition, indirect } = hit;
  const entry: VulnerabilityEntry = {
    id: advisory.id,
    aliases: [...advisory.aliases],
    package: hit.name,
    version: hit.version,
    ecosystem: hit.ecosystem,
    state: vulnerabilityState(hit),
    location: { uri: ctx.uri(hit.file), range: toLspRange(hit.range) },
  };
  if (hit.purl) entry.purl = hit.purl;
  if (indirect && indirect.via.length > 0) entry.via = indirect.via.map(packageLabel);
  if (advisory.severity) entry.severity = advisory.severity;
  if (advisory.summary) entry.summary = advisory.summary;
  if (advisory.url) entry.url = advisory.url;
  if (hit.itemId) entry.itemId = hit.itemId;
  if (disposition)
    entry.disposition = {
      status: disposition.status,
      ...(disposition.justification ? { justification: disposition.justification } : {}),
    };
  return entry;
}

const ORDER: Record<VulnerabilityState, number> = { undecided: 0, 'under-investigation': 1, decided: 2 };

/** `seclife/vulnerabilities`: the hits of every folder, undecided first, then by advisory ID and package. */
export function vulnerabilitiesReport(folders: FolderContext[]): VulnerabilitiesResult {
  const out: VulnerabilityEntry[] = [];
  for (const ctx of folders) for (const hit of ctx.engine.vulnerabilityHits()) out.push(vulnerabilityEntry(ctx, hit));
  out.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.package < b.package ? -1 : a.package > b.package ? 1 : 0),
  );
  return { vulnerabilities: out, indexing: folders.some((f) => f.indexing) };
}
