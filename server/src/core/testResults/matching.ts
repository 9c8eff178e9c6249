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

export interface MatchInput {
  results: readonly TestResultFile[];
  /** `@verifies` references in test files (with their bound test, when one binds). */
  refs: readonly Reference[];
}

export interface MatchOutput {
  byRef: Map<Reference, RefVerification>;
  /** Results linked by a `verifies` property, by the ID they name. */
  byProperty: Map<string, MatchedResult[]>;
  /** Ambiguous matches and disagreeing files: each a note on the result file. */
  notes: Array<{ file: string; message: string }>;
}

/** Words looked at for a full-title container match (`describe` titles in `a b c …`). */
const MAX_TITLE_WORDS = 64;
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

export function matchResults(input: MatchInput): MatchOutput {
  const notes: MatchOutput['notes'] = [];
  const cases = mergeRuns(input.results, notes);
  const byName = new Map<string, Candidate[]>();
  const containersByName = new Map<string, Candidate[]>();
  const containersByClass = new Map<string, Candidate[]>();
  const add = (map: Map<string, Candidate[]>, key: string | undefined, cand: Candidate) => {
    if (key === undefined || key === '') return;
    const list = map.get(key);
    if (!list) map.set(key, [cand]);
    else if (list[list.length - 1] !== cand) list.push(cand);
  };
  const byRef = new Map<Reference, RefVerification>();
  for (const ref of input.refs) {
    if (!ref.test) {
      byRef.set(ref, { status: 'not-run', results: [], reason: 'unbound' });
      continue;
    }
    byRef.set(ref, { status: 'not-run', results: [], reason: 'no-result' });
    const cand = { ref, test: ref.test };
    const t = ref.test;
    // Every test is also looked up as a container: the results inside it count (node-tap
    // reports the assertions of a `t.test`, not the subtest itself).
    add(containersByName, t.name, cand);
    add(containersByName, t.fullName, cand);
    if (t.container) add(containersByClass, t.classname, cand);
    else {
      add(byName, t.name, cand);
      add(byName, t.fullName, cand);
      add(byName, t.displayName, cand);
      add(byName, [...t.suitePath, t.name].join(' '), cand);
    }
  }
  const byProperty = new Map<string, MatchedResult[]>();
  let ambiguous = 0;
  for (const k of cases) {
    for (const id of propertyIds(k.c)) {
      const list = byProperty.get(id) ?? [];
      list.push(matched(k, 'property'));
      byProperty.set(id, list);
    }
    const found = new Map<Candidate, MatchedResult['by']>();
    const consider = (cand: Candidate, how: How) => {
      if (found.has(cand)) return;
      const by = locate(k.c, cand, how);
      if (by) found.set(cand, by);
    };
    for (const name of nameForms(k.c.name)) {
      for (const cand of byName.get(name) ?? [])
        consider(cand, name === cand.test.name || name === stripParams(cand.test.name) ? 'own-title' : 'full-name');
    }
    for (const s of k.c.suitePath) for (const cand of containersByName.get(s) ?? []) consider(cand, 'inside');
    for (const prefix of titlePrefixes(k.c.name))
      for (const cand of containersByName.get(prefix) ?? []) consider(cand, 'inside');
    for (const cls of classPrefixes(k.c.classname))
      for (const cand of containersByClass.get(cls) ?? []) consider(cand, 'inside');
    if (found.size === 0) continue;
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
        const v = byRef.get(cand.ref)!;
        if (v.results.length === 0) v.reason = 'ambiguous';
      }
    }
    for (const [cand, by] of found) {
      const v = byRef.get(cand.ref)!;
      v.results.push(matched(k, by));
      v.reason = undefined;
    }
  }
  if (ambiguous > MAX_NOTES) {
    notes.push({
      file: input.results[0]?.file ?? '',
      message: `${ambiguous - MAX_NOTES} more ambiguous test results not listed`,
    });
  }
  for (const v of byRef.values()) if (v.results.length > 0) v.status = statusOf(v.results);
  return { byRef, byProperty, notes };
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

function displayName(c: TestCaseResult): string {
  const suites = c.suitePath.filter((s) => !c.name.startsWith(`${s} `));
  return [...suites, c.name].join(' › ');
}

function matched(k: Case, by: MatchedResult['by']): MatchedResult {
  const r: MatchedResult = {
    resultFile: k.file.file,
    line: k.c.at.line,
    status: k.c.status,
    name: displayName(k.c),
    by,
  };
  if (k.c.message !== undefined) r.message = k.c.message;
  if (k.c.durationMs !== undefined) r.durationMs = k.c.durationMs;
  if (k.c.flaky) r.flaky = true;
  return r;
}

/** A case's identity across files: the same test in two shards or reruns. */
function identity(c: TestCaseResult): string {
  return [c.file ?? '', c.classname ?? '', c.suitePath.join('\u0001'), c.name].join('\u0000');
}

/**
 * Every case once: a test that appears in several files counts by the file with the latest
 * timestamp when every one has a timestamp, else by its worst status; when the files
 * disagree, a note names them.
 */
function mergeRuns(files: readonly TestResultFile[], notes: MatchOutput['notes']): Case[] {
  const groups = new Map<string, Case[]>();
  const out: Case[] = [];
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
