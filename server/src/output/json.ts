import { SeclifeEngine, FileNote, KindCoverage } from '../core/engine';
import { Finding } from '../core/findings';
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

export interface JsonReport {
  version: string;
  findings: Finding[];
  items: JsonItem[];
  coverage: Record<string, KindCoverage>;
  notes: FileNote[];
}

function location(ref: Reference): JsonLocation & { item?: string } {
  const out: JsonLocation & { item?: string } = { file: ref.file, line: ref.range.line };
  if (ref.symbol) out.symbol = ref.symbol;
  if (ref.note) out.note = ref.note;
  if (ref.fromItem) out.item = ref.fromItem;
  return out;
}

function byPlace(a: JsonLocation, b: JsonLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/** The JSON output of `seclife check --format json` (docs/ci.md, "JSON format"). Deterministic for the same input. */
export function buildJsonReport(engine: SeclifeEngine): JsonReport {
  const items: JsonItem[] = engine.items().map((state) => {
    const { def } = state;
    const item: JsonItem = {
      id: def.id,
      kind: def.kind,
      title: def.title,
      file: def.file,
      line: def.idRange.line,
      needs: [...state.needs],
      met: [...state.met],
      links: state.links
        .map((r) => ({ attribute: def.attributes.find((a) => a.name === r.attribute)?.key ?? r.attribute!, target: r.id }))
        .sort((a, b) => (a.attribute + a.target).localeCompare(b.attribute + b.target)),
      implementedBy: state.implementations.map(location).sort(byPlace),
      verifiedBy: state.verifications.map(location).sort(byPlace),
      mitigatedBy: state.mitigations.map(location).sort(byPlace),
    };
    const status = def.attributes.find((a) => a.name === 'status')?.value;
    if (status) item.status = status;
    if (state.invalidAttributes.length > 0) item.invalidAttributes = [...state.invalidAttributes];
    return item;
  });
  return { version: VERSION, findings: engine.findings(), items, coverage: engine.coverage(), notes: engine.notes() };
}
