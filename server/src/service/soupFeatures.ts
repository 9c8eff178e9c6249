/**
 * SOUP in the editor: hover on a manifest dependency (its SOUP item, or why it has none),
 * and the quick fix that adds a SOUP item for a `soup-missing` dependency.
 */
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  Hover,
  MarkupKind,
  Position,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { tableHeaderAbove } from './markdownTable';
import { pushAll } from '../core/arrays';
import type { Dependency, ResolvedPackage } from '../core/soup/dependency';
import { packageLabel } from '../core/soup/dependencyGraph';
import type { AdvisoryHit, CheckedPackage } from '../core/soup/soupCheck';
import type { NotCheckedReason, SoupDependencyStatus } from '../core/soup/soupStatus';
import { normalizeKey } from '../core/ids';
import { plainInline } from '../core/markdown/attributeLine';
import { escapeMarkdownInline as md } from '../core/markdown/escapeInline';
import { splitTableRow } from '../core/markdown/tableRow';
import { FileIndex } from '../core/fileIndex';
import { ItemDef } from '../core/model';
import { LineIndex } from '../core/text';
import { ServiceContext, toLspRange } from './context';
import { displayKey } from './completionItems';

/** Where the quick fix creates the SOUP list when the workspace has none (first one the `documents` globs accept). */
export const NEW_SOUP_DOCUMENTS = ['docs/security/soup.md', 'security/soup.md', 'docs/soup.md'];
/** Columns of a new SOUP table. */
export const SOUP_COLUMNS = ['ID', 'Title', 'Version', 'Supplier', 'Class', 'Package', 'Requires', 'Vulnerabilities'];

/** The prefix of the kind that needs `in-manifest` (SOUP by default). */
export function soupPrefix(ctx: ServiceContext): string | undefined {
  return Object.values(ctx.engine.config.kinds).find((k) => k.needs.includes('in-manifest'))?.prefix;
}

/** The dependency under the cursor: the entry whose range holds it, else the one on that line before it. */
export function dependencyAt(ctx: ServiceContext, path: string, position: Position): Dependency | undefined {
  const index = ctx.engine.fileIndex(path);
  const deps = index?.role === 'manifest' ? (index.manifest?.dependencies ?? []) : [];
  const line = position.line + 1;
  const column = position.character + 1;
  const onLine = deps.filter((d) => d.range.line <= line && line <= d.range.endLine);
  const inside = onLine.find(
    (d) => (d.range.line < line || d.range.column <= column) && (line < d.range.endLine || column <= d.range.endColumn),
  );
  if (inside) return inside;
  return onLine
    .filter((d) => d.range.line === line && d.range.column <= column)
    .sort((a, b) => b.range.column - a.range.column)[0];
}

/**
 * The engine's SOUP status of a dependency (SeclifeEngine.soupDependencyStatus), with the
 * covering item only when it is of the kind the quick fix adds ({@link soupPrefix}).
 */
function statusOf(ctx: ServiceContext, dependency: Dependency): SoupDependencyStatus {
  const status = ctx.engine.soupDependencyStatus(dependency);
  return status.item && status.item.kind !== soupPrefix(ctx) ? { ...status, item: undefined } : status;
}

/** Why a dependency needs no SOUP item, as the hover says it. */
function notCheckedText(reason: NotCheckedReason, dependency: Dependency): string {
  switch (reason) {
    case 'not-selected':
      return `${dependency.file} is not read by the SOUP check (only the root's manifests and npm workspace members are, unless \`manifests\` is set in seclife.json)`;
    case 'workspace':
      return 'a package of this workspace: not third-party software';
    case 'transitive':
      return 'a transitive dependency: only direct dependencies need a SOUP item';
    case 'dev':
      return 'a devDependency: not checked (set `"devDependencies": true` in seclife.json to require SOUP items for them)';
  }
}

const attr = (item: ItemDef, name: string) => item.attributes.find((a) => a.name === name)?.value.trim() ?? '';

/**
 * Hover on a dependency in a manifest: its SOUP item (ID, title, Version, Class, Supplier,
 * dispositions, the advisories of the indirect packages it brings in) or why it has none;
 * on any other package of a lockfile or SBOM, {@link packageHover}.
 */
