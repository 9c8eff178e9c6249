/**
 * CSAF 2.0 VEX documents (`document.category: csaf_vex`) → {@link VexStatement}s, one per
 * vulnerability and product ID in its `product_status` (docs/vulnerabilities.md, Where VEX
 * comes from). Products are the package URLs of the product tree
 * (`product_identification_helper.purl`), else their names. Pure: a parsed JSON tree in, data out.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { child, nodeRange, quoted, readEntry, stringAt } from './manifestCommon';
import { isoTimestamp, isVexJustification, VexParseResult, VexStatement, VexStatus, vexLinks } from './vexStatement';

/** `product_status` lists → OpenVEX status (`first_affected`/`last_affected` are affected, `first_fixed` fixed). */
const STATUS_LISTS: ReadonlyArray<[string, VexStatus]> = [
  ['known_not_affected', 'not_affected'],
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['under_investigation', 'under_investigation'],
];

interface Product {
  /** Package URL or name. */
  id: string;
}

/** Product IDs → purl or name, from branches (nested), full_product_names and relationships. */
function productTree(tree: JsonNode | undefined): { products: Map<string, Product>; groups: Map<string, string[]> } {
  const products = new Map<string, Product>();
  const named = (n: JsonNode | undefined, fallback?: string) => {
    const pid = stringAt(n, 'product_id')?.trim();
    if (!pid || products.has(pid)) return;
    const helper = child(n, 'product_identification_helper');
    const id = stringAt(helper, 'purl')?.trim() || fallback || stringAt(n, 'name')?.trim() || pid;
    products.set(pid, { id });
  };
  const stack: JsonNode[] = [...(child(tree, 'branches')?.children ?? [])];
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const b = stack.pop() as JsonNode;
    if (b.type !== 'object') continue;
    const product = child(b, 'product');
    if (product) named(product);
    for (const c of child(b, 'branches')?.children ?? []) stack.push(c);
  }
  for (const p of child(tree, 'full_product_names')?.children ?? []) named(p);
  // A relationship's product is its component (`product_reference`) as part of another product.
  const relationships = child(tree, 'relationships')?.children ?? [];
  for (const r of relationships) {
    const ref = stringAt(r, 'product_reference')?.trim();
    named(child(r, 'full_product_name'), ref ? products.get(ref)?.id : undefined);
  }
  const groups = new Map<string, string[]>();
  for (const g of child(tree, 'product_groups')?.children ?? []) {
    const gid = stringAt(g, 'group_id')?.trim();
    const ids = (child(g, 'product_ids')?.children ?? []).filter((c) => c.type === 'string').map((c) => c.value);
    if (gid) groups.set(gid, ids as string[]);
  }
  return { products, groups };
}

interface Scoped {
  node: JsonNode;
  productIds: Set<string>;
}

/** The entries of a list (flags, threats, remediations) with the product IDs each is about. */
function scoped(list: JsonNode | undefined, groups: Map<string, string[]>): Scoped[] {
  const out: Scoped[] = [];
  for (const node of list?.children ?? []) {
    if (node.type !== 'object') continue;
    const ids = new Set<string>();
    for (const c of child(node, 'product_ids')?.children ?? []) if (c.type === 'string') ids.add(c.value as string);
    for (const c of child(node, 'group_ids')?.children ?? [])
      if (c.type === 'string') for (const p of groups.get(c.value as string) ?? []) ids.add(p);
    out.push({ node, productIds: ids });
  }
  return out;
}

