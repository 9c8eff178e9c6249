import * as path from 'node:path';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { CheckOptions, FailOn, OutputFormat, runCheck } from './check';
import { runInit } from './init';
import { CHECK_HELP, INIT_HELP, LSP_HELP, MAIN_HELP, REPORT_HELP, REVIEW_HELP } from './usage';
import { runReview } from './review';
import { runReport } from './report/runReport';
import { VEX_HELP, vexCommand } from './vexCommand';
import { escapeControls } from '../output/text';
import { UsageError } from './usageError';
import { VERSION } from '../version';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

const FORMATS = ['text', 'json', 'sarif'];
const LEVELS = ['error', 'warning', 'note', 'never'];

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // node's messages are long and mention parseArgs; keep the gist on one line.
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(msg.replace(/^Unknown option '(.*?)'.*$/, "unknown option '$1'"));
  }
}

/**
 * The `seclife` command. Returns the exit code; never throws. Human-readable output — stderr,
 * and stdout of `report` and `review` — is escaped for the terminal (issue 11, D17): workspace
 * text cannot set the title, colour the output or forge lines. (`check`'s text format escapes
 * its own parts and keeps its colours; JSON and SARIF are data.)
 */
export async function main(argv: string[], rawIo: Io, startServer?: (args: string[]) => void): Promise<number> {
  const io: Io = { ...rawIo, stderr: (s) => rawIo.stderr(escapeControls(s, true)) };
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      const topics: Record<string, string> = {
        check: CHECK_HELP,
        init: INIT_HELP,
        lsp: LSP_HELP,
        review: REVIEW_HELP,
        report: REPORT_HELP,
        vex: VEX_HELP,
      };
      io.stdout(topics[topic ?? ''] ?? MAIN_HELP);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'vex') return await vexCommand(rest, io);
    if (command === 'report') {
      const { values, positionals } = parse(rest, {
        out: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return (io.stdout(REPORT_HELP), 0);
      if (positionals.length > 1) throw new UsageError(`report takes one directory, got ${positionals.length}`);
      if (typeof values.out !== 'string' || values.out === '')
        throw new UsageError('report needs --out <dir> (where to write index.html, report.md and matrix.csv)');
      const run = await runReport({
        dir: positionals[0] ?? '.',
        out: values.out,
        cwd: io.cwd,
        failOn: failOnOption(values['fail-on']),
        sourceDateEpoch: io.env.SOURCE_DATE_EPOCH,
      });
      io.stdout(escapeControls(run.stdout, true));
      return run.exitCode;
    }
    if (command === 'review') {
      const { values, positionals } = parse(rest, {
        accept: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return (io.stdout(REVIEW_HELP), 0);
      if (positionals.length > 1) throw new UsageError(`review takes one directory, got ${positionals.length}`);
      if (values.all && values.accept) throw new UsageError('--all and --accept exclude each other');
      io.stdout(
        escapeControls(
          await runReview({
            dir: positionals[0] ?? '.',
            cwd: io.cwd,
            accept: (values.accept as string[] | undefined) ?? [],
            all: values.all === true,
          }),
          true,
        ),
      );
      return 0;
    }
    if (command === 'init') {
      const { values, positionals } = parse(rest, {
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return (io.stdout(INIT_HELP), 0);
      if (positionals.length > 1) throw new UsageError(`init takes one directory, got ${positionals.length}`);
      const dir = positionals[0] ?? '.';
      const result = await runInit(path.resolve(io.cwd, dir), values.force === true);
      for (const f of result.written) io.stdout(`created ${f}\n`);
      for (const f of result.kept) io.stdout(`kept    ${f} (exists; --force overwrites)\n`);
      io.stdout(
        `\nNext: annotate code with '// @implements SR-001' and tests with '// @verifies SR-001', then run 'seclife check${dir === '.' ? '' : ' ' + dir}'.\n`,
      );
      return 0;
    }
    if (command === 'lsp') {
      const { values } = parse(rest, {
        stdio: { type: 'boolean' },
        'node-ipc': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        clientProcessId: { type: 'string' },
      });
      if (values.help) return (io.stdout(LSP_HELP), 0);
      if (!startServer) throw new UsageError('the language server is not part of this build');
      startServer(rest);
      return -1; // keeps running
    }
    throw new UsageError(`unknown command '${command}' (see 'seclife --help')`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`seclife: ${e.message}\n`);
      return 2;
    }
    io.stderr(`seclife: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

/** `--fail-on <level>`, validated; undefined when not given (the gate's `failOn` applies). */
function failOnOption(value: unknown): FailOn | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !LEVELS.includes(value))
    throw new UsageError(`unknown --fail-on level '${String(value)}' (expected error, warning, note or never)`);
  return value as FailOn;
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return (io.stdout(CHECK_HELP), 0);
  const format = (values.format as string | undefined) ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (expected text, json or sarif)`);
  const failOn = failOnOption(values['fail-on']);
  if (positionals.length > 1)
    throw new UsageError(`check takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const options: CheckOptions = {
    dir: positionals[0] ?? '.',
    format: format as OutputFormat,
    output: values.output as string | undefined,
    failOn,
    quiet: values.quiet === true,
    cwd: io.cwd,
    color:
      io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== ''
        ? io.env.FORCE_COLOR !== '0'
        : io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb',
  };
  const result = await runCheck(options);
  if (result.stdout) io.stdout(result.stdout);
  if (result.stderr) io.stderr(result.stderr);
  return result.exitCode;
}