export function dependencyHover(ctx: ServiceContext, path: string, position: Position): Hover | undefined {
  const dependency = dependencyAt(ctx, path, position);
  if (!dependency) return packageHover(ctx, path, position);
  const { resolved, item, notChecked, versionCovered, vulnerabilities } = statusOf(ctx, dependency);
  // A transitive entry of a lockfile or SBOM: what the package hover says (its path, the item answering for it).
  if (notChecked === 'transitive') {
    const indirect = packageHover(ctx, path, position);
    if (indirect) return indirect;
  }
  const name = dependency.alias ? `${md(dependency.alias)} → ${md(dependency.name)}` : md(dependency.name);
  const spec =
    dependency.spec && dependency.spec !== resolved.version ? ` \`${dependency.spec.replace(/`/g, "'")}\`` : '';
  const lines = [
    `**${name}**${spec}${resolved.version ? ` · resolved ${md(resolved.version)}` : ''} · ${md(dependency.source)}${dependency.dev ? ' · dev' : ''}`,
    '',
    '---',
    '',
  ];
  if (item) {
    lines.push(`**${item.id}**${item.title ? ` · *${md(item.title)}*` : ''}`, '');
    const version = attr(item, 'version');
    const facts = [
      `Version: ${version ? md(version) : '*missing*'}`,
      `Class: ${attr(item, 'class') ? md(attr(item, 'class')) : '*missing*'}`,
      `Supplier: ${attr(item, 'supplier') ? md(attr(item, 'supplier')) : '*missing*'}`,
    ];
    lines.push(facts.join(' · '));
    if (versionCovered !== undefined && resolved.version) {
      lines.push(
        '',
        versionCovered
          ? `✓ Version covers ${md(resolved.version)}`
          : `⚠ Version ${md(version)} does not cover ${md(resolved.version)}`,
      );
    }
    // Advisories of the indirect packages this dependency brings in, with their paths (docs/soup.md).
    const indirect = ctx.engine
      .vulnerabilityHits()
      .filter((h) => h.itemId === item.id && h.indirect?.root && sameDependency(h.indirect.root, dependency));
    const indirectIds = new Set(indirect.flatMap((h) => h.ids));
    const rows = vulnerabilities
      .filter(({ advisory, id }) => advisory || !indirectIds.has(id.toUpperCase()))
      .map(({ id, advisory, disposition }) =>
        disposition
          ? `- ${md(id)}: ${md(disposition.status)}${disposition.justification ? ` — ${md(disposition.justification)}` : ''}`
          : `- ⚠ ${md(id)}${advisory?.summary ? ` (${md(advisory.summary)})` : ''}: no disposition`,
      );
    for (const h of indirect) rows.push(hitRow(h, true));
    if (rows.length) pushAll(lines, ['', 'Vulnerabilities:', ...rows]);
    lines.push('', `Defined in \`${item.file}:${item.idRange.line}\``);
  } else if (notChecked) {
    lines.push(`No SOUP item needed: ${notCheckedText(notChecked, dependency)}.`);
  } else {
    const where = resolved.file !== dependency.file ? ` in \`${resolved.file}:${resolved.range.line}\`` : '';
    lines.push(
      `⚠ No SOUP item — quick fix available${where}: *Add ${soupPrefix(ctx) ?? 'SOUP'} entry for ${md(dependency.name)}*`,
    );
  }
  return { range: toLspRange(dependency.range), contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}

/** Whether two declarations are the same dependency (a lockfile entry and its package.json line). */
const sameDependency = (a: Dependency, b: Dependency) =>
  a.ecosystem === b.ecosystem && a.name === b.name && (a.alias ?? '') === (b.alias ?? '');

/** `express@4.21.2 > body-parser@1.20.3` (a `>` inside a line is no quote: not escaped). */
const pathText = (via: readonly ResolvedPackage[]) => via.map((p) => md(packageLabel(p))).join(' > ');

/** One advisory of a hover's list: ID, summary, (for an indirect one) package and path, disposition. */
function hitRow(h: AdvisoryHit, withPath: boolean): string {
  const where =
    withPath && h.indirect
      ? ` · ${md(packageLabel(h.indirect.pkg))}${h.indirect.via.length ? ` via ${pathText(h.indirect.via)}` : ''}`
      : '';
  const d = h.disposition;
  return d
    ? `- ${md(h.advisory.id)}${where}: ${md(d.status)}${d.justification ? ` — ${md(d.justification)}` : ''}`
    : `- ⚠ ${md(h.advisory.id)}${h.advisory.summary ? ` (${md(h.advisory.summary)})` : ''}${where}: no disposition`;
}

/** The entry holding a 1-based line and column (ranges are 1-based, end inclusive as dependencyAt reads them). */
function holds(r: { line: number; column: number; endLine: number; endColumn: number }, line: number, column: number) {
  return (
    r.line <= line &&
    line <= r.endLine &&
    (r.line < line || r.column <= column) &&
    (line < r.endLine || column <= r.endColumn)
  );
}

