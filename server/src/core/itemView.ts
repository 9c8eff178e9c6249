/**
 * One item as every output and editor view reads it: identity, status, needs and whether
 * they are met, the links it makes and receives, its code and tests, and its suspect links
 * (docs/formats.md, "Needs and coverage"; docs/release.md, "Review baselines and suspect links"). The JSON
 * output, the report model, the trace and coverage views, hover and code lenses all read
 * this, so "covered", "missing", "status" and the link order mean the same everywhere.
 *
 * A view wraps the engine's {@link ItemState}; each derived list is computed on first read
 * and kept, so a host pays only for what it shows. Lists are shared: do not mutate them.
 */
import type { SeclifeEngine } from './engine';
import type { ItemDef, Reference } from './model';
import { ReviewBaseline, suspectReferences } from './review/baseline';
import { isCovered, ItemState, unmetNeeds } from './traceGraph';

/** A link the item's attributes make: the attribute as written (e.g. `Mitigates`) and the target ID. */
export interface ItemLink {
  attribute: string;
  target: string;
  ref: Reference;
}

/** Statuses that accept or transfer a threat's risk instead of mitigating it (docs/formats.md). */
export type AcceptedRisk = 'accepted' | 'transferred';
const ACCEPTED: ReadonlySet<string> = new Set<AcceptedRisk>(['accepted', 'transferred']);

/** The value of an item's first attribute with a (normalized) name, trimmed; undefined when absent or blank. */
export function attributeValue(def: ItemDef, name: string): string | undefined {
  return def.attributes.find((a) => a.name === name)?.value.trim() || undefined;
}

/** Sorts references by file (code-unit order), then line. */
export function byPlace(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

const refByPlace = (a: Reference, b: Reference) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.line - b.range.line);
/** IDs in natural order (`SR-2` before `SR-10`). */
export const byId = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
const distinctIds = (ids: Iterable<string>) => [...new Set(ids)].sort(byId);

export class ItemView {
  private cache: {
    status?: string | null;
    unmet?: string[];
    links?: ItemLink[];
    up?: string[];
    down?: string[];
    implementedBy?: Reference[];
    verifiedBy?: Reference[];
    mitigatedBy?: Reference[];
    code?: Reference[];
    tests?: Reference[];
    mitigatingItems?: string[];
    mitigatedThreats?: string[];
    suspects?: Reference[];
  } = {};

  constructor(
    readonly state: ItemState,
    /** The review baseline, for {@link suspects} (undefined: no baseline, nothing is suspect). */
    private readonly baseline?: ReviewBaseline,
  ) {}

  get def(): ItemDef { return this.state.def; }
  get id(): string { return this.state.def.id; }
  get kind(): string { return this.state.def.kind; }
  get title(): string { return this.state.def.title; }
  get file(): string { return this.state.def.file; }
  /** 1-based line of the ID. */
  get line(): number { return this.state.def.idRange.line; }

  /** The `Status` attribute (trimmed), when the item has one. */
  get status(): string | undefined {
    if (this.cache.status === undefined) this.cache.status = attributeValue(this.state.def, 'status') ?? null;
    return this.cache.status ?? undefined;
  }

  /** `accepted` or `transferred` when the status accepts the risk instead of mitigating it. */
  get acceptedRisk(): AcceptedRisk | undefined {
    const status = this.status?.toLowerCase();
    return status !== undefined && ACCEPTED.has(status) ? (status as AcceptedRisk) : undefined;
  }

  get needs(): readonly string[] { return this.state.needs; }
  get met(): readonly string[] { return this.state.met; }
  isMet(need: string): boolean { return this.state.met.includes(need as ItemState['met'][number]); }
  /** Required attributes (as written) that are missing or not allowed. */
  get invalidAttributes(): readonly string[] { return this.state.invalidAttributes; }
  /** What keeps the item from being covered: unmet needs, then `valid <Attribute>` ({@link unmetNeeds}). */
  get unmet(): string[] { return (this.cache.unmet ??= unmetNeeds(this.state)); }
  /** Every need met and every required attribute valid ({@link isCovered}). */
  get covered(): boolean { return this.cache.unmet ? this.cache.unmet.length === 0 : isCovered(this.state); }

