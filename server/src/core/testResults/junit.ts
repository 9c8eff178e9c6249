/**
 * JUnit XML test reports, in the dialects of test/fixtures/test-results/README.md (its
 * "Dialect quirks" table is the reference for every special case below): node:test,
 * jest-junit, pytest xunit1/xunit2, mocha-junit-reporter, GoogleTest, CTest, gotestsum,
 * go-junit-report, Maven Surefire, Gradle, JunitXml.TestLogger (.NET).
 *
 * XML is read with saxes, a strict streaming parser: a well-formedness error is a problem
 * with its position and ends the parse (the cases read before it are kept). saxes skips a
 * DOCTYPE's internal subset and knows only the five predefined entities, so an entity a
 * DOCTYPE declares (billion laughs) or an external entity (`SYSTEM "file:///…"`) is never
 * expanded or read: its use is an `undefined entity` problem. Work is one pass over the
 * text; cases, nesting depth, captured text and problems are bounded (model.ts LIMITS).
 */
import { SaxesParser } from 'saxes';
import {
  addProblem,
  COMMIT_PROPERTIES,
  countTotals,
  LIMITS,
  LineCounter,
  normaliseMessage,
  Position,
  pushProperty,
  secondsToMs,
  TestCaseResult,
  TestResultFile,
  TestResultProblem,
  TestStatus,
} from './model';

/** Characters handed to the parser at a time, so a parse that must stop stops soon. */
const CHUNK = 1 << 16;

type Attrs = Record<string, string>;

interface Suite {
  name: string;
  attrs: Attrs;
  /** Indexes into `cases` of the cases directly in this suite. */
  caseIndexes: number[];
  topLevel: boolean;
  /**
   * The names of the enclosing suites and this one (empty names left out), shared by every
   * case in the suite: a copy per case would be 256 entries × 200,000 cases from a 4 MB file.
   */
  path: string[];
}

/** The outcome elements of a `<testcase>` (children), as they are read. */
interface CaseBuilder {
  attrs: Attrs;
  at: Position;
  suitePath: string[];
  suite?: Suite;
  outcome?: { kind: 'failure' | 'error' | 'skipped'; type?: string; message?: string; text: string };
  flakyCount: number;
  flakyErrorOrFailure?: string;
  rerunCount: number;
  systemOut: string;
  properties: Record<string, string[]>;
  propertyCount: number;
}

/** Evidence for which tool wrote the file, gathered while reading. */
interface Signals {
  rootName: string;
  rootAttrs: Attrs;
  suiteNames: Set<string>;
  suiteWithId: boolean;
  suitePackageDll: boolean;
  surefireSchema: boolean;
  surefireElements: boolean;
  goVersion: boolean;
  nodeTestComment: boolean;
  caseStatusAndResult: boolean;
  caseStatusOnly: boolean;
  allClassnamesTest: boolean;
  rootSuiteHostnameTimestamp: boolean;
  javaDisplayNames: boolean;
}

/** Limits a caller (a test) may lower; the defaults are model.ts LIMITS. */
export interface ParseLimits {
  maxCases?: number;
  maxDepth?: number;
}

