import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { SeclifeEngine } from '../../core/engine';
import { FileSystemWorkspace } from '../../node/fileSystemWorkspace';
import { FailOn, formatGate } from '../../core/gate';
import { buildReportModel } from '../../core/report/buildReport';
import { ReportModel } from '../../core/report/reportModel';
import { UnsafeWriteError, writeOutputFile } from '../../node/safeWrite';
import { VERSION } from '../../version';
import { UsageError } from '../usageError';
import { indexFolder } from '../workspaceDir';
import { renderReportFiles } from '../../output/report/reportFiles';
import { quotePath } from '../../output/text';
import { basisText } from '../../output/verificationText';

export interface ReportOptions {
  dir: string;
  out: string;
  cwd: string;
  failOn?: FailOn;
  /** SOURCE_DATE_EPOCH (seconds), for a dated yet reproducible report. */
  sourceDateEpoch?: string;
}

export interface ReportRun {
  exitCode: 0 | 1;
  stdout: string;
  model: ReportModel;
}

function dateFrom(epoch: string | undefined): string | undefined {
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got '${epoch}'`);
  return new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * SHA-256 of each test-result file's bytes, read as the engine read them (a regular file in
 * the workspace, within maxFileSize): the report names exactly which runs it rests on. A
 * file that cannot be read again has no hash.
 */
async function resultFileHashes(engine: SeclifeEngine, ws: FileSystemWorkspace): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { file } of engine.testResultFiles()) {
    try {
      const content = await ws.readFileIfSmaller(file, engine.sizeLimit(file));
      if (typeof content !== 'number') out.set(file, createHash('sha256').update(content).digest('hex'));
    } catch {
      // unreadable now (removed, replaced by a link): the report shows no hash
    }
  }
  return out;
}

/** `seclife report`: indexes the folder and writes index.html, report.md and matrix.csv to `out`. */
export async function runReport(o: ReportOptions): Promise<ReportRun> {
  const date = dateFrom(o.sourceDateEpoch);
  const { root, engine, ws, commit, gitNotes } = await indexFolder(o.cwd, o.dir);
  const model = buildReportModel(engine, {
    tool: { name: 'seclife', version: VERSION },
    project: path.basename(root),
    commit,
    date,
    failOn: o.failOn,
    resultFileHashes: await resultFileHashes(engine, ws),
  });
  const out = path.resolve(o.cwd, o.out);
  const files = renderReportFiles(model);
  try {
    for (const [name, text] of Object.entries(files))
      writeOutputFile(root, path.join(out, name), text, path.join(o.out, name));
  } catch (e) {
    if (e instanceof UnsafeWriteError) throw new UsageError(`cannot write '${o.out}': ${e.message}`);
    throw new UsageError(`cannot write '${o.out}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const shown = path.relative(o.cwd, out) || '.';
  const lines = [
    `wrote ${Object.keys(files)
      .map((f) => quotePath(path.join(shown, f)))
      .join(', ')}`,
    `${model.items.length} items, ${model.counts.error + model.counts.warning + model.counts.note} open findings, ${model.suspectLinks.length} suspect links`,
    `verification: ${basisText(model.verification)}`,
    ...formatGate(model.gate),
  ];
  if (!commit && gitNotes.length) lines.push(`note: commit unknown: .git: ${gitNotes[0]}`);
  return { exitCode: model.gate.passed ? 0 : 1, stdout: lines.join('\n') + '\n', model };
}
