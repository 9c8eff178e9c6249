/**
 * One item as every output and editor view reads it: identity, status, needs and whether
 * they are met, the links it makes and receives, its code and tests, and its suspect links
 * (docs/formats.md, "Needs and coverage"; docs/release.md, "Review baselines and suspect
 * links"). The JSON output, the report model, the trace and coverage views, hover and code
 * lenses all read this, so "covered", "missing", "status" and the link order mean the same
 * everywhere.
 *
 * A view wraps the engine's {@link ItemState}; each derived list is computed on first read
 * and kept, so a host pays only for what it shows. Reference lists may be the engine's own
 * (hence readonly); ID lists belong to the view.
 */
import type { ItemDef, Reference } from './model';
import { ReviewBaseline, suspectReferences } from './review/baseline';
import { isCovered, ItemState, unmetNeeds } from './traceGraph';
import type { ItemVerification, TestLink } from './testResults/verification';

/** A link the item's attributes make: the attribute as written (e.g. `Mitigates`) and the target ID. */
export interface ItemLink {
  attribute: string;
  target: string;
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

/**
 * References by file (code-unit order), then line; equal places keep their order. The list
 * itself when it is in order already (the common case), else a sorted copy: references come
 * in many object shapes, so the sort compares place keys read once per reference.
 */
function byPlaceOf(refs: readonly Reference[]): readonly Reference[] {
  let sorted = true;
  for (let i = 1; i < refs.length && sorted; i++) {
    const a = refs[i - 1],
      b = refs[i];
    sorted = a.file < b.file || (a.file === b.file && a.range.line <= b.range.line);
  }
  if (sorted) return refs;
  const keyed = refs.map((ref, i) => ({ file: ref.file, line: ref.range.line, i }));
  keyed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.i - b.i));
  return keyed.map((k) => refs[k.i]);
}
/**
 * IDs in natural order (`SR-2` before `SR-10`): `localeCompare(b, 'en', { numeric: true })`,
 * with the collator made once (localeCompare with options builds one per call).
 */
export const byId: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true }).compare;
const distinctIds = (ids: Iterable<string>) => [...new Set(ids)].sort(byId);

export class ItemView {
  // Derived lists, computed on first read (one field each keeps every view the same shape).
  private cStatus: string | null | undefined = undefined;
  private cUnmet: string[] | undefined = undefined;
  private cLinks: ItemLink[] | undefined = undefined;
  private cUp: string[] | undefined = undefined;
  private cDown: string[] | undefined = undefined;
  private cImplementedBy: readonly Reference[] | undefined = undefined;
  private cVerifiedBy: readonly Reference[] | undefined = undefined;
  private cMitigatedBy: readonly Reference[] | undefined = undefined;
  private cCode: readonly Reference[] | undefined = undefined;
  private cTests: readonly Reference[] | undefined = undefined;
  private cMitigatingItems: string[] | undefined = undefined;
  private cMitigatedThreats: string[] | undefined = undefined;
  private cSuspects: Reference[] | undefined = undefined;

  constructor(
    readonly state: ItemState,
    /** The review baseline, for {@link suspects} (undefined: no baseline, nothing is suspect). */
    private readonly baseline?: ReviewBaseline,
  ) {}

  get def(): ItemDef {
    return this.state.def;
  }
  get id(): string {
    return this.state.def.id;
  }
  get kind(): string {
    return this.state.def.kind;
  }
  get title(): string {
    return this.state.def.title;
  }
  get file(): string {
    return this.state.def.file;
  }
  /** 1-based line of the ID. */
  get line(): number {
    return this.state.def.idRange.line;
  }

  /** The `Status` attribute (trimmed), when the item has one. */
  get status(): string | undefined {
    if (this.cStatus === undefined) this.cStatus = attributeValue(this.state.def, 'status') ?? null;
    return this.cStatus ?? undefined;
  }

  /** `accepted` or `transferred` when the status accepts the risk instead of mitigating it. */
  get acceptedRisk(): AcceptedRisk | undefined {
    const status = this.status?.toLowerCase();
    return status !== undefined && ACCEPTED.has(status) ? (status as AcceptedRisk) : undefined;
  }

  get needs(): readonly string[] {
    return this.state.needs;
  }
  get met(): readonly string[] {
    return this.state.met;
  }
  isMet(need: string): boolean {
    return this.state.met.includes(need as ItemState['met'][number]);
  }
  /** Required attributes (as written) that are missing or not allowed. */
  get invalidAttributes(): readonly string[] {
    return this.state.invalidAttributes;
  }
  /** What keeps the item from being covered: unmet needs, then `valid <Attribute>` ({@link unmetNeeds}). */
  get unmet(): string[] {
    return (this.cUnmet ??= unmetNeeds(this.state));
  }
  /** Every need met and every required attribute valid ({@link isCovered}). */
  get covered(): boolean {
    return this.cUnmet ? this.cUnmet.length === 0 : isCovered(this.state);
  }

