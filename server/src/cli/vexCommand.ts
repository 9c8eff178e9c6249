/**
 * `seclife vex [dir] --format openvex|cyclonedx [--output file]`: one VEX document for the
 * product, from the SOUP items' dispositions and the workspace's VEX files
 * (docs/vulnerabilities.md, `seclife vex`).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SeclifeEngine } from '../core/engine';
import { ItemDef } from '../core/model';
import { dispositionStatements } from '../core/soup/vexFromDispositions';
import { VexStatement } from '../core/soup/vexStatement';
import { UnsafeWriteError, writeOutputFile } from '../node/safeWrite';
import { escapeControls } from '../output/text';
import { serializeVexDocument, VexEntry, vexEntries, VexFormat, VexHit } from '../output/vexDocument';
import { VERSION } from '../version';
import { UsageError } from './usageError';
import { indexFolder } from './workspaceDir';

export const VEX_HELP = `Usage: seclife vex [dir] [options]

Writes one VEX document for the workspace at dir (default: the current
directory): every advisory affecting a package in use, with the decision that
applies — the SOUP item's Vulnerabilities disposition or a statement of a VEX
file (OpenVEX, CycloneDX VEX, CSAF VEX) found by the 'vex' globs. Advisories
without a decision are written as under_investigation.

Options:
  -f, --format <fmt>     openvex (default) or cyclonedx (CycloneDX 1.6)
  -o, --output <file>    Write the document to a file instead of standard output
      --author <name>    The document's author (default: the folder's name)
  -h, --help             Show this help

The output is reproducible: statements are sorted, the document ID is a hash
of its content, and its time is the newest decision's (else SOURCE_DATE_EPOCH,
else 1970-01-01).
`;

const FORMATS: VexFormat[] = ['openvex', 'cyclonedx'];

/** What the command needs of main.ts's `Io` (declared here so the two files do not import each other). */
export interface VexIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface VexOptions {
  dir: string;
  cwd: string;
  format: VexFormat;
  output?: string;
  author?: string;
  /** SOURCE_DATE_EPOCH (seconds): the document's time when no decision is dated. */
  sourceDateEpoch?: string;
}

export interface VexRun {
  stdout: string;
  stderr: string;
  entries: VexEntry[];
}

/**
 * Every advisory affecting a resolved package — direct or indirect, on a SOUP item or an
 * orphan package (engine.vulnerabilityHits) — and the SOUP items by ID.
 */
function soupHits(engine: SeclifeEngine): { hits: VexHit[]; items: Map<string, ItemDef> } {
  const items = new Map<string, ItemDef>();
  for (const state of engine.items()) items.set(state.def.id, state.def);
  const hits: VexHit[] = engine.vulnerabilityHits().map((h) => ({
    advisory: h.advisory,
    name: h.name,
    version: h.version,
    ecosystem: h.ecosystem,
    ...(h.purl !== undefined && { purl: h.purl }),
    ...(h.itemId !== undefined && { itemId: h.itemId }),
  }));
  return { hits, items };
}

/** Every statement of the workspace's VEX files, in file path order. */
function fileStatements(engine: SeclifeEngine): VexStatement[] {
  const out: VexStatement[] = [];
  for (const file of engine.filePaths()) {
    const index = engine.fileIndex(file);
    if (index?.role === 'vex' && index.vex) for (const st of index.vex) out.push(st);
  }
  return out;
}

function dateFrom(epoch: string | undefined): string | undefined {
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got '${epoch}'`);
  return new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Runs `seclife vex`: indexes the folder, decides each advisory, writes the document. */
export async function runVex(o: VexOptions): Promise<VexRun> {
  const fallbackTimestamp = dateFrom(o.sourceDateEpoch);
  const { root, engine } = await indexFolder(o.cwd, o.dir);
  const { hits, items } = soupHits(engine);
  const cache = new Map<string, VexStatement[]>();
  const itemStatements = (id: string) => {
    let list = cache.get(id);
    if (!list) {
      const item = items.get(id);
      cache.set(id, (list = item ? dispositionStatements(item) : []));
    }
    return list;
  };
  // `now` only dates findings, which the document does not carry.
  const entries = vexEntries(hits, itemStatements, fileStatements(engine), engine.config.vulnerabilities, new Date(0));
  const project = path.basename(root);
  const text = serializeVexDocument(entries, {
    format: o.format,
    author: o.author ?? project,
    product: project,
    tool: { name: 'seclife', version: VERSION },
    ...(fallbackTimestamp && { fallbackTimestamp }),
  });
  const undecided = entries.filter((e) => !e.statement).length;
  const summary = `${entries.length} advisor${entries.length === 1 ? 'y' : 'ies'} affecting packages in use${
    undecided ? ` (${undecided} without a decision, written as under_investigation)` : ''
  }`;
  let stderr =
    entries.length === 0 ? 'seclife: no advisory affects a package in use: the document has no statements\n' : '';
  if (!o.output) return { stdout: text, stderr, entries };
  try {
    writeOutputFile(root, path.resolve(o.cwd, o.output), text, o.output);
  } catch (e) {
    if (e instanceof UnsafeWriteError) throw new UsageError(`cannot write '${o.output}': ${e.message}`);
    throw new UsageError(`cannot write '${o.output}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  stderr += `seclife: wrote ${o.format === 'openvex' ? 'OpenVEX' : 'CycloneDX VEX'} for ${summary} to ${escapeControls(o.output)}\n`;
  return { stdout: '', stderr, entries };
}

/** The `vex` command of `seclife` (main.ts): parses its arguments and runs it. */
export async function vexCommand(args: string[], io: VexIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        author: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(msg.replace(/^Unknown option '(.*?)'.*$/, "unknown option '$1'"));
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.stdout(VEX_HELP), 0);
  const format = values.format ?? 'openvex';
  if (!FORMATS.includes(format as VexFormat))
    throw new UsageError(`unknown format '${format}' (expected openvex or cyclonedx)`);
  if (positionals.length > 1) throw new UsageError(`vex takes one directory, got ${positionals.length}`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  if (values.author !== undefined && values.author.trim() === '') throw new UsageError('--author needs a name');
  const run = await runVex({
    dir: positionals[0] ?? '.',
    cwd: io.cwd,
    format: format as VexFormat,
    ...(values.output !== undefined && { output: values.output }),
    ...(values.author !== undefined && { author: values.author.trim() }),
    sourceDateEpoch: io.env.SOURCE_DATE_EPOCH,
  });
  if (run.stdout) io.stdout(run.stdout);
  if (run.stderr) io.stderr(run.stderr);
  return 0;
}
