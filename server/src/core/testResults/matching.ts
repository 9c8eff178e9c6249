/**
 * Which test results belong to which `@verifies` annotation (docs/verification.md, Matching).
 * Pure: result files and bound annotations in, evidence per annotation and per ID out.
 *
 * A result matches an annotation's test (source/testBinding.ts) when its name is one of the
 * names the runner gives that test — the own title, the full title, `Class.method`, a
 * parametrized form (`test_x[1]`, `method()`, `Method(1)`, Go's `#01`) — and, where the report
 * locates the test, the location agrees:
 * 1. the report names a file (`file` attribute, CTRF `filePath`): it must be the annotation's
 *    file (the workspace path, or a path ending in it: runners write absolute paths or paths
 *    relative to their own root);
 * 2. else both sides have a class name (JVM, .NET, pytest module and class, GoogleTest suite):
 *    they must be equal (or one a dotted suffix of the other);
 * 3. else by name alone (node's runner writes `classname="test"`, TAP has no location), with
 *    the suites when both sides have them. A result that matches tests in more than one file
 *    this way is ambiguous: it is not counted, and a note says so.
 * Always, a `verifies` property on the case (pytest `record_property`, GoogleTest
 * `RecordProperty`) links it to the IDs it names.
 *
 * The same test in several result files (CI shards, reruns) counts once: by the last run when
 * every file has a timestamp, else by the worst status; files that disagree give a note.
 */
import type { BoundTest, Reference } from '../model';
import type { TestCaseResult, TestResultFile, TestStatus } from './model';

/** What a linked test's results say, worst first. */
export type VerificationStatus = 'failed' | 'not-run' | 'skipped' | 'passed';

/** One result of a linked test, as the outputs show it. */
export interface MatchedResult {
  /** The result file (workspace path) and the case's line in it. */
  resultFile: string;
  line: number;
  /** 1-based column of the case (its `<testcase`, test point or object) in the result file. */
  column: number;
  status: TestStatus;
  /** The name as the report writes it, with its suites (`auth › lockout › locks …`). */
  name: string;
  message?: string;
  durationMs?: number;
  flaky?: boolean;
  /** How it was matched. */
  by: 'file' | 'classname' | 'name' | 'property';
}

/** The evidence for one `@verifies` reference. */
export interface RefVerification {
  status: VerificationStatus;
  results: MatchedResult[];
  /** Why there is no result (not-run): the annotation binds to no test, or only ambiguous results matched. */
  reason?: 'unbound' | 'ambiguous' | 'no-result';
}

export interface MatchOutput {
  /** By {@link refKey}: stable across a re-parse of the test file that moves no annotation. */
  byRef: Map<string, RefVerification>;
  /** Results linked by a `verifies` property, by the ID they name. */
  byProperty: Map<string, MatchedResult[]>;
  /** Ambiguous matches and disagreeing files: each a note on the result file. */
  notes: Array<{ file: string; message: string }>;
}

/**
 * The result files made ready for matching, once per change of a result file (a keystroke in
 * a test file re-matches against these): every case once (shards merged), the keys it is
 * looked up by, and the results its `verifies` properties link.
 */
export interface PreparedResults {
  cases: PreparedCase[];
  /**
   * Case indices by lookup key: `n:` a name (as written, and without a parameter suffix),
   * `i:` a full-title prefix (the describes it may be inside), `c:` its class and outer classes.
   */
  index: Map<string, number[]>;
  /** Suite title → the suite paths (by id) that hold it; {@link pathCases}: the cases of each path. */
  suitePaths: Map<string, number[]>;
  pathCases: number[][];
  byProperty: Map<string, MatchedResult[]>;
  /** Disagreeing runs of the same test. */
  notes: Array<{ file: string; message: string }>;
  /** Where a note that is about no one file goes. */
  firstFile: string;
}

interface PreparedCase {
  k: Case;
}

/** Words looked at for a full-title container match (`describe` titles in `a b c …`). */
const MAX_TITLE_WORDS = 16;
/** Notes of each kind kept (ambiguous results, disagreeing files); the rest are counted. */
const MAX_NOTES = 50;