  /**
   * The links this item's attributes make, sorted by attribute and target. The attribute is
   * the key of the item's first attribute with that name, as written.
   */
  get links(): ItemLink[] {
    if (!this.cLinks) {
      const def = this.state.def;
      this.cLinks = this.state.links
        .map((ref) => ({
          attribute: def.attributes.find((a) => a.name === ref.attribute)?.key ?? ref.attribute!,
          target: ref.id,
        }))
        .sort((a, b) => (a.attribute + a.target).localeCompare(b.attribute + b.target));
    }
    return this.cLinks;
  }

  /** Items this one links to (threats, requirements it derives from or mitigates), distinct, natural order. */
  get up(): string[] {
    return (this.cUp ??= distinctIds(this.state.links.map((r) => r.id)));
  }

  /** Items that link to this one (controls, derived requirements, SOUP items), distinct, natural order. */
  get down(): string[] {
    return (this.cDown ??= distinctIds(
      this.state.references.filter((r) => r.role === 'link' && r.fromItem).map((r) => r.fromItem!),
    ));
  }

  /** What implements it (`@implements`, `@interface`, links that meet `implemented`), by place. */
  get implementedBy(): readonly Reference[] {
    return (this.cImplementedBy ??= byPlaceOf(this.state.implementations));
  }
  /** What verifies it (`@verifies` in tests, links that meet `verified`), by place. */
  get verifiedBy(): readonly Reference[] {
    return (this.cVerifiedBy ??= byPlaceOf(this.state.verifications));
  }
  /** What mitigates it (`@mitigates`, `Mitigates:` of controls), by place. */
  get mitigatedBy(): readonly Reference[] {
    return (this.cMitigatedBy ??= byPlaceOf(this.state.mitigations));
  }

  /** Annotations in source files: `@implements`, `@interface` and `@mitigates`, by place. */
  get code(): readonly Reference[] {
    if (!this.cCode) {
      const { implementations, mitigations } = this.state;
      const code = implementations.filter((r) => r.role !== 'link');
      for (const r of mitigations) if (r.role === 'mitigates') code.push(r);
      this.cCode = byPlaceOf(code);
    }
    return this.cCode;
  }

  /** `@verifies` annotations in test files, by place. */
  get tests(): readonly Reference[] {
    return (this.cTests ??= byPlaceOf(this.state.verifications.filter((r) => r.role !== 'link')));
  }

  /** Items whose links mitigate this one (risk controls), distinct, natural order. */
  get mitigatingItems(): string[] {
    return (this.cMitigatingItems ??= distinctIds(
      this.state.mitigations.filter((r) => r.role === 'link' && r.fromItem).map((r) => r.fromItem!),
    ));
  }

  /** Threats this item's `Mitigates` attributes name, distinct, natural order. */
  get mitigatedThreats(): string[] {
    return (this.cMitigatedThreats ??= distinctIds(
      this.state.links.filter((l) => l.attribute === 'mitigates').map((l) => l.id),
    ));
  }

  /**
   * Its linked tests and their results (docs/verification.md): `mode` says whether results
   * were read ("results") or the annotations are all there is ("annotated-only" — never shown
   * as passed). Undefined for kinds that do not need `verified`.
   */
  get verification(): ItemVerification | undefined {
    return this.state.verification;
  }

  /** The linked test of one `@verifies` reference (undefined when it is not one of this item's). */
  testLink(ref: Reference): TestLink | undefined {
    return this.state.verification?.tests.find((t) => t.ref === ref);
  }

  /** Links to the item that were reviewed before its content changed (docs/release.md, "Review baselines and suspect links"). */
  get suspects(): readonly Reference[] {
    return (this.cSuspects ??= suspectReferences(this.state.def, this.state.references, this.baseline));
  }
}

/** The view of one item state, with the baseline its suspect links are judged by. */
export function itemView(state: ItemState, baseline?: ReviewBaseline): ItemView {
  return new ItemView(state, baseline);
}

/** What the views read of an engine (`SeclifeEngine` has it; a structural type keeps this file out of an import cycle with engine.ts). */
export interface ItemSource {
  item(id: string): ItemState | undefined;
  items(): readonly ItemState[];
  reviewBaseline(): { baseline?: ReviewBaseline } | undefined;
}

/** The view of one item of an engine (undefined when the ID is not defined). */
export function engineItemView(engine: ItemSource, id: string): ItemView | undefined {
  const state = engine.item(id);
  return state && new ItemView(state, engine.reviewBaseline()?.baseline);
}

/** Views of every item of an engine, in the engine's order. */
export function itemViews(engine: ItemSource): ItemView[] {
  const baseline = engine.reviewBaseline()?.baseline;
  return engine.items().map((state) => new ItemView(state, baseline));
}
