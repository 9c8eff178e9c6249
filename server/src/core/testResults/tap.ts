/**
 * TAP streams (Test Anything Protocol 12/13/14), in the dialects of
 * test/fixtures/test-results/README.md: node:test's tap reporter, node-tap v14+ (`tap`),
 * mocha's `--reporter tap`.
 *
 * Subtests are indented streams (4 spaces a level), each closed by its parent's own test
 * point AFTER its children; a test point with children is a suite (its name goes into the
 * children's suitePath), a test point without children is a case. So node:test's
 * describe/test and node-tap's `t.test` become suites and node-tap's assertions cases.
 *
 * The YAML diagnostics blocks (`---` … `...`) are not parsed as YAML (the project has no
 * YAML library): only the few keys used are read, line by line (`duration_ms`, `error`,
 * `message`, `location`, `at.fileName/lineNumber`, `type`, `externalID`), each bounded.
 * One pass over the text; cases, depth and problems are bounded (model.ts LIMITS).
 */
import {
  addProblem,
  countTotals,
  LIMITS,
  normaliseMessage,
  Position,
  TestCaseResult,
  TestResultFile,
  TestResultProblem,
  TestStatus,
} from './model';

export interface TapParseLimits {
  maxCases?: number;
  maxDepth?: number;
}

/** A test point as read, before it is known whether it is a case or a suite. */
interface Point {
  ok: boolean;
  name: string;
  directive?: 'skip' | 'todo';
  reason?: string;
  at: Position;
  indent: number;
  children: Point[];
  /** Levels of subtests below this point (0 without children). */
  height: number;
  yaml: Record<string, string>;
  /** The first line of plain (non-YAML) diagnostics after a `not ok` (mocha). */
  plainMessage?: string;
  durationMs?: number;
}

interface Frame {
  indent: number;
  points: Point[];
  /** `text` is the count as written (cut), for the problem when the count is not a safe integer. */
  plan?: { count: number; text: string; line: number };
}