  /**
   * The links this item's attributes make, sorted by attribute and target. The attribute is
   * the key of the item's first attribute with that name, as written.
   */
  get links(): ItemLink[] {
    if (!this.cache.links) {
      const def = this.state.def;
      this.cache.links = this.state.links
        .map((ref) => ({ attribute: def.attributes.find((a) => a.name === ref.attribute)?.key ?? ref.attribute!, target: ref.id, ref }))
        .sort((a, b) => (a.attribute + a.target).localeCompare(b.attribute + b.target));
    }
    return this.cache.links;
  }

  /** Items this one links to (threats, requirements it derives from or mitigates), distinct, natural order. */
  get up(): string[] { return (this.cache.up ??= distinctIds(this.state.links.map((r) => r.id))); }

  /** Items that link to this one (controls, derived requirements, SOUP items), distinct, natural order. */
  get down(): string[] {
    return (this.cache.down ??= distinctIds(this.state.references.filter((r) => r.role === 'link' && r.fromItem).map((r) => r.fromItem!)));
  }

  /** What implements it (`@implements`, `@interface`, links that meet `implemented`), by place. */
  get implementedBy(): Reference[] { return (this.cache.implementedBy ??= [...this.state.implementations].sort(refByPlace)); }
  /** What verifies it (`@verifies` in tests, links that meet `verified`), by place. */
  get verifiedBy(): Reference[] { return (this.cache.verifiedBy ??= [...this.state.verifications].sort(refByPlace)); }
  /** What mitigates it (`@mitigates`, `Mitigates:` of controls), by place. */
  get mitigatedBy(): Reference[] { return (this.cache.mitigatedBy ??= [...this.state.mitigations].sort(refByPlace)); }

  /** Annotations in source files: `@implements`, `@interface` and `@mitigates`, by place. */
  get code(): Reference[] {
    if (!this.cache.code) {
      const { implementations, mitigations } = this.state;
      const code = implementations.filter((r) => r.role !== 'link');
      for (const r of mitigations) if (r.role === 'mitigates') code.push(r);
      this.cache.code = code.sort(refByPlace);
    }
    return this.cache.code;
  }

  /** `@verifies` annotations in test files, by place. */
  get tests(): Reference[] { return (this.cache.tests ??= this.state.verifications.filter((r) => r.role !== 'link').sort(refByPlace)); }

  /** Items whose links mitigate this one (risk controls), distinct, natural order. */
  get mitigatingItems(): string[] {
    return (this.cache.mitigatingItems ??= distinctIds(this.state.mitigations.filter((r) => r.role === 'link' && r.fromItem).map((r) => r.fromItem!)));
  }

  /** Threats this item's `Mitigates` attributes name, distinct, natural order. */
  get mitigatedThreats(): string[] {
    return (this.cache.mitigatedThreats ??= distinctIds(this.state.links.filter((l) => l.attribute === 'mitigates').map((l) => l.id)));
  }

  /** Links to the item that were reviewed before its content changed (docs/release.md, "Review baselines and suspect links"). */
  get suspects(): Reference[] {
    return (this.cache.suspects ??= suspectReferences(this.state.def, this.state.references, this.baseline));
  }
}

/** The view of one item state, with the baseline its suspect links are judged by. */
export function itemView(state: ItemState, baseline?: ReviewBaseline): ItemView {
  return new ItemView(state, baseline);
}

/** The view of one item of an engine (undefined when the ID is not defined). */
export function engineItemView(engine: SeclifeEngine, id: string): ItemView | undefined {
  const state = engine.item(id);
  return state && new ItemView(state, engine.reviewBaseline()?.baseline);
}

/** Views of every item of an engine, in the engine's order. */
export function itemViews(engine: SeclifeEngine): ItemView[] {
  const baseline = engine.reviewBaseline()?.baseline;
  return engine.items().map((state) => new ItemView(state, baseline));
}
