/**
 * OpenVEX documents (spec 0.2.0, `@context` https://openvex.dev/ns/v0.2.0; 0.0.x documents
 * with a string `vulnerability` and string products are read too) → {@link VexStatement}s
 * (docs/vulnerabilities.md, Where VEX comes from). Pure: a parsed JSON tree in, data out.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { child, nodeRange, quoted, readEntry, stringAt } from './manifestCommon';
import {
  isoTimestamp,
  isVexJustification,
  VEX_STATUSES,
  VexParseResult,
  VexStatement,
  VexStatus,
  vexLinks,
} from './vexStatement';

/** The `@context` of the OpenVEX versions read; any other `https://openvex.dev/ns…` is read as 0.2.0 with a note. */
export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

/** Whether a document's `@context` names OpenVEX. */
export function isOpenVexContext(context: string | undefined): boolean {
  return typeof context === 'string' && /^https?:\/\/openvex\.dev\/ns(?:[/@]|$)/.test(context.trim());
}

const strings = (node: JsonNode | undefined): string[] =>
  node?.type === 'array'
    ? (node.children ?? []).filter((c) => c.type === 'string').map((c) => (c.value as string).trim())
    : [];

/** A product's `@id`, its `identifiers.purl`, and those of its subcomponents. */
function productIds(node: JsonNode): string[] {
  if (node.type === 'string') return [(node.value as string).trim()];
  if (node.type !== 'object') return [];
  const out: string[] = [];
  const add = (n: JsonNode) => {
    const id = stringAt(n, '@id');
    const purl = stringAt(child(n, 'identifiers'), 'purl');
    for (const v of [id, purl]) if (v && v.trim() && !out.includes(v.trim())) out.push(v.trim());
  };
  add(node);
  for (const sub of child(node, 'subcomponents')?.children ?? []) if (sub.type === 'object') add(sub);
  return out;
}

/** Reads the statements of an OpenVEX document whose root is `root`. */
export function parseOpenVex(file: string, root: JsonNode, lines: LineIndex): VexParseResult {
  const result: VexParseResult = { statements: [], problems: [], notes: [] };
  const context = stringAt(root, '@context')?.trim() ?? '';
  if (context !== OPENVEX_CONTEXT && !/\/ns\/v0\.0\.\d+$/.test(context) && context !== 'https://openvex.dev/ns')
    result.notes.push(`OpenVEX context ${quoted(context)} is not ${OPENVEX_CONTEXT}; read as OpenVEX 0.2.0`);
  const docAuthor = stringAt(root, 'author')?.trim() || undefined;
  const docTime = isoTimestamp(stringAt(root, 'last_updated')) ?? isoTimestamp(stringAt(root, 'timestamp'));
  const statements = child(root, 'statements');
  if (!statements || statements.type !== 'array') {
    result.problems.push({
      message: `${file}: an OpenVEX document needs a 'statements' array; no statement was read`,
      range: nodeRange(lines, statements ?? root),
    });
    return result;
  }
  for (const [i, node] of (statements.children ?? []).entries()) {
    readEntry(
      result.problems,
      () => `statement ${i + 1}`,
      () => nodeRange(lines, node),
      () => {
        const range = nodeRange(lines, node);
        if (node.type !== 'object') {
          result.problems.push({ message: `statement ${i + 1} is not an object; it was not read`, range });
          return;
        }
        const vuln = child(node, 'vulnerability');
        const name = (
          vuln?.type === 'string' ? (vuln.value as string) : (stringAt(vuln, 'name') ?? stringAt(vuln, '@id'))
        )?.trim();
        if (!name) {
          result.problems.push({
            message: `statement ${i + 1} names no vulnerability (vulnerability.name); it was not read`,
            range,
          });
          return;
        }
        const statusText = stringAt(node, 'status')?.trim() ?? '';
        if (!(VEX_STATUSES as readonly string[]).includes(statusText)) {
          result.problems.push({
            message: `statement ${i + 1} (${quoted(name)}) has ${statusText ? `unknown status ${quoted(statusText)}` : 'no status'}; expected one of ${VEX_STATUSES.join(', ')}; it was not read`,
            range: nodeRange(lines, child(node, 'status') ?? node),
          });
          return;
        }
        const aliases = [...strings(child(vuln, 'aliases')), ...strings(child(node, 'aliases'))];
        const vulnId = stringAt(vuln, '@id')?.trim();
        if (vulnId && vulnId !== name && !/^[a-z]+:\/\//i.test(vulnId)) aliases.push(vulnId);
        const products: string[] = [];
        for (const p of child(node, 'products')?.children ?? [])
          for (const id of productIds(p)) if (!products.includes(id)) products.push(id);
        const statement: VexStatement = {
          vulnerability: name,
          aliases: aliases.filter((a, k) => a && a !== name && aliases.indexOf(a) === k),
          products,
          status: statusText as VexStatus,
          links: [],
          source: 'openvex',
          file,
          range,
        };
        const justification = stringAt(node, 'justification')?.trim();
        if (justification) {
          if (isVexJustification(justification)) statement.justification = justification;
          else
            result.problems.push({
              message: `statement ${i + 1} (${quoted(name)}) has unknown justification ${quoted(justification)}; it is read without one`,
              range: nodeRange(lines, child(node, 'justification') ?? node),
            });
        }
        const text = (key: string) => stringAt(node, key)?.trim() || undefined;
        const impact = text('impact_statement');
        const action = text('action_statement');
        const notes = text('status_notes');
        if (impact) statement.impactStatement = impact;
        if (action) statement.actionStatement = action;
        if (notes) statement.statusNotes = notes;
        if (docAuthor) statement.author = docAuthor;
        const timestamp =
          isoTimestamp(stringAt(node, 'last_updated')) ?? isoTimestamp(stringAt(node, 'timestamp')) ?? docTime;
        if (timestamp) statement.timestamp = timestamp;
        statement.links = vexLinks(impact, action, notes);
        result.statements.push(statement);
      },
    );
  }
  return result;
}
