import { pushAll } from './arrays';
import { KindConfig, Need, SeclifeConfig } from './config';
import { Finding, RelatedLocation, TraceCode } from './findings';
import { IdGrammar } from './ids';
import { plainInline } from './markdown/attributeLine';
import { FileIndex } from './fileIndex';
import { ItemDef, Reference } from './model';
import { isVerb, VERBS, verbCountsIn, verbMayName, VerbNeed } from './verbs';
import {
  ItemVerification,
  itemVerification,
  NO_VERIFICATION_SOURCE,
  VerificationSource,
  verificationFindings,
} from './testResults/verification';

/** The trace state of one defined item: what it needs, what is met, and who links to it. */
export interface ItemState {
  def: ItemDef;
  /** Further definitions of the same ID (each is a `duplicate-id`). */
  duplicates: ItemDef[];
  needs: Need[];
  met: Need[];
  implementations: Reference[];
  verifications: Reference[];
  /** `@mitigates` annotations and `Mitigates:` links of controls. */
  mitigations: Reference[];
  /** Every reference to the item (annotations, links, justifications). */
  references: Reference[];
  /** Links this item's attributes make to other items. */
  links: Reference[];
  /**
   * Required attributes (as written, e.g. `Exposure`) that are missing or have a value the
   * kind does not allow: each is an unmet need (docs/formats.md, "Needs and coverage").
   */
  invalidAttributes: string[];
  /**
   * Its linked tests and what their results say (docs/verification.md), for items whose kind
   * needs `verified`: result-based when the workspace has test results, else "annotated only".
   */
  verification?: ItemVerification;
}

/**
 * Whether an item is covered: every need met and every required attribute present with an
 * allowed value (docs/formats.md, "Needs and coverage"). The one definition the text summary,
 * JSON `coverage`, the report, the gate and the editor's views all use.
 */
export function isCovered(state: ItemState): boolean {
  return state.invalidAttributes.length === 0 && state.needs.every((n) => state.met.includes(n));
}

/** What keeps an item from being covered: its unmet needs, then `valid <Attribute>` per invalid required attribute. */
export function unmetNeeds(state: ItemState): string[] {
  const out: string[] = state.needs.filter((n) => !state.met.includes(n));
  for (const a of state.invalidAttributes) out.push(`valid ${a}`);
  return out;
}

/** Required attributes of an item that are missing or not allowed, by the name they are written with (or the kind's). */
function invalidRequiredAttributes(def: ItemDef, kind: KindConfig | undefined): string[] {
  const out: string[] = [];
  for (const name of kind?.required ?? []) {
    if (kind!.needs.includes(`links:${name}`)) continue; // its own need says whether it names an item
    const present = def.attributes.filter((a) => a.name === name && a.value.trim());
    const allowed = kind!.allowed[name];
    const valid =
      present.length > 0 && (!allowed || present.every((a) => allowed.includes(plainInline(a.value).toLowerCase())));
    if (!valid) out.push(present[0]?.key ?? displayName(name));
  }
  return out;
}

function displayName(normalized: string): string {
  return normalized
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');
}

const ACCEPTED = new Set(['accepted', 'transferred']);

/** The list of an item's state that references meeting a need go to. */
function needList(state: ItemState, need: VerbNeed): Reference[] {
  return need === 'implemented' ? state.implementations : need === 'verified' ? state.verifications : state.mitigations;
}

function compareDefs(a: ItemDef, b: ItemDef): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.idRange.line - b.idRange.line;
}

function related(def: ItemDef, message: string): RelatedLocation {
  return { file: def.file, message, ...def.idRange };
}

function article(title: string): string {
  return /^[aeiou]/i.test(title) ? `an ${title.toLowerCase()}` : `a ${title.toLowerCase()}`;
}

/**
 * Definitions and references by ID, maintained incrementally per file. Every
 * cross-file finding depends on exactly one ID (its definitions and the references
 * to it), so a change recomputes only the IDs the changed file defines or names.
 */
export class TraceGraph {
  private readonly defs = new Map<string, ItemDef[]>();
  private readonly refs = new Map<string, Reference[]>();
  private readonly outgoing = new Map<string, Reference[]>();
  private readonly states = new Map<string, ItemState>();
  private readonly findingsById = new Map<string, Finding[]>();
  /** IDs that have findings located in a file (for per-file diagnostics without a full scan). */
  private readonly idsByFile = new Map<string, Set<string>>();