export function parseJUnit(file: string, text: string, limits: ParseLimits = {}): TestResultFile {
  const maxCases = limits.maxCases ?? LIMITS.maxCases;
  const maxDepth = limits.maxDepth ?? LIMITS.maxDepth;
  const problems: TestResultProblem[] = [];
  const cases: TestCaseResult[] = [];
  const suites: Suite[] = [];
  const suiteStack: Suite[] = [];
  const elementStack: string[] = [];
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = new LineCounter(text);
  const signals: Signals = {
    rootName: '',
    rootAttrs: {},
    suiteNames: new Set(),
    suiteWithId: false,
    suitePackageDll: false,
    surefireSchema: false,
    surefireElements: false,
    goVersion: false,
    nodeTestComment: false,
    caseStatusAndResult: false,
    caseStatusOnly: false,
    allClassnamesTest: true,
    rootSuiteHostnameTimestamp: false,
    javaDisplayNames: false,
  };
  let commit: string | undefined;
  let stopped = false;
  let current: CaseBuilder | undefined;
  /** Where text goes while inside an element whose text we keep (bounded). */
  let capture: { append(s: string): void } | undefined;
  let pendingProperty: { name: string; target: Record<string, string[]> | 'suite'; text: string } | undefined;
  /** Where the `<testcase` being opened starts (from its opentagstart). */
  let pendingCaseAt: Position | undefined;

  const parser = new SaxesParser({ position: true, xmlns: false });
  const stop = (message: string, offset?: number) => {
    if (stopped) return;
    const pos = offset === undefined ? undefined : lines.at(offset);
    addProblem(problems, pos ? { message, line: pos.line, column: pos.column } : { message });
    stopped = true;
  };

  parser.on('error', (e) => {
    // saxes's position is just after the character or reference it stopped at.
    let offset = base + parser.position;
    let message = e.message.replace(/^(?:[^\n]*?:)?\d+:\d+: /, '');
    if (message === 'undefined entity.') {
      const amp = text.lastIndexOf('&', offset - 1);
      if (amp >= 0 && offset - amp <= 64) {
        message = `undefined entity ${text.slice(amp, offset)}: only the five predefined XML entities and character references are read (entities a DOCTYPE declares are never expanded)`;
        offset = amp;
      }
    } else if (message === 'disallowed character.' && offset > 0 && DISALLOWED.test(text[offset - 1])) {
      message = `disallowed character U+${hex(text.charCodeAt(offset - 1))}`;
      offset -= 1;
    } else if (message === 'disallowed character.' && text[offset - 1] === '<') {
      message = "disallowed character '<' in an attribute value (XML writes it as &lt;)";
      offset -= 1;
    }
    stop(`invalid XML: ${message}`, offset);
  });
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) {
      addProblem(problems, {
        message: 'the DOCTYPE declares an internal subset; it is ignored (declared entities are never expanded)',
      });
    }
  });
  parser.on('comment', (comment) => {
    if (/^\s*tests \d+\s*$/.test(comment)) signals.nodeTestComment = true;
  });
  parser.on('opentagstart', (tag) => {
    if (stopped) return;
    if (tag.name === 'testcase') {
      const offset = text.lastIndexOf('<', base + parser.position - 1);
      pendingCaseAt = lines.at(Math.max(offset, 0));
    }
  });

  parser.on('opentag', (tag) => {
    if (stopped) return;
    const name = tag.name;
    const attrs = tag.attributes as Attrs;
    const parent = elementStack[elementStack.length - 1];
    elementStack.push(name);
    if (elementStack.length > maxDepth) {
      stop(`elements nested deeper than ${maxDepth}: the rest of the file is not read`, base + parser.position);
      return;
    }
    if (elementStack.length === 1) {
      signals.rootName = name;
      signals.rootAttrs = attrs;
      if (name !== 'testsuites' && name !== 'testsuite') {
        stop(`not a JUnit XML report: the root element is <${name}>, not <testsuites> or <testsuite>`);
        return;
      }
      if (name === 'testsuite' && attrs.hostname !== undefined && attrs.timestamp !== undefined) {
        signals.rootSuiteHostnameTimestamp = true;
      }
    }
    if (current) {
      openInCase(current, name, attrs, parent);
      return;
    }
    switch (name) {
      case 'testsuite': {
        const suiteName = attrs.name ?? '';
        const parentPath = suiteStack[suiteStack.length - 1]?.path ?? [];
        const suite: Suite = {
          name: suiteName,
          attrs,
          caseIndexes: [],
          topLevel: suiteStack.length === 0,
          path: suiteName === '' ? parentPath : [...parentPath, suiteName],
        };
        suites.push(suite);
        suiteStack.push(suite);
        if (signals.suiteNames.size < 16) signals.suiteNames.add(suite.name);
        if (attrs.id !== undefined) signals.suiteWithId = true;
        if (/\.(dll|exe)$/i.test(attrs.package ?? '')) signals.suitePackageDll = true;
        if (/surefire/i.test(attrs['xsi:noNamespaceSchemaLocation'] ?? '')) signals.surefireSchema = true;
        break;
      }
      case 'testcase': {
        if (cases.length >= maxCases) {
          stop(`more than ${maxCases} test cases: the rest of the file is not read`, base + parser.position);
          return;
        }
        const suite = suiteStack[suiteStack.length - 1];
        current = {
          attrs,
          at: pendingCaseAt ?? lines.at(base + parser.position),
          suitePath: suite?.path ?? [],
          suite,
          flakyCount: 0,
          rerunCount: 0,
          systemOut: '',
          properties: {},
          propertyCount: 0,
        };
        if (attrs.status !== undefined && attrs.result !== undefined) signals.caseStatusAndResult = true;
        else if (attrs.status !== undefined) signals.caseStatusOnly = true;
        if (attrs.classname !== 'test') signals.allClassnamesTest = false;
        if (/\)$/.test(attrs.name ?? '')) signals.javaDisplayNames = true;
        break;
      }
      case 'property':
        if (parent === 'properties') {
          const propName = attrs.name ?? '';
          if (propName === 'go.version') signals.goVersion = true;
          if (attrs.value !== undefined) suiteProperty(propName, attrs.value);
          else {
            const pending = { name: propName, target: 'suite' as const, text: '' };
            pendingProperty = pending;
            capture = textCapture((s) => (pending.text += s), propertyCut(propName));
          }
        }
        break;
    }
  });

  /** A property value is data (`verifies` IDs), not a message: cutting it is a problem. */
  function propertyCut(propName: string): () => void {
    return () => {
      const pos = lines.at(base + parser.position);
      addProblem(problems, {
        message: `property '${normaliseMessage(propName) ?? ''}' is longer than ${LIMITS.maxTextCapture} characters: only its first ${LIMITS.maxTextCapture} are read`,
        line: pos.line,
        column: pos.column,
      });
    };
  }

  function suiteProperty(propName: string, value: string) {
    if (commit === undefined && COMMIT_PROPERTIES.includes(propName.toLowerCase()) && value.trim() !== '') {
      commit = value.trim();
    }
  }

  function openInCase(c: CaseBuilder, name: string, attrs: Attrs, parent: string | undefined) {
    if (parent !== 'testcase') {
      if (name === 'property' && parent === 'properties' && elementStack[elementStack.length - 3] === 'testcase') {
        const propName = attrs.name ?? '';
        if (attrs.value !== undefined) addCaseProperty(c, propName, attrs.value);
        else {
          const pending = { name: propName, target: c.properties, text: '' };
          pendingProperty = pending;
          capture = textCapture((s) => (pending.text += s), propertyCut(propName));
        }
      }
      return;
    }
    switch (name) {
      case 'failure':
      case 'error':
      case 'skipped': {
        // The first failure/error decides; a failure/error wins over a skip.
        const wins = !c.outcome || (c.outcome.kind === 'skipped' && name !== 'skipped');
        if (wins) {
          const outcome = { kind: name, type: attrs.type, message: attrs.message, text: '' };
          c.outcome = outcome;
          capture = textCapture((s) => (outcome.text += s));
        }
        break;
      }
      case 'flakyFailure':
      case 'flakyError':
        signals.surefireElements = true;
        c.flakyCount++;
        c.flakyErrorOrFailure ??= attrs.message;
        break;
      case 'rerunFailure':
      case 'rerunError':
        signals.surefireElements = true;
        c.rerunCount++;
        break;
      case 'system-out':
        capture = textCapture((s) => (c.systemOut += s));
        break;
    }
  }

  function addCaseProperty(c: CaseBuilder, propName: string, value: string) {
    if (c.propertyCount >= LIMITS.maxProperties) return;
    c.propertyCount++;
    pushProperty(c.properties, propName, value);
  }

  parser.on('text', (t) => {
    if (!stopped && capture) capture.append(t);
  });
  parser.on('cdata', (t) => {
    if (!stopped && capture) capture.append(t);
  });

  parser.on('closetag', (tag) => {
    if (stopped) return;
    const name = tag.name;
    elementStack.pop();
    capture = undefined;
    if (name === 'property' && pendingProperty) {
      if (pendingProperty.target === 'suite') suiteProperty(pendingProperty.name, pendingProperty.text);
      else if (current) addCaseProperty(current, pendingProperty.name, pendingProperty.text);
      pendingProperty = undefined;
    }
    if (current && name === 'testcase' && !elementStack.includes('testcase')) {
      const c = current;
      current = undefined;
      const result = finishCase(c);
      if (c.suite) c.suite.caseIndexes.push(cases.length);
      cases.push(result);
    } else if (!current && name === 'testsuite') {
      suiteStack.pop();
    }
  });

  // saxes lets a lone high surrogate through (it reads it and the next character as one
  // code point): the text is read up to the first lone surrogate, which is a problem.
  const end = firstLoneSurrogate(text);
  for (let i = base; i < end && !stopped; i += CHUNK) {
    parser.write(text.slice(i, Math.min(i + CHUNK, end)));
  }
  if (!stopped && end < text.length) {
    stop(
      `invalid XML: a lone UTF-16 surrogate U+${hex(text.charCodeAt(end))} (not a Unicode character): the rest of the file is not read`,
      end,
    );
  }
  if (!stopped) parser.close();

  const dialect = detectDialect(signals);
  const finalCases = postProcess(dialect, cases, suites, problems);
  const rootAttrs = signals.rootAttrs;
  const topSuites = suites.filter((s) => s.topLevel);
  let durationMs = secondsToMs(rootAttrs.time);
  if (durationMs === undefined && topSuites.length > 0) {
    const times = topSuites.map((s) => secondsToMs(s.attrs.time));
    if (times.every((t) => t !== undefined)) {
      const sum = Math.round((times as number[]).reduce((a, b) => a + b, 0) * 1000) / 1000;
      if (Number.isFinite(sum)) durationMs = sum;
    }
  }
  const result: TestResultFile = {
    file,
    format: 'junit',
    totals: countTotals(finalCases),
    cases: finalCases,
    problems,
  };
  if (dialect) result.dialect = dialect;
  if (commit) result.commit = commit;
  const timestamp = rootAttrs.timestamp ?? topSuites.find((s) => s.attrs.timestamp)?.attrs.timestamp;
  if (timestamp) result.timestamp = timestamp;
  if (durationMs !== undefined) result.durationMs = durationMs;
  return result;
}