// No `[ \t]*` before `(.*)`: two quantifiers over the same spaces backtrack quadratically.
const TEST_POINT = /^(not ok|ok)\b(.*)$/;
const PLAN = /^1\.\.(\d+)(?:\s*#\s*(.*))?$/;

export function parseTap(file: string, text: string, limits: TapParseLimits = {}): TestResultFile {
  const maxCases = limits.maxCases ?? LIMITS.maxCases;
  const maxDepth = limits.maxDepth ?? LIMITS.maxDepth;
  const problems: TestResultProblem[] = [];
  const frames: Frame[] = [];
  let pointCount = 0;
  let version: number | undefined;
  let stopped = false;
  let last: Point | undefined;
  let yaml:
    | { indent: number; line: number; point: Point; key?: string; blockFor?: string; nested?: string }
    | undefined;
  const summary: Record<string, number> = {};
  let sawSubtestComment = false;
  let sawTapSummaryObject = false;

  const frameFor = (indent: number): Frame => {
    // Frames deeper than this indent that are still open belong to a parent that never
    // closed them (a truncated stream): they are attached to the next point at this level.
    let frame = frames[frames.length - 1];
    if (!frame || frame.indent < indent) {
      frame = { indent, points: [] };
      frames.push(frame);
    }
    return frame;
  };

  let lineNo = 0;
  let start = base(text);
  while (start <= text.length && !stopped) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    let line = text.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const indent = line.length - line.trimStart().length;
    const body = line.slice(indent);

    if (yaml) {
      if (body === '...' && indent === yaml.indent) {
        yaml = undefined;
        continue;
      }
      readYamlLine(yaml, indent, body);
      continue;
    }
    if (body === '') continue;

    if (lineNo === 1 || (version === undefined && pointCount === 0)) {
      const v = /^TAP version (\d+)$/i.exec(body);
      if (v) {
        version = Number(v[1]);
        continue;
      }
    }
    const tp = TEST_POINT.exec(body);
    if (tp) {
      // Suites are test points too: bounding the points bounds the cases and the memory.
      if (pointCount >= maxCases) {
        addProblem(problems, {
          message: `more than ${maxCases} test points: the rest of the file is not read`,
          line: lineNo,
          column: 1,
        });
        stopped = true;
        break;
      }
      pointCount++;
      const point = readPoint(tp[1] === 'ok', tp[2].trimStart(), { line: lineNo, column: indent + 1 }, indent);
      // Its children are the points of the deeper frames opened since the last point here.
      while (frames.length > 0 && frames[frames.length - 1].indent > indent) {
        const child = frames.pop() as Frame;
        checkPlan(child, problems);
        for (const p of child.points) {
          point.children.push(p);
          point.height = Math.max(point.height, p.height + 1);
        }
      }
      frameFor(indent).points.push(point);
      // The open levels above it plus the levels below it: node:test writes the children
      // before their parent, so a deep tree can be built from the leaves up.
      if (frames.length + point.height > maxDepth) {
        addProblem(problems, {
          message: `subtests nested deeper than ${maxDepth}: the rest of the file is not read`,
          line: lineNo,
          column: 1,
        });
        stopped = true;
        break;
      }
      last = point;
      continue;
    }
    if (body === '---' && last && indent > last.indent) {
      yaml = { indent, line: lineNo, point: last };
      continue;
    }
    const plan = PLAN.exec(body);
    if (plan) {
      const frame = frameFor(indent);
      const digits = plan[1];
      frame.plan = {
        count: Number(digits),
        text: digits.length > 20 ? `${digits.slice(0, 20)}…` : digits,
        line: lineNo,
      };
      if (frames.length > maxDepth) {
        addProblem(problems, {
          message: `subtests nested deeper than ${maxDepth}: the rest of the file is not read`,
          line: lineNo,
          column: 1,
        });
        stopped = true;
      }
      continue;
    }
    const bail = /^Bail out!\s*(.*)$/i.exec(body);
    if (bail) {
      addProblem(problems, {
        message: `Bail out!${bail[1] ? ` ${bail[1]}` : ''}: the run stopped here`,
        line: lineNo,
        column: indent + 1,
      });
      stopped = true;
      break;
    }
    if (body.startsWith('#')) {
      const comment = body.slice(1).trim();
      if (/^Subtest:/i.test(comment)) sawSubtestComment = true;
      if (indent === 0) {
        const kv = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)$/.exec(comment);
        if (kv) summary[kv[1]] = Number(kv[2]);
        if (/^\{ total: \d+/.test(comment)) sawTapSummaryObject = true;
      }
      continue;
    }
    // Plain diagnostics (mocha writes the failure indented, without YAML).
    if (last && !last.ok && last.plainMessage === undefined && indent > last.indent) {
      last.plainMessage = normaliseMessage(body);
    }
  }

  // Close what is still open: the top-level frame, and any frames a truncated stream left.
  while (frames.length > 1) {
    const child = frames.pop() as Frame;
    checkPlan(child, problems);
    const parent = frames[frames.length - 1];
    // An unclosed subtest: its points are kept at the parent's level.
    for (const p of child.points) parent.points.push(p);
    addProblem(problems, {
      message: 'a subtest is not closed by its parent’s test point (truncated stream?)',
      line: child.points[0]?.at.line,
    });
  }
  const top = frames[0];
  if (top && !stopped) {
    if (top.plan) checkPlan(top, problems);
    else if (top.points.length > 0) addProblem(problems, { message: 'no plan (1..N): the stream may be truncated' });
  }
  if (yaml && !stopped) {
    addProblem(problems, {
      message: 'a YAML block is not closed by `...`: the rest of the file was read as its content',
      line: yaml.line,
      column: yaml.indent + 1,
    });
  }

  const cases: TestCaseResult[] = [];
  const flatten = (points: Point[], suitePath: string[], inheritedFile: string | undefined) => {
    for (const p of points) {
      const isSuite = p.children.length > 0 || p.yaml.type === 'suite';
      if (isSuite) {
        const file = p.yaml.externalID ?? inheritedFile;
        flatten(p.children, [...suitePath, p.name], file);
      } else {
        cases.push(toCase(p, suitePath, inheritedFile));
      }
    }
  };
  if (top) flatten(top.points, [], undefined);

  const result: TestResultFile = {
    file,
    format: 'tap',
    totals: countTotals(cases),
    cases,
    problems,
  };
  const dialect =
    sawTapSummaryObject || cases.some((c) => c.file !== undefined && !c.file.startsWith('/'))
      ? 'node-tap'
      : summary.suites !== undefined || (sawSubtestComment && summary.tests !== undefined)
        ? 'node-test'
        : version === undefined && summary.tests !== undefined
          ? 'mocha-tap'
          : undefined;
  if (dialect) result.dialect = dialect;
  if (summary.duration_ms !== undefined) result.durationMs = summary.duration_ms;
  return result;
}

function base(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** `ok 3 - name # SKIP reason`: number, `-`, description up to an unescaped `#`, directive. */
function readPoint(ok: boolean, rest: string, at: Position, indent: number): Point {
  let s = rest.replace(/^\d+\b\s*/, '');
  s = s.replace(/^-\s*/, '');
  let hash = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '#') {
      hash = i;
      break;
    }
  }
  const description = unescapeDescription((hash >= 0 ? s.slice(0, hash) : s).trim());
  const point: Point = { ok, name: description, at, indent, children: [], height: 0, yaml: {} };
  if (hash >= 0) {
    const comment = s.slice(hash + 1).trim();
    const d = /^(skip|todo)\S*(?:\s+(.*))?$/i.exec(comment);
    if (d) {
      point.directive = d[1].toLowerCase() === 'skip' ? 'skip' : 'todo';
      const reason = (d[2] ?? '').trim();
      if (reason !== '' && reason !== '-') point.reason = reason;
    }
    const time = /(?:^|\s)time=([0-9.]+)(ms|s)\b/.exec(comment);
    if (time) point.durationMs = Number(time[1]) * (time[2] === 's' ? 1000 : 1);
  }
  return point;
}