const RANK: Record<TestStatus, number> = { failed: 0, errored: 0, skipped: 2, todo: 2, passed: 3 };

interface Case {
  c: TestCaseResult;
  file: TestResultFile;
}

interface Candidate {
  ref: Reference;
  test: BoundTest;
}

export function prepareResults(results: readonly TestResultFile[]): PreparedResults {
  const notes: PreparedResults['notes'] = [];
  const byProperty = new Map<string, MatchedResult[]>();
  const cases: PreparedCase[] = [];
  const index = new Map<string, number[]>();
  const pathIds = new Map<readonly string[], number>();
  const pathCases: number[][] = [];
  const suitePaths = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (const k of mergeRuns(results, notes)) {
    for (const id of propertyIds(k.c)) {
      const list = byProperty.get(id);
      if (list) list.push(matched(k, 'property'));
      else byProperty.set(id, [matched(k, 'property')]);
    }
    const i = cases.length;
    cases.push({ k });
    for (const name of nameForms(k.c.name)) add(`n:${name}`, i);
    for (const prefix of titlePrefixes(k.c.name)) add(`i:${prefix}`, i);
    // Suites are indexed once per suite path (parsers share one array per suite), not per case:
    // a deep path would otherwise cost its depth in every case.
    let pathId = pathIds.get(k.c.suitePath);
    if (pathId === undefined) {
      pathIds.set(k.c.suitePath, (pathId = pathCases.length));
      pathCases.push([]);
      for (const suite of new Set(k.c.suitePath)) {
        const list = suitePaths.get(suite);
        if (list) list.push(pathId);
        else suitePaths.set(suite, [pathId]);
      }
    }
    pathCases[pathId].push(i);
    for (const cls of classPrefixes(k.c.classname)) add(`c:${cls}`, i);
  }
  return { cases, index, suitePaths, pathCases, byProperty, notes, firstFile: results[0]?.file ?? '' };
}

export function matchResults(prepared: PreparedResults, refs: readonly Reference[]): MatchOutput {
  const notes: MatchOutput['notes'] = [...prepared.notes];
  const byRef = new Map<string, RefVerification>();
  /** What each case matched, by case index: the work is per annotation (a few index lookups), not per case. */
  const perCase = new Map<number, Found>();
  const index = prepared.index;
  const visit = (hits: readonly number[], cand: Candidate, how: How) => {
    for (const i of hits) {
      const found = consider(perCase.get(i), prepared.cases[i].k.c, cand, how);
      if (found) perCase.set(i, found);
    }
  };
  const look = (key: string | undefined, cand: Candidate, how: (key: string) => How) => {
    if (key === undefined || key === '') return;
    const hits = index.get(key);
    if (hits) visit(hits, cand, how(key));
    if (key.startsWith('i:'))
      for (const path of prepared.suitePaths.get(key.slice(2)) ?? []) visit(prepared.pathCases[path], cand, 'inside');
  };
  for (const ref of refs) {
    if (!ref.test) {
      byRef.set(refKey(ref), { status: 'not-run', results: [], reason: 'unbound' });
      continue;
    }
    byRef.set(refKey(ref), { status: 'not-run', results: [], reason: 'no-result' });
    const t = ref.test;
    const cand = { ref, test: t };
    if (!t.container) {
      const own = (key: string): How => (key === t.name || key === stripParams(t.name) ? 'own-title' : 'full-name');
      const keys = new Set([t.name, t.fullName, t.displayName, [...t.suitePath, t.name].join(' ')]);
      for (const key of keys) look(key === undefined ? undefined : `n:${key}`, cand, (k) => own(k.slice(2)));
    }
    // Every test is also looked up as a container: the results inside it count (node-tap
    // reports the assertions of a `t.test`, not the subtest itself).
    for (const key of new Set([t.name, t.fullName])) look(`i:${key}`, cand, () => 'inside');
    if (t.container && t.classname) look(`c:${t.classname}`, cand, () => 'inside');
  }
  let ambiguous = 0;
  for (const i of [...perCase.keys()].sort((a, b) => a - b)) {
    const { k } = prepared.cases[i];
    const found = perCase.get(i)!;
    if (!found) continue;
    // Matched by name alone in more than one file: not a guess.
    const byNameOnly = [...found].filter(([, by]) => by === 'name');
    const files = new Set(byNameOnly.map(([cand]) => cand.ref.file));
    if (files.size > 1) {
      for (const [cand] of byNameOnly) found.delete(cand);
      if (ambiguous++ < MAX_NOTES) {
        notes.push({
          file: k.file.file,
          message: `test result '${displayName(k.c)}' (line ${k.c.at.line}) matches tests in ${[...files].sort().join(', ')} by name alone; it is not counted for any of them (give the report file names, or record a 'verifies' property)`,
        });
      }
      for (const [cand] of byNameOnly) {
        const v = byRef.get(refKey(cand.ref))!;
        if (v.results.length === 0) v.reason = 'ambiguous';
      }
    }
    for (const [cand, by] of found) {
      const v = byRef.get(refKey(cand.ref))!;
      v.results.push(matched(k, by));
      v.reason = undefined;
    }
  }
  if (ambiguous > MAX_NOTES) {
    notes.push({
      file: prepared.firstFile,
      message: `${ambiguous - MAX_NOTES} more ambiguous test results not listed`,
    });
  }
  for (const v of byRef.values()) if (v.results.length > 0) v.status = statusOf(v.results);
  return { byRef, byProperty: prepared.byProperty, notes };
}