/** Characters XML 1.0 does not allow (named in the problem instead of saxes's bare "disallowed character"). */
const DISALLOWED = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/;

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Offset of the first lone surrogate in `text`, or its length. */
function firstLoneSurrogate(text: string): number {
  // String.prototype.isWellFormed (Node 20+) is a fast path; the regex finds where.
  if ((text as { isWellFormed?: () => boolean }).isWellFormed?.() === true) return text.length;
  return LONE_SURROGATE.exec(text)?.index ?? text.length;
}

/** Keeps the first {@link LIMITS.maxTextCapture} characters; `onCut` once when more come. */
function textCapture(sink: (s: string) => void, onCut?: () => void): { append(s: string): void } {
  let length = 0;
  let cut = false;
  return {
    append(s: string) {
      const part = s.slice(0, LIMITS.maxTextCapture - length);
      if (part.length < s.length && !cut) {
        cut = true;
        onCut?.();
      }
      if (part.length === 0) return;
      length += part.length;
      sink(part);
    },
  };
}

function finishCase(c: CaseBuilder): TestCaseResult {
  const a = c.attrs;
  let status: TestStatus = 'passed';
  let message: string | undefined;
  const o = c.outcome;
  if (o) {
    if (o.kind === 'failure') status = 'failed';
    else if (o.kind === 'error') status = 'errored';
    // node:test writes test.todo as <skipped type="todo">; pytest an xfail as type="pytest.xfail".
    else status = o.type === 'todo' || o.type === 'pytest.xfail' ? 'todo' : 'skipped';
    message =
      outcomeMessage(o.message) ?? outcomeMessage(o.text) ?? normaliseMessage(o.message) ?? normaliseMessage(o.text);
  }
  if (status === 'passed') {
    const s = (a.status ?? '').toLowerCase();
    const r = (a.result ?? '').toLowerCase();
    // CTest: status="fail" (its <failure message=""/> is read above), "notrun", "disabled";
    // GoogleTest: status="notrun" result="suppressed" for DISABLED_ tests, result="skipped".
    if (s === 'fail' || s === 'failed') status = 'failed';
    else if (s === 'notrun' || s === 'disabled' || r === 'suppressed' || r === 'skipped') status = 'skipped';
    // node:test also puts the failure on the <testcase> as a `failure` attribute.
    else if (a.failure !== undefined) {
      status = 'failed';
      message = normaliseMessage(a.failure);
    }
  }
  if (status !== 'passed' && message === undefined) {
    // CTest writes the failure text (and "Disabled") only to <system-out>.
    message = normaliseMessage(c.systemOut);
  }
  const result: TestCaseResult = {
    name: a.name ?? '',
    suitePath: c.suitePath,
    status,
    properties: c.properties,
    at: c.at,
  };
  if (a.classname !== undefined) result.classname = a.classname;
  const file = a.file ?? c.suite?.attrs.file;
  if (file !== undefined && file !== '') result.file = file;
  if (a.line !== undefined && /^\d+$/.test(a.line) && Number.isSafeInteger(Number(a.line)))
    result.line = Number(a.line);
  if (message !== undefined) result.message = message;
  const durationMs = secondsToMs(a.time);
  if (durationMs !== undefined) result.durationMs = durationMs;
  // Surefire: <rerunFailure>/<rerunError> per extra run of an always-failing test; a test
  // that passed on a rerun has only <flakyFailure>/<flakyError> children.
  if (c.rerunCount > 0 || c.flakyCount > 0) {
    result.attempts = 1 + c.rerunCount + c.flakyCount;
    if (status === 'passed' && c.flakyCount > 0) {
      result.flaky = true;
      if (result.message === undefined && c.flakyErrorOrFailure) {
        const m = normaliseMessage(c.flakyErrorOrFailure);
        if (m !== undefined) result.message = m;
      }
    }
  }
  return result;
}