/**
 * `\\` → `\`, `\#` → `#`. Not a regex replace: one with a match per character builds one
 * entry per match (a 10 MB line of backslashes needed over 160 MB); here the pieces are
 * joined in blocks, so the work and the memory are a few times the line.
 */
function unescapeDescription(s: string): string {
  if (!s.includes('\\')) return s;
  const blocks: string[] = [];
  let parts: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 92) continue;
    const next = s.charCodeAt(i + 1);
    if (next === 92 || next === 35) {
      parts.push(s.slice(from, i));
      from = i + 1;
      i++;
      if (parts.length === 4096) {
        blocks.push(parts.join(''));
        parts = [];
      }
    }
  }
  parts.push(s.slice(from));
  blocks.push(parts.join(''));
  return blocks.join('');
}

/** The YAML keys read: top-level scalars, `at:`'s nested keys, the first line of a block scalar. */
const YAML_KEYS = new Set(['duration_ms', 'error', 'message', 'location', 'type', 'externalID']);
const AT_KEYS = new Set(['fileName', 'lineNumber', 'columnNumber']);

function readYamlLine(
  y: { indent: number; line: number; point: Point; key?: string; blockFor?: string; nested?: string },
  indent: number,
  body: string,
): void {
  const values = y.point.yaml;
  if (y.blockFor !== undefined) {
    if (indent > y.indent && body !== '') {
      if (values[y.blockFor] === undefined) values[y.blockFor] = body.slice(0, LIMITS.maxTextCapture);
      y.blockFor = undefined;
      return;
    }
    if (body !== '') y.blockFor = undefined;
    else return;
  }
  const kv = /^([A-Za-z_][\w.-]*):(.*)$/.exec(body);
  if (!kv || (kv[2] !== '' && kv[2][0] !== ' ' && kv[2][0] !== '\t')) return;
  const key = kv[1];
  const raw = kv[2] === '' ? undefined : kv[2].trim();
  if (indent === y.indent) {
    y.nested = raw === undefined || raw === '' ? key : undefined;
    if (!YAML_KEYS.has(key) || raw === undefined) return;
    if (/^[|>][-+0-9]*$/.test(raw)) {
      y.blockFor = key;
      return;
    }
    values[key] = scalar(raw);
  } else if (indent > y.indent && y.nested === 'at' && AT_KEYS.has(key) && raw !== undefined) {
    values[`at.${key}`] = scalar(raw);
  }
}

function scalar(raw: string): string {
  const v = raw.trim().slice(0, LIMITS.maxTextCapture);
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return String(JSON.parse(v));
    } catch {
      return v.slice(1, -1);
    }
  }
  return v;
}

function checkPlan(frame: Frame, problems: TestResultProblem[]): void {
  if (frame.plan && frame.plan.count !== frame.points.length) {
    addProblem(problems, {
      message: `the plan says 1..${frame.plan.text} but there are ${frame.points.length} test points`,
      line: frame.plan.line,
      column: frame.indent + 1,
    });
  }
}

function toCase(p: Point, suitePath: string[], inheritedFile: string | undefined): TestCaseResult {
  let status: TestStatus;
  if (p.directive === 'todo') status = 'todo';
  else if (p.directive === 'skip') status = 'skipped';
  else status = p.ok ? 'passed' : 'failed';
  const c: TestCaseResult = {
    name: p.name === '' ? '(unnamed)' : p.name,
    suitePath,
    status,
    properties: {},
    at: p.at,
  };
  const y = p.yaml;
  // node:test: location: '/abs/file.mjs:17:5'; node-tap: at: {fileName, lineNumber}.
  const loc = y.location !== undefined ? /^(.*):(\d+):(\d+)$/.exec(y.location) : null;
  if (loc) {
    c.file = loc[1].replace(/^file:\/\//, '');
    if (Number.isSafeInteger(Number(loc[2]))) c.line = Number(loc[2]);
  } else if (y['at.fileName'] !== undefined) {
    c.file = y['at.fileName'];
    const n = Number(y['at.lineNumber']);
    if (/^\d+$/.test(y['at.lineNumber'] ?? '') && Number.isSafeInteger(n)) c.line = n;
  } else if (inheritedFile !== undefined) {
    c.file = inheritedFile;
  }
  const message =
    status === 'skipped' || status === 'todo'
      ? normaliseMessage(p.reason)
      : status === 'failed'
        ? (normaliseMessage(y.error) ?? normaliseMessage(y.message) ?? p.plainMessage)
        : undefined;
  if (message !== undefined) c.message = message;
  const duration =
    y.duration_ms !== undefined && /^[0-9.]+$/.test(y.duration_ms) ? Number(y.duration_ms) : p.durationMs;
  if (duration !== undefined && Number.isFinite(duration)) c.durationMs = duration;
  return c;
}