/** The package of a lockfile's or SBOM's graph whose entry holds the position. */
export function graphPackageAt(ctx: ServiceContext, path: string, position: Position): ResolvedPackage | undefined {
  const index = ctx.engine.fileIndex(path);
  const packages = index?.role === 'manifest' ? (index.manifest?.graph?.packages ?? []) : [];
  return packages.find((p) => holds(p.range, position.line + 1, position.character + 1));
}

/**
 * Where the SOUP check placed a graph package (soupCheck.ts, placeIndirect): under a SOUP
 * item (its own, or its direct dependency's), or among the orphans. The same package in
 * another lockfile counts when this one was not placed (one place per item and version).
 */
function placementOf(
  ctx: ServiceContext,
  path: string,
  pkg: ResolvedPackage,
): { at: CheckedPackage; itemId?: string } | undefined {
  const prefix = soupPrefix(ctx);
  const same = (p: CheckedPackage) =>
    p.pkg.ecosystem === pkg.ecosystem && p.pkg.name === pkg.name && p.pkg.version === pkg.version;
  let elsewhere: { at: CheckedPackage; itemId?: string } | undefined;
  for (const state of prefix ? ctx.engine.items() : []) {
    if (state.def.kind !== prefix) continue;
    for (const at of ctx.engine.soupIndirectPackages(state.def.id)) {
      if (at.file === path && at.pkg.key === pkg.key) return { at, itemId: state.def.id };
      if (!elsewhere && same(at)) elsewhere = { at, itemId: state.def.id };
    }
  }
  for (const at of ctx.engine.soupOrphanPackages()) {
    if (at.file === path && at.pkg.key === pkg.key) return { at };
    if (!elsewhere && same(at)) elsewhere = { at };
  }
  return elsewhere;
}

/**
 * Hover on a package entry of a lockfile or SBOM that is no direct dependency: its resolved
 * version and path (`via express@4.21.2 > body-parser@1.20.3`), the SOUP item answering for
 * it (its own, or the one of the direct dependency that brings it in), the advisories
 * affecting it with their dispositions; a dev-only, unreachable or unchecked package says so
 * (docs/vscode.md, Hovers on dependencies).
 */