  constructor(
    private readonly config: SeclifeConfig,
    private readonly grammar: IdGrammar,
    /** Whether a secure-coding rule ID exists and is enabled (for the `enforced` need of coding-standard items). */
    private readonly isRuleEnabled: (ruleId: string) => boolean = () => false,
    /** Whether a SOUP item matches a manifest dependency (the `in-manifest` need). */
    private readonly isInManifest: (id: string) => boolean = () => true,
    /** `suspect-link` findings for the links to an item (from the review baseline). */
    private readonly suspects: (def: ItemDef, references: readonly Reference[]) => Finding[] = () => [],
    /** Test results: whether a linked test passed (the `verified` need with results). */
    private readonly verification: VerificationSource = NO_VERIFICATION_SOURCE,
  ) {}

  /** Removes a file's contributions; returns the IDs whose state may change. */
  remove(index: FileIndex, affected: Set<string>): void {
    for (const item of index.items) {
      const list = this.defs.get(item.id)?.filter((d) => d.file !== index.file);
      if (list && list.length > 0) this.defs.set(item.id, list);
      else this.defs.delete(item.id);
      affected.add(item.id);
    }
    const named = new Set<string>();
    for (const ref of index.refs) named.add(ref.id);
    for (const id of named) {
      const kept = this.refs.get(id)?.filter((r) => r.file !== index.file);
      if (kept && kept.length > 0) this.refs.set(id, kept);
      else this.refs.delete(id);
      affected.add(id);
    }
    for (const ref of index.refs) {
      if (ref.fromItem) {
        const out = this.outgoing.get(ref.fromItem)?.filter((r) => r.file !== index.file);
        if (out && out.length > 0) this.outgoing.set(ref.fromItem, out);
        else this.outgoing.delete(ref.fromItem);
      }
    }
  }

  add(index: FileIndex, affected: Set<string>): void {
    for (const item of index.items) {
      const list = this.defs.get(item.id);
      if (list) {
        list.push(item);
        list.sort(compareDefs);
      } else this.defs.set(item.id, [item]);
      affected.add(item.id);
    }
    for (const ref of index.refs) {
      const list = this.refs.get(ref.id);
      if (list) list.push(ref);
      else this.refs.set(ref.id, [ref]);
      affected.add(ref.id);
      if (ref.fromItem) {
        const out = this.outgoing.get(ref.fromItem);
        if (out) out.push(ref);
        else this.outgoing.set(ref.fromItem, [ref]);
      }
    }
  }

  /**
   * Recomputes the given IDs, plus the items that link to them (their `links:` needs
   * depend on whether the target exists). Returns the files whose findings changed.
   */
  recompute(affected: Set<string>): Set<string> {
    for (const id of [...affected]) {
      for (const ref of this.refs.get(id) ?? []) if (ref.fromItem) affected.add(ref.fromItem);
    }
    const files = new Set<string>();
    for (const id of affected) {
      for (const f of this.findingsById.get(id) ?? []) {
        files.add(f.file);
        this.idsByFile.get(f.file)?.delete(id);
      }
      const findings = this.computeId(id);
      for (const f of findings) {
        files.add(f.file);
        let ids = this.idsByFile.get(f.file);
        if (!ids) this.idsByFile.set(f.file, (ids = new Set()));
        ids.add(id);
      }
      if (findings.length > 0) this.findingsById.set(id, findings);
      else this.findingsById.delete(id);
    }
    return files;
  }

  /** Cross-file findings located in one file. */
  findingsIn(file: string): Finding[] {
    const out: Finding[] = [];
    for (const id of this.idsByFile.get(file) ?? []) {
      for (const f of this.findingsById.get(id) ?? []) if (f.file === file) out.push(f);
    }
    return out;
  }

  referencesTo(id: string): readonly Reference[] {
    return this.refs.get(id) ?? [];
  }

  definitions(id: string): readonly ItemDef[] {
    return this.defs.get(id) ?? [];
  }

  state(id: string): ItemState | undefined {
    return this.states.get(id);
  }

  allStates(): IterableIterator<ItemState> {
    return this.states.values();
  }