/** An annotation's identity for the evidence: its file, position and ID (the parse makes new objects each time). */
export function refKey(ref: Reference): string {
  return `${ref.file}\u0000${ref.range.line}:${ref.range.column}\u0000${ref.id}`;
}

/** failed when any failed, else passed when any passed, else skipped (only skipped or todo). */
export function statusOf(results: readonly MatchedResult[]): VerificationStatus {
  let passed = false;
  let skipped = false;
  for (const r of results) {
    if (r.status === 'failed' || r.status === 'errored') return 'failed';
    if (r.status === 'passed') passed = true;
    else skipped = true;
  }
  return passed ? 'passed' : skipped ? 'skipped' : 'not-run';
}

/** How a case's location agrees with a candidate test; undefined when it does not. */
type Found = Map<Candidate, MatchedResult['by']>;

/** Adds a candidate the case matches (allocating the map on the first): most cases match nothing. */
function consider(found: Found | undefined, c: TestCaseResult, cand: Candidate, how: How): Found | undefined {
  if (found?.has(cand)) return found;
  const by = locate(c, cand, how);
  if (!by) return found;
  const map = found ?? new Map();
  map.set(cand, by);
  return map;
}

/** How a case was found for a candidate: by the test's own title, by its full name, or inside it (a suite, a test with subtests). */
type How = 'own-title' | 'full-name' | 'inside';

function locate(c: TestCaseResult, cand: Candidate, how: How): MatchedResult['by'] | undefined {
  const t = cand.test;
  const inside = how === 'inside';
  if (inside && !containerHolds(c, t)) return undefined;
  // Both sides name the class (JVM, .NET, pytest, GoogleTest): it decides, with the file when the report has one.
  const classed = !!c.classname && !!t.classname && c.classname !== 'test';
  if (classed && !inside && !sameClass(c.classname!, t.classname!)) return undefined;
  if (c.file !== undefined && c.file !== '' && !sameFile(c.file, cand.ref.file)) return undefined;
  if (classed) return 'classname';
  // A case named by its own title must sit in the test's suites.
  if (how === 'own-title' && !suitesAgree(c, t)) return undefined;
  return c.file ? 'file' : 'name';
}

/** The case's suites are the test's, as far as the report writes them. */
function suitesAgree(c: TestCaseResult, t: BoundTest): boolean {
  if (t.suitePath.length === 0) return true;
  // jest-junit with a classname template: the describe titles joined by ` › `.
  if (c.classname === t.suitePath.join(' › ')) return true;
  if (c.classname?.includes(' › ')) return false;
  if (c.suitePath.length === 0) return true;
  if (endsWith(c.suitePath, t.suitePath)) return true;
  // Reports that write only the outer suites (jest-junit's <testsuite> is the first describe).
  return c.suitePath.every((s, i) => t.suitePath[i] === s);
}