export function packageHover(ctx: ServiceContext, path: string, position: Position): Hover | undefined {
  const pkg = graphPackageAt(ctx, path, position);
  if (!pkg) return undefined;
  const index = ctx.engine.fileIndex(path);
  const graph = index?.role === 'manifest' ? index.manifest?.graph : undefined;
  const flags = [pkg.dev ? 'dev' : '', pkg.optional ? 'optional' : ''].filter(Boolean);
  const lines = [
    `**${md(pkg.name)}**${pkg.version ? ` ${md(pkg.version)}` : ''} · ${md(pkg.ecosystem)} · indirect${flags.map((f) => ` · ${f}`).join('')}`,
  ];
  const placed = placementOf(ctx, path, pkg);
  if (placed?.at.via.length) lines.push('', `via ${pathText(placed.at.via)}`);
  else if (graph && !graph.edges)
    lines.push('', `${md(path)} records no dependency edges: which direct dependency brings it in is not known`);
  else if (placed && !placed.at.root) lines.push('', 'Not reachable from any direct dependency');
  lines.push('', '---', '');
  if (!placed) {
    lines.push(
      pkg.dev && !ctx.engine.config.devDependencies
        ? 'A development-only package: not checked (set `"devDependencies": true` in seclife.json to check it).'
        : `Not checked: ${md(path)} is not read by the SOUP check, or the package is installed for a package of this workspace only.`,
    );
    return { range: toLspRange(pkg.range), contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
  }
  const root = placed.at.root;
  const item = placed.itemId ? ctx.engine.graphView.definitions(placed.itemId)[0] : undefined;
  if (item) {
    const whose =
      root && ctx.engine.soupDependencyStatus(root).item?.id === item.id
        ? `the SOUP item of ${md(root.alias ?? root.name)}, which brings it in`
        : 'its own SOUP item';
    lines.push(`**${item.id}**${item.title ? ` · *${md(item.title)}*` : ''} — ${whose}`);
  } else {
    const parent = root ? (root.alias ?? root.name) : pkg.name;
    lines.push(
      `⚠ No SOUP item answers for it: add one for ${md(parent)}${root ? ` (quick fix at \`${root.file}:${root.range.line}\`)` : ''}`,
    );
  }
  const hits = ctx.engine
    .vulnerabilityHits()
    .filter(
      (h) =>
        h.itemId === placed.itemId && h.ecosystem === pkg.ecosystem && h.name === pkg.name && h.version === pkg.version,
    );
  if (hits.length) pushAll(lines, ['', 'Vulnerabilities:', ...hits.map((h) => hitRow(h, false))]);
  if (item) lines.push('', `Defined in \`${item.file}:${item.idRange.line}\``);
  return { range: toLspRange(pkg.range), contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}

/**
 * The ID for a package: `<PREFIX>-<name>` within the ID grammar (`[0-9A-Za-z][0-9A-Za-z_.]*`):
 * the npm scope's `@` is dropped and every run of other characters (`/`, `-`, `_`, …) becomes
 * one `.` (`@fastify/cors` → `SOUP-fastify.cors`, `node-postgres` → `SOUP-node.postgres`).
 * `.` rather than `_`: two `_` in a table cell read as emphasis in Markdown. An ID that is
 * taken gets `.2`, `.3`, ….
 */
export function soupIdFor(ctx: ServiceContext, prefix: string, name: string): string {
  const suffix =
    name
      .replace(/[^0-9A-Za-z.]+/g, '.')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'item';
  const base = `${prefix}-${suffix}`;
  const taken = (id: string) => ctx.engine.graphView.definitions(id).length > 0;
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}.${n}`;
  return id;
}

/** The document that holds most items of a kind (ties: the first path). */
function documentWithMost(ctx: ServiceContext, prefix: string): FileIndex | undefined {
  let best: { index: FileIndex; n: number } | undefined;
  for (const path of ctx.engine.filePaths()) {
    const index = ctx.engine.fileIndex(path);
    if (index?.role !== 'document') continue;
    const n = index.items.filter((i) => i.kind === prefix).length;
    if (n > 0 && (!best || n > best.n)) best = { index, n };
  }
  return best?.index;
}

interface NewEntry {
  id: string;
  name: string;
  version: string;
  purl?: string;
}

/** A table cell value (`|` escaped). */
const cell = (s: string) => s.replace(/\|/g, '\\|');

function cellFor(column: string, entry: NewEntry): string {
  switch (normalizeKey(plainInline(column))) {
    case 'id':
      return entry.id;
    case 'title':
    case 'package':
    case 'packages':
      return cell(entry.name);
    case 'version':
      return cell(entry.version);
    case 'purl':
      return cell(entry.purl ?? '');
    default:
      return '';
  }
}

/** A row after the last row of the table holding `last` (a row item), cells by header. */
function tableRowEdit(text: string, last: ItemDef, entry: NewEntry, eol: string): TextEdit | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const row0 = last.range.line - 1;
  const table = tableHeaderAbove(lines, row0);
  if (!table) return undefined;
  const header = table.header;
  const columns = splitTableRow(header).map(([s, e]) => header.slice(s, e));
  let end = row0;
  while (end + 1 < lines.length && lines[end + 1].trim() !== '' && lines[end + 1].includes('|')) end++;
  const row = lines[end];
  const lead = /^\s*\|/.test(row) ? '| ' : '';
  const trail = /\|\s*$/.test(row) ? ' |' : '';
  return {
    range: { start: { line: end, character: row.length }, end: { line: end, character: row.length } },
    newText: eol + lead + columns.map((c) => cellFor(c, entry)).join(' | ') + trail,
  };
}

/** Attribute lines of a heading item: Version, Supplier, Class, the kind's other required ones, Package. */
function attributeLines(ctx: ServiceContext, prefix: string, entry: NewEntry): string[] {
  const names = ['version', 'supplier', 'class'];
  for (const r of ctx.engine.config.kinds[prefix]?.required ?? []) if (!names.includes(r)) names.push(r);
  const value = (n: string) => (n === 'version' ? entry.version : '');
  return [
    ...names.map((n) => `${displayKey(ctx, n)}: ${value(n)}`.trimEnd() + (value(n) ? '' : ' ')),
    `Package: ${entry.name}`,
  ];
}

/** A heading item after the section of the last heading item of the kind. */
function headingEdit(
  ctx: ServiceContext,
  text: string,
  last: ItemDef,
  prefix: string,
  entry: NewEntry,
  eol: string,
): TextEdit {
  const lines = text.split(/\r\n|\r|\n/);
  let end = Math.min(last.endLine, lines.length) - 1;
  while (end > last.range.line - 1 && lines[end].trim() === '') end--;
  const stub = [`${'#'.repeat(last.level)} ${entry.id}: ${entry.name}`, ...attributeLines(ctx, prefix, entry)];
  const next = lines[end + 1];
  const newText = eol + eol + stub.join(eol) + (next !== undefined && next.trim() !== '' ? eol : '');
  const at = { line: end, character: lines[end].length };
  return { range: { start: at, end: at }, newText };
}

function newTable(entry: NewEntry, eol: string): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return (
    [row(SOUP_COLUMNS), row(SOUP_COLUMNS.map(() => '---')), row(SOUP_COLUMNS.map((c) => cellFor(c, entry)))].join(eol) +
    eol
  );
}

/** The path of a new SOUP document: the first candidate the `documents` globs accept (`<fixed part of a glob>/soup.md` last). */
function newDocumentPath(ctx: ServiceContext): string | undefined {
  const candidates = [...NEW_SOUP_DOCUMENTS];
  for (const glob of ctx.engine.config.documents) {
    const fixed: string[] = [];
    for (const segment of glob.replace(/^\.\//, '').split('/')) {
      if (/[*?[{]/.test(segment) || segment.endsWith('.md')) break;
      fixed.push(segment);
    }
    candidates.push([...fixed, 'soup.md'].join('/'));
  }
  return candidates.find((p) => ctx.engine.filter.classify(p)?.role === 'document');
}

/**
 * "Add SOUP entry for <name>" for a `soup-missing` diagnostic: a row in the SOUP table of the
 * document that holds the most SOUP items (ID from {@link soupIdFor}, Title and Package the
 * package name, Version the resolved version or else the declared range, Supplier and Class
 * empty to fill in); a heading item with attribute lines when the SOUP items are headings; a
 * new `docs/security/soup.md` with a table when there is no SOUP item yet.
 */
export function addSoupEntry(ctx: ServiceContext, path: string, d: Diagnostic): CodeAction | undefined {
  const prefix = soupPrefix(ctx);
  if (!prefix) return undefined;
  const dependency = dependencyAt(ctx, path, d.range.start);
  if (!dependency) return undefined;
  const { resolved, item, purl } = statusOf(ctx, dependency);
  if (item) return undefined; // stale diagnostic: already covered
  const version =
    resolved.version ?? (resolved.source === 'registry' || resolved.source === 'alias' ? (resolved.spec ?? '') : '');
  const entry: NewEntry = { id: soupIdFor(ctx, prefix, dependency.name), name: dependency.name, version };
  if (purl) entry.purl = purl;
  const title = `Add ${prefix} entry for ${dependency.name}`;
  const action = (edit: WorkspaceEdit): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit,
    isPreferred: true,
  });

  const index = documentWithMost(ctx, prefix);
  const text = index ? ctx.text(index.file) : undefined;
  if (index && text !== undefined) {
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    const items = index.items.filter((i) => i.kind === prefix).sort((a, b) => a.range.line - b.range.line);
    const rows = items.filter((i) => i.level === 0);
    const headings = items.filter((i) => i.level > 0);
    // Most items decide the form; the last one of that form is where the new one goes.
    const edit =
      rows.length >= headings.length
        ? tableRowEdit(text, rows[rows.length - 1], entry, eol)
        : headingEdit(ctx, text, headings[headings.length - 1], prefix, entry, eol);
    if (!edit) return undefined;
    return action({ changes: { [ctx.uri(index.file)]: [edit] } });
  }

  const target = newDocumentPath(ctx);
  if (!target) return undefined;
  const existing = ctx.text(target);
  if (existing !== undefined) {
    // A document without SOUP items: the table after its text, one blank line between.
    const eol = /\r\n/.test(existing) ? '\r\n' : '\n';
    const lines = new LineIndex(existing);
    const keep = existing.trimEnd().length;
    const from = lines.positionAt(keep);
    const to = lines.positionAt(existing.length);
    return action({
      changes: {
        [ctx.uri(target)]: [
          {
            range: {
              start: { line: from.line - 1, character: from.column - 1 },
              end: { line: to.line - 1, character: to.column - 1 },
            },
            newText: (keep > 0 ? eol + eol : '') + newTable(entry, eol),
          },
        ],
      },
    });
  }
  const uri = ctx.uri(target);
  const content = `# Third-party software items (SOUP)\n\nIEC 81001-5-1 clause 4.1.5: one row per third-party component. Fill in Supplier and Class (maintained, supported or required; a required item names its compensating requirement in Requires).\n\n${newTable(entry, '\n')}`;
  return action({
    documentChanges: [
      CreateFile.create(uri, { ignoreIfExists: true }),
      TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, content)]),
    ],
  });
}