/** Reads the vulnerabilities of a CSAF VEX document whose root is `root`. */
export function parseCsafVex(file: string, root: JsonNode, lines: LineIndex): VexParseResult {
  const result: VexParseResult = { statements: [], problems: [], notes: [] };
  const document = child(root, 'document');
  const version = stringAt(document, 'csaf_version')?.trim();
  if (version !== '2.0') result.notes.push(`CSAF version ${quoted(version ?? '')} is not 2.0; read as CSAF 2.0`);
  const author = stringAt(child(document, 'publisher'), 'name')?.trim() || undefined;
  const tracking = child(document, 'tracking');
  const docTime =
    isoTimestamp(stringAt(tracking, 'current_release_date')) ??
    isoTimestamp(stringAt(tracking, 'initial_release_date'));
  const { products, groups } = productTree(child(root, 'product_tree'));
  const vulnerabilities = child(root, 'vulnerabilities');
  if (!vulnerabilities || vulnerabilities.type !== 'array') {
    result.problems.push({
      message: `${file}: a CSAF VEX document needs a 'vulnerabilities' array; no statement was read`,
      range: nodeRange(lines, vulnerabilities ?? root),
    });
    return result;
  }
  for (const [i, node] of (vulnerabilities.children ?? []).entries()) {
    readEntry(
      result.problems,
      () => `vulnerability ${i + 1}`,
      () => nodeRange(lines, node),
      () => {
        const ids: string[] = [];
        const cve = stringAt(node, 'cve')?.trim();
        if (cve) ids.push(cve);
        for (const x of child(node, 'ids')?.children ?? []) {
          const text = stringAt(x, 'text')?.trim();
          if (text && !ids.includes(text)) ids.push(text);
        }
        if (node.type !== 'object' || ids.length === 0) {
          result.problems.push({
            message: `vulnerability ${i + 1} has no 'cve' or 'ids'; it was not read`,
            range: nodeRange(lines, node),
          });
          return;
        }
        const [vulnerability, ...aliases] = ids;
        const flags = scoped(child(node, 'flags'), groups);
        const threats = scoped(child(node, 'threats'), groups).filter((t) => stringAt(t.node, 'category') === 'impact');
        const remediations = scoped(child(node, 'remediations'), groups);
        const status = child(node, 'product_status');
        for (const [list, vexStatus] of STATUS_LISTS) {
          for (const entry of child(status, list)?.children ?? []) {
            if (entry.type !== 'string') continue;
            const pid = entry.value as string;
            const range = nodeRange(lines, entry);
            const product = products.get(pid);
            if (!product)
              result.notes.push(
                `${vulnerability}: product ${quoted(pid)} is not in the product tree; the statement names the product ID`,
              );
            const statement: VexStatement = {
              vulnerability,
              aliases: [...aliases],
              products: [product?.id ?? pid],
              status: vexStatus,
              links: [],
              source: 'csaf',
              file,
              range,
            };
            const about = (s: Scoped) => s.productIds.has(pid);
            const flag = flags.find(about);
            const dates: Array<string | undefined> = [];
            if (vexStatus === 'not_affected' && flag) {
              const label = stringAt(flag.node, 'label')?.trim() ?? '';
              if (isVexJustification(label)) statement.justification = label;
              else
                result.problems.push({
                  message: `${vulnerability}: unknown flag label ${quoted(label)}; it is read without a justification`,
                  range: nodeRange(lines, child(flag.node, 'label') ?? flag.node),
                });
              dates.push(stringAt(flag.node, 'date'));
            }
            const details = (list: Scoped[]) =>
              list
                .filter(about)
                .map((s) => {
                  dates.push(stringAt(s.node, 'date'));
                  return stringAt(s.node, 'details')?.trim() ?? '';
                })
                .filter(Boolean)
                .join(' ');
            if (vexStatus === 'not_affected') {
              const impact = details(threats);
              if (impact) statement.impactStatement = impact;
            } else if (vexStatus === 'affected') {
              const action = details(remediations);
              if (action) statement.actionStatement = action;
            } else {
              const notes = details(remediations);
              if (notes) statement.statusNotes = notes;
            }
            if (author) statement.author = author;
            const dated = dates.map(isoTimestamp).filter((d): d is string => d !== undefined);
            const timestamp = dated.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? docTime;
            if (timestamp) statement.timestamp = timestamp;
            statement.links = vexLinks(statement.impactStatement, statement.actionStatement, statement.statusNotes);
            result.statements.push(statement);
          }
        }
      },
    );
  }
  return result;
}
