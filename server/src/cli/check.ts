import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEVERITY_RANK, Severity } from '../core/findings';
import { indexWorkspace } from '../core/indexer';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { boundedPatternRunner } from '../node/patternRunner';
import { buildJsonReport } from './jsonReport';
import { buildSarif } from './sarifReport';
import { formatText } from './textReport';
import { UsageError } from './usageError';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

export interface CheckOptions {
  dir: string;
  format: OutputFormat;
  output?: string;
  failOn: FailOn;
  quiet: boolean;
  cwd: string;
  color: boolean;
}

export interface CheckResult {
  exitCode: 0 | 1;
  /** The report when no `--output` was given. */
  stdout: string;
  stderr: string;
}

/** Runs `seclife check`: indexes the folder, formats the findings, decides the exit code (DESIGN §7). */
export async function runCheck(o: CheckOptions): Promise<CheckResult> {
  const root = path.resolve(o.cwd, o.dir);
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new UsageError(`cannot read '${o.dir}': no such directory`);
  }
  if (!stat.isDirectory()) throw new UsageError(`'${o.dir}' is not a directory`);
  try {
    await fs.readdir(root);
  } catch (e) {
    throw new UsageError(`cannot read '${o.dir}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const engine = await indexWorkspace(new FileSystemWorkspace(root), { patternRunner: boundedPatternRunner });
  const findings = engine.findings();
  let report: string;
  if (o.format === 'json') report = JSON.stringify(buildJsonReport(engine), null, 2) + '\n';
  else if (o.format === 'sarif') {
    report = JSON.stringify(buildSarif(findings, { rootUri: pathToFileURL(root).href.replace(/\/?$/, '/') }), null, 2) + '\n';
  } else {
    report = formatText(findings, engine.coverage(), engine.notes(), { root, cwd: o.cwd, color: o.color && !o.output, quiet: o.quiet });
  }
  const threshold = o.failOn === 'never' ? Infinity : SEVERITY_RANK[o.failOn];
  const failing = findings.filter((f) => !f.suppression && SEVERITY_RANK[f.severity] >= threshold);
  let stdout = report;
  let stderr = '';
  if (o.output) {
    const out = path.resolve(o.cwd, o.output);
    try {
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, report);
    } catch (e) {
      throw new UsageError(`cannot write '${o.output}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    stdout = '';
    const suppressed = findings.filter((f) => f.suppression).length;
    stderr = `seclife: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''} to ${o.output}\n`;
  }
  return { exitCode: failing.length > 0 ? 1 : 0, stdout, stderr };
}
