/** SARIF checks shared by the tests: the official 2.1.0 schema (Ajv) and the SARIF authors' multitool validator. */
import { accessSync, chmodSync, constants, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT } from './workspaces';

/** The official SARIF 2.1.0 schema (errata01, as shipped with the SARIF multitool), compiled once. */
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/sarif-2.1.0.json'), 'utf8'));
const formats = {
  uri: (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s),
  'uri-reference': () => true,
  'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
  uuid: (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
};
export const validateSarifSchema = new Ajv2020({ allErrors: true, formats }).compile(schema);

export const MULTITOOL = path.join(REPO_ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
/** The `skip` option of a test that needs the multitool. */
export const multitoolSkip = !existsSync(MULTITOOL) && 'sarif-multitool not installed';

interface ValidationResult {
  ruleIndex: number;
  level?: string;
  ruleId: string;
  message: { id?: string; text?: string; arguments?: string[] };
}

/**
 * Runs `Sarif.Multitool validate` on `input` (writing its report to `output`, which must not exist
 * yet) and returns its exit status and its errors and warnings as `rule: message` lines.
 */
export function multitoolProblems(input: string, output: string): { status: number | null; problems: string[] } {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    chmodSync(MULTITOOL, 0o755); // npm may skip the package's own chmod script
  }
  const v = spawnSync(MULTITOOL, ['validate', input, '-o', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  if (!existsSync(output))
    throw new Error(`the SARIF multitool wrote no report (exit ${v.status}): ${v.stdout}${v.stderr}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const rules = report.runs[0].tool.driver.rules ?? [];
  const problems = ((report.runs[0].results ?? []) as ValidationResult[])
    .map((res) => ({
      level: res.level ?? rules[res.ruleIndex]?.defaultConfiguration?.level ?? 'warning',
      text: `${res.ruleId}: ${res.message.text ?? `${res.message.id} ${JSON.stringify(res.message.arguments)}`}`,
    }))
    .filter((p) => p.level === 'error' || p.level === 'warning')
    .map((p) => p.text);
  return { status: v.status, problems };
}
