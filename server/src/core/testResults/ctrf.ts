/**
 * CTRF JSON test reports (Common Test Report Format), as the ctrf reference implementation,
 * jest-ctrf-json-reporter and mocha-ctrf-json-reporter write them
 * (test/fixtures/test-results/README.md). The values come from JSON.parse; the positions of
 * the test objects (`at`) and of a syntax error from jsonc-parser's visitor, which builds
 * no tree. A report that does not have the CTRF shape is problems, never a throw.
 *
 * Statuses: `passed`, `failed`; `skipped` and `pending` are skipped; `other` is todo
 * (jest writes test.todo as `other` with `rawStatus: "todo"`), and so is a `pending` test
 * whose `rawStatus` is `todo`; any other status is a problem and counts as skipped, never
 * as a pass.
 */
import { ParseError, printParseErrorCode, visit } from 'jsonc-parser';
import {
  addProblem,
  countTotals,
  LIMITS,
  LineCounter,
  normaliseMessage,
  Position,
  pushProperty,
  TestCaseResult,
  TestResultFile,
  TestResultProblem,
  TestStatus,
} from './model';

export interface CtrfParseLimits {
  maxCases?: number;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseCtrf(file: string, text: string, limits: CtrfParseLimits = {}): TestResultFile {
  const maxCases = limits.maxCases ?? LIMITS.maxCases;
  const problems: TestResultProblem[] = [];
  const result: TestResultFile = {
    file,
    format: 'ctrf',
    totals: countTotals([]),
    cases: [],
    problems,
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const deep = tooDeep(body, LIMITS.maxDepth);
  if (deep >= 0) {
    const at = new LineCounter(body).at(deep);
    addProblem(problems, {
      message: `JSON nested deeper than ${LIMITS.maxDepth} arrays/objects: the file is not read`,
      line: at.line,
      column: at.column,
    });
    return result;
  }
  let doc: Json;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    addProblem(problems, syntaxProblem(body, e));
    return result;
  }
  const results = isObject(doc) ? doc.results : undefined;
  if (!isObject(results)) {
    addProblem(problems, { message: 'not a CTRF report: no `results` object' });
    return result;
  }
  const tests = results.tests;
  if (!Array.isArray(tests)) {
    addProblem(problems, { message: 'not a CTRF report: `results.tests` is not an array' });
    return result;
  }
  const positions = testPositions(body, Math.min(tests.length, maxCases));
  if (tests.length > maxCases) {
    addProblem(problems, { message: `more than ${maxCases} tests: the rest are not read` });
  }
  const cases: TestCaseResult[] = [];
  for (let i = 0; i < tests.length && i < maxCases; i++) {
    const c = toCase(tests[i], i, positions[i] ?? { line: 1, column: 1 }, problems);
    if (c) cases.push(c);
  }
  result.cases = cases;
  result.totals = countTotals(cases);

  const tool = isObject(results.tool) ? results.tool : undefined;
  const generatedBy = isObject(doc) && typeof doc.generatedBy === 'string' ? doc.generatedBy : undefined;
  const reporter = generatedBy ? /^(\w+)-ctrf/.exec(generatedBy) : null;
  if (reporter) result.dialect = `${reporter[1]}-ctrf`;
  else if (typeof tool?.name === 'string' && tool.name !== '') result.dialect = tool.name;

  const env = isObject(results.environment) ? results.environment : undefined;
  if (typeof env?.commit === 'string' && env.commit.trim() !== '') result.commit = env.commit.trim();

  const summary = isObject(results.summary) ? results.summary : undefined;
  if (isObject(doc) && typeof doc.timestamp === 'string') result.timestamp = doc.timestamp;
  else if (typeof summary?.start === 'number' && Number.isFinite(summary.start)) {
    const d = new Date(summary.start);
    if (!Number.isNaN(d.getTime())) result.timestamp = d.toISOString();
  }
  if (
    typeof summary?.start === 'number' &&
    typeof summary.stop === 'number' &&
    summary.stop >= summary.start &&
    Number.isFinite(summary.stop - summary.start)
  ) {
    result.durationMs = summary.stop - summary.start;
  } else if (typeof summary?.duration === 'number' && Number.isFinite(summary.duration)) {
    result.durationMs = summary.duration;
  }
  return result;
}

/**
 * Offset of the first `[`/`{` (outside strings) nested deeper than `max`, or -1. Checked
 * before anything is parsed: jsonc-parser's visitor recurses once per level, and 100,000
 * `[` would run it out of stack.
 */
function tooDeep(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

function syntaxProblem(text: string, e: unknown): TestResultProblem {
  // The error's position from jsonc-parser (JSON.parse's message format varies by version).
  let first: { error: ParseError['error']; offset: number; line: number; column: number } | undefined;
  try {
    visit(
      text,
      {
        onError(error, offset, _length, startLine, startCharacter) {
          first ??= { error, offset, line: startLine + 1, column: startCharacter + 1 };
        },
      },
      { allowTrailingComma: false, disallowComments: true },
    );
  } catch {
    // Invalid JSON the depth check counts differently from the visitor (its recovery
    // skips some closing brackets): the problem is JSON.parse's message, without a position.
  }
  const detail = first ? printParseErrorCode(first.error) : e instanceof Error ? e.message : String(e);
  const p: TestResultProblem = { message: `invalid JSON: ${detail}` };
  if (first) {
    p.line = first.line;
    p.column = first.column;
  }
  return p;
}

/**
 * 1-based start of each entry of `results.tests` (objects and any other value, so a bad
 * entry's problem is at the entry and the entries after it keep theirs), from one visitor
 * pass (no tree). A later `tests` overrides an earlier, as in JSON.parse.
 */
function testPositions(text: string, max: number): Position[] {
  const out: Position[] = [];
  let depth = 0;
  // Root object (depth 0) → results (1) → tests array (2) → an entry (3).
  const entry = (startLine: number, startCharacter: number, pathSupplier: () => (string | number)[]) => {
    if (depth !== 3) return;
    const path = pathSupplier();
    if (path.length === 3 && path[0] === 'results' && path[1] === 'tests' && typeof path[2] === 'number') {
      if (path[2] < max) out[path[2]] = { line: startLine + 1, column: startCharacter + 1 };
    }
  };
  visit(text, {
    onObjectBegin(_offset, _length, startLine, startCharacter, pathSupplier) {
      entry(startLine, startCharacter, pathSupplier);
      depth++;
    },
    onObjectEnd() {
      depth--;
    },
    onArrayBegin(_offset, _length, startLine, startCharacter, pathSupplier) {
      entry(startLine, startCharacter, pathSupplier);
      depth++;
    },
    onArrayEnd() {
      depth--;
    },
    onLiteralValue(_value, _offset, _length, startLine, startCharacter, pathSupplier) {
      entry(startLine, startCharacter, pathSupplier);
    },
  });
  return out;
}

function toCase(t: Json, index: number, at: Position, problems: TestResultProblem[]): TestCaseResult | undefined {
  if (!isObject(t)) {
    addProblem(problems, { message: `results.tests[${index}] is not an object`, line: at.line, column: at.column });
    return undefined;
  }
  if (typeof t.name !== 'string') {
    addProblem(problems, { message: `results.tests[${index}] has no name`, line: at.line, column: at.column });
    return undefined;
  }
  const raw = typeof t.rawStatus === 'string' ? t.rawStatus.toLowerCase() : undefined;
  let status: TestStatus;
  switch (t.status) {
    case 'passed':
      status = 'passed';
      break;
    case 'failed':
      status = 'failed';
      break;
    case 'skipped':
      status = 'skipped';
      break;
    case 'pending':
      status = raw === 'todo' ? 'todo' : 'skipped';
      break;
    case 'other':
      status = 'todo';
      break;
    default:
      addProblem(problems, {
        message: `results.tests[${index}] '${normaliseMessage(t.name) ?? ''}': unknown status ${JSON.stringify(t.status)?.slice(0, 40)}, counted as skipped`,
        line: at.line,
        column: at.column,
      });
      status = 'skipped';
  }
  const c: TestCaseResult = {
    name: t.name,
    suitePath: suitePath(t.suite),
    status,
    properties: properties(t),
    at,
  };
  if (typeof t.filePath === 'string' && t.filePath !== '') c.file = t.filePath;
  if (typeof t.line === 'number' && Number.isSafeInteger(t.line) && t.line > 0) c.line = t.line;
  if (typeof t.message === 'string' && status !== 'passed') {
    const m = normaliseMessage(t.message);
    if (m !== undefined) c.message = m;
  }
  if (typeof t.duration === 'number' && Number.isFinite(t.duration) && t.duration >= 0) c.durationMs = t.duration;
  // retries: extra attempts (jest: 2 for a test that failed every time); retryAttempts: the
  // earlier attempts (reference implementation). Either way attempts = 1 + retries.
  const retries = Math.max(
    typeof t.retries === 'number' && Number.isSafeInteger(t.retries) && t.retries > 0 ? t.retries : 0,
    Array.isArray(t.retryAttempts) ? t.retryAttempts.length : 0,
  );
  if (retries > 0) c.attempts = retries + 1;
  if (t.flaky === true) c.flaky = true;
  return c;
}

/** `suite` is an array in the CTRF schema; jest-ctrf-json-reporter writes a string joined by ` > `. */
function suitePath(suite: Json): string[] {
  if (Array.isArray(suite)) return suite.filter((s): s is string => typeof s === 'string');
  if (typeof suite === 'string' && suite !== '') return suite.split(' > ');
  return [];
}

/** `labels` and `extra` (string/number/boolean values, or arrays of them) and `tags` as properties. */
function properties(t: Record<string, Json>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let count = 0;
  const add = (key: string, v: Json) => {
    if (count >= LIMITS.maxProperties) return;
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') continue;
      pushProperty(out, key, String(x));
      count++;
    }
  };
  for (const bag of [t.labels, t.extra]) {
    if (isObject(bag)) for (const [k, v] of Object.entries(bag)) add(k, v);
  }
  if (Array.isArray(t.tags)) add('tags', t.tags);
  return out;
}