/**
 * The first informative line of a failure/skip message: a line that is only a location
 * (GoogleTest's `file:line` or `unknown file` first line) is passed over, and so are go
 * test's `=== RUN`/`--- FAIL` framing lines (gotestsum writes the test's whole output) and
 * the bare `Failed`/`Skipped` of the Go writers when the text says more.
 */
function outcomeMessage(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.slice(0, LIMITS.maxTextCapture).split('\n');
  const informative = lines.find((l) => {
    const t = l.trim();
    return (
      t !== '' &&
      !/^(?:unknown file|\S+:\d+)$/.test(t) &&
      !/^(?:=== (?:RUN|PAUSE|CONT|NAME)|--- (?:FAIL|SKIP|PASS):)/.test(t) &&
      t !== 'Failed' &&
      t !== 'Skipped'
    );
  });
  return informative === undefined ? undefined : normaliseMessage(informative);
}

function detectDialect(s: Signals): string | undefined {
  const rootName = s.rootAttrs.name;
  if (s.rootName === '') return undefined;
  if (rootName === 'jest tests') return 'jest-junit';
  if (rootName === 'Mocha Tests' || s.suiteNames.has('Root Suite')) return 'mocha-junit';
  if (s.suiteNames.has('pytest') || rootName === 'pytest tests') return 'pytest';
  if (rootName === 'AllTests' || s.caseStatusAndResult) return 'gtest';
  if (s.surefireSchema || s.surefireElements) return 'surefire';
  if (s.goVersion) return s.suiteWithId ? 'go-junit-report' : 'gotestsum';
  if (s.nodeTestComment) return 'node-test';
  if (s.rootName === 'testsuite' && s.caseStatusOnly) return 'ctest';
  if (s.suitePackageDll) return 'dotnet-junit';
  if (s.rootName === 'testsuite' && s.rootSuiteHostnameTimestamp && s.javaDisplayNames) return 'gradle';
  if (s.rootName === 'testsuites' && s.allClassnamesTest && Object.keys(s.rootAttrs).length === 0) return 'node-test';
  return undefined;
}