  allFindings(): IterableIterator<Finding[]> {
    return this.findingsById.values();
  }

  /** Whether a reference names a defined item of a kind it may name. */
  private targetProblem(ref: Reference, target: ItemDef, kind: KindConfig | undefined): string | undefined {
    const what = () => (kind ? article(kind.title) : `an item of kind ${target.kind}`);
    if (isVerb(ref.role)) {
      if (verbMayName(ref.role, kind)) return undefined;
      const spec = VERBS[ref.role];
      if (spec.names === 'interface')
        return `@${ref.role} names ${ref.id}, ${what()}; @${ref.role} names interface items`;
      const hint = kind?.needs.includes('mitigated') ? ' — use @mitigates' : '';
      return `@${ref.role} names ${ref.id}, ${what()}; items of kind ${target.kind} are not ${spec.need}${hint}`;
    }
    switch (ref.role) {
      case 'link': {
        const fromKind = this.config.kinds[this.grammar.prefixOf(ref.fromItem!) ?? ''];
        const spec = fromKind?.links[ref.attribute!];
        if (!spec || spec.targets.includes(target.kind)) return undefined;
        return `${ref.fromItem}: ${ref.attributeKey ?? ref.attribute} must name ${spec.targets.join(' or ')} items, but ${ref.id} is ${what()}`;
      }
      default:
        return undefined;
    }
  }

  private computeId(id: string): Finding[] {
    const findings: Finding[] = [];
    const defs = this.defs.get(id) ?? [];
    const references = this.referencesTo(id);
    if (defs.length === 0) {
      this.states.delete(id);
      for (const ref of references) {
        const where =
          ref.role === 'link'
            ? `${ref.fromItem}'s ${ref.attributeKey ?? ref.attribute}`
            : ref.role === 'justification'
              ? 'this justification'
              : `@${ref.role}`;
        findings.push({
          code: 'unknown-reference',
          severity: 'error',
          file: ref.file,
          ...ref.range,
          itemId: id,
          message: `${id} is not defined: no heading or table row in the lifecycle documents declares it (named by ${where})`,
        });
      }
      return findings;
    }
    const [def, ...duplicates] = defs;
    for (const dup of duplicates) {
      findings.push({
        code: 'duplicate-id',
        severity: 'error',
        file: dup.file,
        ...dup.idRange,
        itemId: id,
        message: `${id} is already defined at ${def.file}:${def.idRange.line}`,
        related: [related(def, `first definition of ${id}`)],
      });
    }
    const kind = this.config.kinds[def.kind];
    const state: ItemState = {
      def,
      duplicates,
      needs: kind?.needs ?? [],
      met: [],
      implementations: [],
      verifications: [],
      mitigations: [],
      references: [...references],
      links: this.outgoing.get(id)?.filter((r) => r.file === def.file) ?? [],
      invalidAttributes: invalidRequiredAttributes(def, kind),
    };
    for (const ref of references) {
      const problem = this.targetProblem(ref, def, kind);
      if (problem) {
        findings.push({
          code: 'wrong-link-target',
          severity: 'error',
          file: ref.file,
          ...ref.range,
          itemId: id,
          message: problem,
          related: [related(def, `${id} is defined here`)],
        });
        continue;
      }
      if (isVerb(ref.role)) {
        // Code counts from source files that are not tests; verification only from tests (verbs.ts).
        if (verbCountsIn(ref.role, ref.inTest)) needList(state, VERBS[ref.role].need).push(ref);
      } else if (ref.role === 'link') {
        // A link attribute may meet a need of its target (`Mitigates` meets `mitigated`).
        const fromDef = this.defs.get(ref.fromItem!)?.[0];
        const satisfies = fromDef && this.config.kinds[fromDef.kind]?.links[ref.attribute!]?.satisfies;
        if (satisfies === 'mitigated' || satisfies === 'implemented' || satisfies === 'verified')
          needList(state, satisfies).push(ref);
      }
    }
    this.states.set(id, state);
    if (kind) this.checkNeeds(state, kind, findings);
    pushAll(findings, this.suspects(def, references));
    return findings;
  }

