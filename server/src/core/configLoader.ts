import Ajv, { ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, ParseError, printParseErrorCode, Node as JsonNode } from 'jsonc-parser';
import { ConfigInput, resolveConfig, SeclifeConfig } from './config';
import { CONFIG_SCHEMA } from './configSchema';
import { pushAll } from './arrays';
import { Finding } from './findings';
import { checkConfigGlobs } from './globs';
import { LineIndex } from './text';

export const CONFIG_FILE = 'seclife.json';

export interface LoadedConfig {
  config: SeclifeConfig;
  /** `config-error` findings located in `seclife.json`; when any, `config` holds the defaults. */
  findings: Finding[];
  /** `seclife.json` exactly as read (undefined when the workspace has none). */
  text?: string;
  /** Where each custom rule's `pattern` is written (for findings about the rule at run time). */
  customRuleLocations?: Record<string, { line: number; column: number; endLine: number; endColumn: number }>;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  return validator(data) ? [] : (validator.errors ?? []);
}

function configError(lines: LineIndex, start: number, end: number, message: string): Finding {
  const a = lines.positionAt(start);
  const b = lines.positionAt(Math.max(end, start + 1));
  return {
    code: 'config-error',
    severity: 'error',
    message,
    file: CONFIG_FILE,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
  };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `'${error.instancePath.slice(1).replace(/\//g, '.')}'` : 'the configuration';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key '${(error.params as { additionalProperty: string }).additionalProperty}' in ${where}`;
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Parses and validates `seclife.json` text. Syntax and schema errors become
 * `config-error` findings with their location; the run then uses the defaults.
 */
export function parseConfig(text: string | undefined, settings?: ConfigInput): LoadedConfig {
  const loaded = parseConfigText(text, settings);
  pushAll(loaded.findings, settingsGlobFindings(settings));
  return { ...loaded, text };
}

/**
 * Editor-setting globs over a limit of globs.ts (docs/configuration.md#globs): a
 * `config-error` naming the setting, at the top of seclife.json (where the configuration's
 * findings live). The glob matches nothing; the others apply — reported, not a silently
 * unread file set.
 */
function settingsGlobFindings(settings: ConfigInput | undefined): Finding[] {
  if (!settings) return [];
  return checkConfigGlobs(settings, 'the editor configuration').map((p) => ({
    code: 'config-error',
    severity: 'error',
    file: CONFIG_FILE,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: `editor setting seclife.${p.path
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
      .join('')
      .slice(1)}: ${p.message}; it matches nothing`,
  }));
}

function parseConfigText(text: string | undefined, settings?: ConfigInput): LoadedConfig {
  const apply = (input: ConfigInput = {}) => resolveConfig(withSettings(input, settings));
  if (text === undefined) return { config: apply(), findings: [] };
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    // pathologically deep nesting exhausts the parser's stack
    return {
      config: apply(),
      findings: [configError(lines, 0, 1, 'seclife.json is nested too deeply to read; using the defaults')],
    };
  }
  if (errors.length > 0 || !tree) {
    const findings = errors.map((e) =>
      configError(
        lines,
        e.offset,
        e.offset + e.length,
        `seclife.json is not valid JSON: ${printParseErrorCode(e.error)}; using the defaults`,
      ),
    );
    if (findings.length === 0) findings.push(configError(lines, 0, 1, 'seclife.json is empty; using the defaults'));
    return { config: apply(), findings: findings.slice(0, 1) };
  }
  const data = JSON.parse(text) as unknown;
  const schemaErrors = validate(data);
  const findings: Finding[] = [];
  for (const error of dedupe(schemaErrors)) {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: JsonNode | undefined = findNodeAtLocation(
      tree,
      path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    );
    if (error.keyword === 'additionalProperties' && node?.type === 'object') {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      node = node.children?.find((c) => c.children?.[0]?.value === key)?.children?.[0] ?? node;
    }
    node ??= tree;
    findings.push(configError(lines, node.offset, node.offset + node.length, `${describe(error)}; using the defaults`));
  }
  if (findings.length === 0) pushAll(findings, checkPatterns(data as ConfigInput, tree, lines));
  // Globs over a limit of globs.ts (length, stars, braces, extglobs, count) are reported at the glob.
  if (findings.length === 0) {
    for (const p of checkConfigGlobs(data as ConfigInput)) {
      const node = findNodeAtLocation(tree, p.path) ?? tree;
      findings.push(configError(lines, node.offset, node.offset + node.length, `${p.message}; using the defaults`));
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (findings.length > 0) return { config: apply(), findings };
  const customRuleLocations: LoadedConfig['customRuleLocations'] = {};
  ((data as ConfigInput).customRules ?? []).forEach((rule, i) => {
    const node = findNodeAtLocation(tree, ['customRules', i, 'pattern']);
    if (!node) return;
    const {
      code: _c,
      severity: _s,
      message: _m,
      file: _f,
      ...range
    } = configError(lines, node.offset, node.offset + node.length, '');
    customRuleLocations[rule.id] = range;
  });
  return { config: apply(data as ConfigInput), findings: [], customRuleLocations };
}

/**
 * The configuration when `seclife.json` exists but cannot be read (a folder, a FIFO, a
 * dangling link, too large): the defaults and a `config-error` — never silently the
 * defaults, which would drop the gate (docs/security-model.md).
 */
export function unreadableConfig(why: string, settings?: ConfigInput): LoadedConfig {
  return {
    config: resolveConfig(withSettings({}, settings)),
    findings: [
      {
        code: 'config-error',
        severity: 'error',
        file: CONFIG_FILE,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        message: `${CONFIG_FILE} ${why}; the gate and every setting use the defaults`,
      },
      ...settingsGlobFindings(settings),
    ],
  };
}

/** Editor settings win over the file; `rules` merge per code. */
function withSettings(input: ConfigInput, settings: ConfigInput | undefined): ConfigInput {
  if (!settings) return input;
  const out: ConfigInput = { ...input };
  for (const [key, value] of Object.entries(settings) as Array<[keyof ConfigInput, unknown]>) {
    if (value === undefined || value === null) continue;
    // An empty glob list in the editor's settings means "not set"; an empty customRules means none.
    if (Array.isArray(value) && value.length === 0 && key !== 'customRules') continue;
    if (key === 'rules') out.rules = { ...input.rules, ...(value as ConfigInput['rules']) };
    else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** `oneOf` failures repeat the same location several times; keep the most specific error per path. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const prev = byPath.get(e.instancePath);
    if (!prev || prev.keyword === 'oneOf') byPath.set(e.instancePath, e);
  }
  return [...byPath.values()];
}

/** Custom-rule patterns must compile; a bad one is reported where it is written. */
function checkPatterns(input: ConfigInput, tree: JsonNode, lines: LineIndex): Finding[] {
  const out: Finding[] = [];
  (input.customRules ?? []).forEach((rule, i) => {
    try {
      new RegExp(rule.pattern);
    } catch (e) {
      const node = findNodeAtLocation(tree, ['customRules', i, 'pattern']) ?? tree;
      out.push(
        configError(
          lines,
          node.offset,
          node.offset + node.length,
          `custom rule '${rule.id}': invalid pattern (${(e as Error).message}); using the defaults`,
        ),
      );
    }
  });
  return out;
}