/** The dialect-specific corrections that need the whole file. */
function postProcess(
  dialect: string | undefined,
  cases: TestCaseResult[],
  suites: Suite[],
  problems: TestResultProblem[],
): TestCaseResult[] {
  if (dialect === 'pytest') {
    // pytest's xunit1 `line` is 0-based (the function's first line, its first decorator if any).
    for (const c of cases) if (c.line !== undefined) c.line += 1;
  }
  if (dialect === 'jest-junit') markJestTodos(cases, suites, problems);
  if (dialect === 'gotestsum') return mergeReruns(cases);
  return cases;
}

/**
 * jest-junit writes `test.todo` as a `<testcase>` with no child, like a pass, and leaves it
 * out of the suite's `tests` count. When a suite lists more cases than it declares, the
 * surplus is todo: the empty cases with `time="0"` are they when their number is the
 * surplus; otherwise which they are cannot be told, and a problem says so.
 */
function markJestTodos(cases: TestCaseResult[], suites: Suite[], problems: TestResultProblem[]): void {
  for (const suite of suites) {
    const declared = suite.attrs.tests;
    if (declared === undefined || !/^\d+$/.test(declared)) continue;
    const surplus = suite.caseIndexes.length - Number(declared);
    if (surplus <= 0) continue;
    const candidates = suite.caseIndexes
      .map((i) => cases[i])
      .filter((c) => c.status === 'passed' && c.durationMs === 0);
    if (candidates.length === surplus) {
      for (const c of candidates) c.status = 'todo';
    } else {
      addProblem(problems, {
        message: `suite '${suite.name}' lists ${suite.caseIndexes.length} test cases but declares tests="${declared}": jest-junit writes test.todo as an empty <testcase>, so ${surplus} of its passes are todo tests, which cannot be told apart`,
      });
    }
  }
}

/**
 * gotestsum `--rerun-fails` writes every attempt as its own `<testcase>` with the same
 * name: the LAST attempt counts, `attempts` is how many there were, and a test that failed
 * and then passed is flaky. The merged case keeps the place of its first attempt in the
 * list and the position of its last attempt in the file.
 */
function mergeReruns(cases: TestCaseResult[]): TestCaseResult[] {
  const byKey = new Map<string, { index: number; attempts: TestCaseResult[] }>();
  const order: Array<{ attempts: TestCaseResult[] }> = [];
  for (const c of cases) {
    const key = JSON.stringify([c.suitePath, c.classname ?? '', c.name]);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { index: order.length, attempts: [] };
      byKey.set(key, entry);
      order.push(entry);
    }
    entry.attempts.push(c);
  }
  return order.map(({ attempts }) => {
    const last = attempts[attempts.length - 1];
    if (attempts.length === 1) return last;
    const merged: TestCaseResult = { ...last, attempts: attempts.length };
    if (last.status === 'passed' && attempts.some((a) => a.status === 'failed' || a.status === 'errored')) {
      merged.flaky = true;
    }
    return merged;
  });
}
