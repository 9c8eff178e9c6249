import { SeclifeEngine, FileNote, KindCoverage } from '../core/engine';
import { Finding } from '../core/findings';
import { isInternalError } from '../core/internalError';
import { itemViews } from '../core/itemView';
import { Reference } from '../core/model';
import { VERSION } from '../version';

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
}

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
    return item;
  });
  const findings = engine.findings();
  const report: JsonReport = { version: VERSION, findings, items, coverage: engine.coverage(), notes: engine.notes() };
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