  private checkNeeds(state: ItemState, kind: KindConfig, findings: Finding[]): void {
    const { def } = state;
    const label = def.title ? `${def.id} (${def.title})` : def.id;
    const gap = (code: TraceCode, message: string) =>
      findings.push({ code, severity: 'warning', file: def.file, ...def.idRange, itemId: def.id, message });
    const attr = (name: string) => def.attributes.find((a) => a.name === name)?.value.trim() ?? '';
    for (const need of kind.needs) {
      if (need === 'implemented') {
        if (state.implementations.length > 0) state.met.push(need);
        else
          gap(
            'not-implemented',
            `${label} is not implemented: no @implements${kind.interface ? ' or @interface' : ''} in a source file`,
          );
      } else if (need === 'verified') {
        // Only @verifies annotations in tests have results; a document link that satisfies `verified` counts without them.
        const annotations = state.verifications.filter((r) => r.role === 'verifies');
        const v = itemVerification(def.id, annotations, this.verification);
        state.verification = v;
        if (v.mode === 'annotated-only') {
          if (state.verifications.length > 0) state.met.push(need);
          else gap('not-verified', `${label} is not verified: no @verifies in a test file`);
        } else if (v.tests.length === 0 && state.verifications.length === 0) {
          gap('not-verified', `${label} is not verified: no @verifies in a test file`);
        } else if (
          verificationFindings(def, label, v, findings) ||
          (v.tests.length === 0 && state.verifications.length > 0)
        ) {
          state.met.push(need);
        }
      } else if (need === 'mitigated') {
        const status = attr('status').toLowerCase();
        const accepted = ACCEPTED.has(status);
        if (accepted && !attr('rationale')) {
          gap(
            'acceptance-without-rationale',
            `${label} has Status ${status} but no Rationale: record why the risk is ${status}`,
          );
        }
        if (state.mitigations.length > 0 || (accepted && attr('rationale'))) state.met.push(need);
        else if (!accepted) {
          gap(
            'not-mitigated',
            `${label} is not mitigated: no risk control names it in Mitigates and no code has @mitigates ${def.id} (or set Status: accepted with a Rationale)`,
          );
        }
      } else if (need === 'in-manifest') {
        // Gaps are reported by the SOUP check (soup-stale); here only coverage.
        if (this.isInManifest(def.id)) state.met.push(need);
      } else if (need === 'enforced') {
        const rule = def.attributes.find((a) => a.name === 'rule');
        const ids = (rule?.value ?? '')
          .split(/[\s,]+/)
          .map((s) => s.replace(/^`|`$/g, ''))
          .filter(Boolean);
        const bad = ids.filter((r) => !this.isRuleEnabled(r));
        if (ids.length > 0 && bad.length === 0) state.met.push(need);
        else {
          const where = rule?.valueRange ?? def.idRange;
          findings.push({
            code: 'coding-rule-unenforced',
            severity: 'warning',
            file: def.file,
            ...where,
            itemId: def.id,
            message:
              ids.length === 0
                ? `${label} names no rule: add 'Rule: <language>/<name>' with an enabled secure-coding rule`
                : `${label} is not enforced: ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} unknown or turned off`,
          });
        }
      } else if (need.startsWith('links:')) {
        const attribute = need.slice(6);
        const valid = state.links.filter((r) => r.attribute === attribute && this.isValidLink(r));
        if (valid.length > 0) state.met.push(need);
        else {
          const present = def.attributes.find((a) => a.name === attribute && a.value.trim());
          if (!present && !kind.required.includes(attribute)) {
            findings.push({
              code: 'malformed-item',
              severity: 'error',
              file: def.file,
              ...def.idRange,
              itemId: def.id,
              message: `${def.id} has no ${attribute} link, which items of kind ${def.kind} need to be covered`,
            });
          } else if (present && !state.links.some((r) => r.attribute === attribute)) {
            findings.push({
              code: 'malformed-item',
              severity: 'error',
              file: def.file,
              ...present.valueRange,
              itemId: def.id,
              message:
                `${def.id}: ${present.key} names no ${kind.links[attribute]?.targets.join(' or ') ?? ''} item`.replace(
                  / {2}/g,
                  ' ',
                ),
            });
          }
        }
      }
    }
  }

  private isValidLink(ref: Reference): boolean {
    const target = this.defs.get(ref.id)?.[0];
    return !!target && this.targetProblem(ref, target, this.config.kinds[target.kind]) === undefined;
  }
}