/** Whether a case is inside a container test (describe, test class): by its suites, its full title or its class. */
function containerHolds(c: TestCaseResult, t: BoundTest): boolean {
  const chain = [...t.suitePath, t.name];
  if (containsRun(c.suitePath, chain)) return true;
  if (c.classname?.includes(' › ') && containsRun(c.classname.split(' › '), chain)) return true;
  // A test (not a suite) holds only the subtests reported inside it: the full title `a b c`
  // of another test that merely starts with this one's title (`locks` / `locks after 5`) is not inside.
  if (!t.container) return false;
  if (c.name.startsWith(`${t.fullName} `)) return true;
  if (c.classname && t.classname) {
    return (
      sameClass(c.classname, t.classname) ||
      c.classname.startsWith(`${t.classname}$`) ||
      c.classname.startsWith(`${t.classname}+`) ||
      c.classname.startsWith(`${t.classname}.`)
    );
  }
  return false;
}

function containsRun(list: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > list.length) return false;
  outer: for (let i = 0; i + run.length <= list.length; i++) {
    for (let j = 0; j < run.length; j++) if (list[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

function endsWith(list: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > list.length) return false;
  for (let i = 1; i <= tail.length; i++) if (list[list.length - i] !== tail[tail.length - i]) return false;
  return true;
}

/** A report's path and a workspace path name the same file: equal, or one ends with the other at a `/`. */
export function sameFile(reported: string, workspacePath: string): boolean {
  const r = reported.replace(/\\/g, '/').replace(/^\.\//, '');
  if (r === workspacePath) return true;
  return r.endsWith(`/${workspacePath}`) || workspacePath.endsWith(`/${r}`);
}

/** Class names agree: equal, or one a dotted suffix of the other (a report written from another root). */
function sameClass(a: string, b: string): boolean {
  // `$` (JVM nested), `+` (.NET nested) and `/` (GoogleTest `Prefix/Suite`) separate like `.`.
  const x = a.replace(/[$+/]/g, '.');
  const y = b.replace(/[$+/]/g, '.');
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** The names a case may be looked up by: as written, and without a parameter suffix. */
function nameForms(name: string): string[] {
  const bare = stripParams(name);
  return bare === name ? [name] : [name, bare];
}

/** `test_x[1-a]` → `test_x`, `method()` / `Method(1, 2)` → the method, Go `TestX/sub#01` → `TestX/sub`, GoogleTest `Name/0` → `Name`. */
export function stripParams(name: string): string {
  let s = name;
  if (s.endsWith(']')) {
    const open = s.indexOf('[');
    if (open > 0) s = s.slice(0, open);
  } else if (s.endsWith(')')) {
    const open = s.indexOf('(');
    if (open > 0 && !s.slice(0, open).includes(' ')) s = s.slice(0, open);
  }
  // Go's `#01` for a repeated subtest name, GoogleTest's `/0` for a TEST_P parameter.
  const suffix = /(?:#\d{2,}|\/\d+)$/.exec(s);
  if (suffix) s = s.slice(0, suffix.index);
  return s;
}

/** Word prefixes of a full title (`a`, `a b`, … without the last word), for describe containers. */
function titlePrefixes(name: string): string[] {
  const out: string[] = [];
  let at = name.indexOf(' ');
  while (at > 0 && out.length < MAX_TITLE_WORDS) {
    out.push(name.slice(0, at));
    at = name.indexOf(' ', at + 1);
  }
  return out;
}

/** `a.B$C` → `a.B$C`, `a.B` (outer classes hold nested ones). */
function classPrefixes(classname: string | undefined): string[] {
  if (!classname) return [];
  const out = [classname];
  for (let i = classname.length - 1; i > 0 && out.length < 16; i--) {
    const ch = classname[i];
    if (ch === '$' || ch === '+') out.push(classname.slice(0, i));
  }
  return out;
}

/** IDs a case's `verifies` property names (any case of the key; values split at spaces and commas). */
function propertyIds(c: TestCaseResult): string[] {
  const out: string[] = [];
  for (const key of Object.keys(c.properties)) {
    if (key.toLowerCase() !== 'verifies') continue;
    for (const v of c.properties[key]) for (const id of v.split(/[\s,;]+/)) if (id) out.push(id);
  }
  return out;
}

/** Suites shown before a result's name (the innermost ones), and the longest name kept. */
const SHOWN_SUITES = 4;
const MAX_NAME = 300;

/** `auth › lockout › locks …`: the innermost suites and the name, cut (a deep report must not cost its depth per result). */
function displayName(c: TestCaseResult): string {
  const suites: string[] = [];
  for (let i = c.suitePath.length - 1; i >= 0 && suites.length < SHOWN_SUITES; i--) {
    const s = c.suitePath[i];
    if (!c.name.startsWith(`${s} `)) suites.unshift(s);
  }
  const more = c.suitePath.length > SHOWN_SUITES ? '… › ' : '';
  const name = `${more}${[...suites, c.name].join(' › ')}`;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

function matched(k: Case, by: MatchedResult['by']): MatchedResult {
  const r: MatchedResult = {
    resultFile: k.file.file,
    line: k.c.at.line,
    column: k.c.at.column,
    status: k.c.status,
    name: displayName(k.c),
    by,
  };
  if (k.c.message !== undefined) r.message = k.c.message;
  if (k.c.durationMs !== undefined) r.durationMs = k.c.durationMs;
  if (k.c.flaky) r.flaky = true;
  return r;
}

/**
 * A case's identity across files (the same test in two shards or reruns). The suite path is
 * interned to a number: parsers share one path array per suite, and a deep path joined into
 * every case's key would cost its length per case.
 */
function identityOf(): (c: TestCaseResult) => string {
  const byArray = new Map<readonly string[], number>();
  const byText = new Map<string, number>();
  const suiteId = (path: readonly string[]): number => {
    let id = byArray.get(path);
    if (id === undefined) {
      const text = path.join('\u0001');
      id = byText.get(text);
      if (id === undefined) byText.set(text, (id = byText.size));
      byArray.set(path, id);
    }
    return id;
  };
  return (c) => `${c.file ?? ''}\u0000${c.classname ?? ''}\u0000${suiteId(c.suitePath)}\u0000${c.name}`;
}

/**
 * Every case once: a test that appears in several files counts by the file with the latest
 * timestamp when every one has a timestamp, else by its worst status; when the files
 * disagree, a note names them.
 */
function mergeRuns(files: readonly TestResultFile[], notes: MatchOutput['notes']): Case[] {
  const out: Case[] = [];
  if (files.length <= 1) {
    // One file: nothing to merge (a rerun inside one file is the parser's: its last attempt).
    for (const file of files) for (const c of file.cases) out.push({ c, file });
    return out;
  }
  const groups = new Map<string, Case[]>();
  const identity = identityOf();
  for (const file of files) {
    for (const c of file.cases) {
      const key = identity(c);
      const list = groups.get(key);
      if (list) list.push({ c, file });
      else groups.set(key, [{ c, file }]);
    }
  }
  let disagreements = 0;
  for (const list of groups.values()) {
    if (list.length === 1 || list.every((k) => k.file === list[0].file)) {
      for (const k of list) out.push(k);
      continue;
    }
    const times = list.map((k) => Date.parse(k.file.timestamp ?? ''));
    const timed = times.every((t) => Number.isFinite(t));
    let chosen = list[0];
    if (timed) {
      let best = 0;
      for (let i = 1; i < list.length; i++) if (times[i] >= times[best]) best = i;
      chosen = list[best];
    } else {
      for (const k of list) if (RANK[k.c.status] < RANK[chosen.c.status]) chosen = k;
    }
    out.push(chosen);
    const statuses = new Set(list.map((k) => k.c.status));
    if (statuses.size > 1 && disagreements++ < MAX_NOTES) {
      const where = list.map((k) => `${k.c.status} in ${k.file.file}:${k.c.at.line}`).join(', ');
      notes.push({
        file: chosen.file.file,
        message: `test '${displayName(chosen.c)}': ${where}; counted as ${chosen.c.status} (${timed ? 'the latest run' : 'no timestamps to order the runs: the worst result'})`,
      });
    }
  }
  return out;
}
