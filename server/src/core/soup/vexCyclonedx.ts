/**
 * CycloneDX VEX (JSON, spec 1.4–1.6: a BOM with `vulnerabilities[]` and their `analysis`)
 * → {@link VexStatement}s with OpenVEX statuses and justifications (docs/vulnerabilities.md,
 * Where VEX comes from, for the mapping table). Pure: a parsed JSON tree in, data out.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { child, nodeRange, quoted, readEntry, stringAt } from './manifestCommon';
import { isoTimestamp, VexJustification, VexParseResult, VexStatement, VexStatus, vexLinks } from './vexStatement';

/** CycloneDX `analysis.state` → OpenVEX status. */
export const CDX_STATE_TO_STATUS: Readonly<Record<string, VexStatus>> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
};

/** CycloneDX `analysis.justification` → OpenVEX justification. */
export const CDX_JUSTIFICATION_TO_OPENVEX: Readonly<Record<string, VexJustification>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const SPEC_VERSIONS = ['1.4', '1.5', '1.6'];

/** Every component (nested ones too, and `metadata.component`) by `bom-ref`: its purl, else its name. */
function componentRefs(root: JsonNode): { refs: Map<string, string>; product?: string } {
  const refs = new Map<string, string>();
  const stack: JsonNode[] = [];
  const product = child(child(root, 'metadata'), 'component');
  if (product) stack.push(product);
  for (const c of child(root, 'components')?.children ?? []) stack.push(c);
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const c = stack.pop() as JsonNode;
    if (c.type !== 'object') continue;
    const ref = stringAt(c, 'bom-ref');
    const id = stringAt(c, 'purl')?.trim() || stringAt(c, 'name')?.trim();
    if (ref && id && !refs.has(ref)) refs.set(ref, id);
    for (const n of child(c, 'components')?.children ?? []) stack.push(n);
  }
  return { refs, product: product ? stringAt(product, 'bom-ref') : undefined };
}

function decodeRef(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Reads the vulnerabilities of a CycloneDX BOM whose root is `root`. */
export function parseCycloneDxVex(file: string, root: JsonNode, lines: LineIndex): VexParseResult {
  const result: VexParseResult = { statements: [], problems: [], notes: [] };
  const spec = stringAt(root, 'specVersion')?.trim() ?? '';
  if (!SPEC_VERSIONS.includes(spec))
    result.notes.push(
      `CycloneDX specVersion ${quoted(spec)} is not one of ${SPEC_VERSIONS.join(', ')}; read as CycloneDX 1.6`,
    );
  const metadata = child(root, 'metadata');
  const authors = (child(metadata, 'authors')?.children ?? [])
    .map((a) => stringAt(a, 'name')?.trim())
    .filter((a): a is string => !!a);
  const docAuthor = authors.length > 0 ? authors.join(', ') : undefined;
  const docTime = isoTimestamp(stringAt(metadata, 'timestamp'));
  const vulnerabilities = child(root, 'vulnerabilities');
  if (!vulnerabilities) {
    result.notes.push('CycloneDX BOM without vulnerabilities: no VEX statement in it');
    return result;
  }
  if (vulnerabilities.type !== 'array') {
    result.problems.push({
      message: `${file}: 'vulnerabilities' must be an array; no statement was read`,
      range: nodeRange(lines, vulnerabilities),
    });
    return result;
  }
  const { refs, product } = componentRefs(root);
  for (const [i, node] of (vulnerabilities.children ?? []).entries()) {
    readEntry(
      result.problems,
      () => `vulnerability ${i + 1}`,
      () => nodeRange(lines, node),
      () => {
        const range = nodeRange(lines, node);
        const id = stringAt(node, 'id')?.trim();
        if (node.type !== 'object' || !id) {
          result.problems.push({ message: `vulnerability ${i + 1} has no 'id'; it was not read`, range });
          return;
        }
        const analysis = child(node, 'analysis');
        const state = stringAt(analysis, 'state')?.trim();
        if (!state) return; // a vulnerability without analysis is a finding of a scanner, not a decision
        const status = CDX_STATE_TO_STATUS[state];
        if (!status) {
          result.problems.push({
            message: `${id}: unknown analysis.state ${quoted(state)}; expected one of ${Object.keys(CDX_STATE_TO_STATUS).join(', ')}; it was not read`,
            range: nodeRange(lines, child(analysis, 'state') ?? node),
          });
          return;
        }
        const aliases: string[] = [];
        for (const r of child(node, 'references')?.children ?? []) {
          const alias = stringAt(r, 'id')?.trim();
          if (alias && alias !== id && !aliases.includes(alias)) aliases.push(alias);
        }
        const products: string[] = [];
        for (const a of child(node, 'affects')?.children ?? []) {
          const ref = stringAt(a, 'ref')?.trim();
          // The BOM's own product: the statement is about every package of it.
          if (!ref || ref === product) continue;
          // A BOM-Link (`urn:cdx:SERIAL/VERSION#bom-ref`) names a component by its ref after `#`.
          const hash = ref.startsWith('urn:cdx:') ? ref.indexOf('#') : -1;
          const local = hash >= 0 ? decodeRef(ref.slice(hash + 1)) : ref;
          if (local === product) continue;
          const target = refs.get(local) ?? ref;
          if (!products.includes(target)) products.push(target);
        }
        const statement: VexStatement = {
          vulnerability: id,
          aliases,
          products,
          status,
          links: [],
          source: 'cyclonedx',
          file,
          range,
        };
        const cdxJustification = stringAt(analysis, 'justification')?.trim();
        if (cdxJustification) {
          const mapped = CDX_JUSTIFICATION_TO_OPENVEX[cdxJustification];
          if (mapped) statement.justification = mapped;
          else
            result.problems.push({
              message: `${id}: unknown analysis.justification ${quoted(cdxJustification)}; it is read without one`,
              range: nodeRange(lines, child(analysis, 'justification') ?? node),
            });
        }
        const detail = stringAt(analysis, 'detail')?.trim() || undefined;
        const responses = (child(analysis, 'response')?.children ?? [])
          .filter((r) => r.type === 'string')
          .map((r) => r.value as string);
        if (status === 'not_affected') {
          const impact = detail ?? (state === 'false_positive' ? 'false positive' : undefined);
          if (impact) statement.impactStatement = impact;
        } else if (status === 'affected') {
          const action = [responses.length > 0 ? `response: ${responses.join(', ')}` : '', detail ?? '']
            .filter(Boolean)
            .join('; ');
          if (action) statement.actionStatement = action;
        } else if (detail) statement.statusNotes = detail;
        if (docAuthor) statement.author = docAuthor;
        const timestamp =
          isoTimestamp(stringAt(analysis, 'lastUpdated')) ?? isoTimestamp(stringAt(analysis, 'firstIssued')) ?? docTime;
        if (timestamp) statement.timestamp = timestamp;
        statement.links = vexLinks(statement.impactStatement, statement.actionStatement, statement.statusNotes);
        result.statements.push(statement);
      },
    );
  }
  return result;
}
