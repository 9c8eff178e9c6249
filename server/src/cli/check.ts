import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FailOn, formatGate } from '../core/gate';
import { buildJsonReport } from '../output/json';
import { buildSarif } from '../output/sarif';
import { escapeControls, formatText } from '../output/text';
import { vulnerabilityCounts } from '../core/soup/vulnerabilityRecords';
import { UnsafeWriteError, writeOutputFile } from '../node/safeWrite';
import { UsageError } from './usageError';
import { indexFolder } from './workspaceDir';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type { FailOn } from '../core/gate';

export interface CheckOptions {
  dir: string;
  format: OutputFormat;
  output?: string;
  /** `--fail-on`; when absent, `gate.failOn` of seclife.json, else `error`. */
  failOn?: FailOn;
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

/** Runs `seclife check`: indexes the folder, formats the findings, decides the exit code (docs/ci.md, Exit codes). */
export async function runCheck(o: CheckOptions): Promise<CheckResult> {
  const { root, engine } = await indexFolder(o.cwd, o.dir);
  const findings = engine.findings();
  const gate = engine.gate(o.failOn, findings);
  const verification = { mode: engine.verificationMode(), resultFiles: engine.testResultFiles() };
  // Gate messages name kinds and codes from seclife.json: escaped for the terminal (D17).
  const gateText =
    gate.configured || !gate.passed
      ? formatGate(gate)
          .map((l) => escapeControls(l))
          .join('\n') + '\n'
      : '';
  let report: string;
  if (o.format === 'json') report = JSON.stringify({ ...buildJsonReport(engine), gate }, null, 2) + '\n';
  else if (o.format === 'sarif') {
    report =
      JSON.stringify(
        buildSarif(findings, { rootUri: pathToFileURL(root).href.replace(/\/?$/, '/'), verification }),
        null,
        2,
      ) + '\n';
  } else {
    const showPath = (file: string) => path.relative(o.cwd, path.join(root, file)).split(path.sep).join('/') || '.';
    report = formatText(findings, engine.coverage(), engine.notes(), {
      showPath,
      color: o.color && !o.output,
      quiet: o.quiet,
      verification,
      vulnerabilities: vulnerabilityCounts(engine),
    });
    // Without a configured gate, a failing default (`failOn error`) is already plain from the findings.
    if (gate.configured) report += `\n${gateText}`;
  }
  let stdout = report;
  // JSON and SARIF stay machine-readable on stdout; the gate's explanation goes to stderr.
  let stderr = o.format !== 'text' && gate.configured ? gateText : '';
  if (o.output) {
    const out = path.resolve(o.cwd, o.output);
    try {
      writeOutputFile(root, out, report, o.output);
    } catch (e) {
      if (e instanceof UnsafeWriteError) throw new UsageError(`cannot write '${o.output}': ${e.message}`);
      throw new UsageError(`cannot write '${o.output}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    stdout = '';
    const suppressed = findings.filter((f) => f.suppression).length;
    stderr += `seclife: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''} to ${escapeControls(o.output)}\n`;
  }
  return { exitCode: gate.passed ? 0 : 1, stdout, stderr };
}
