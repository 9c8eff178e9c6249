/**
 * Fuzz targets: the real entry points per parser role (issue 11, "Keep it fixed").
 * Per-file targets go through `SeclifeEngine.parse` (the path picks the role, as in a
 * workspace); `config` through `parseConfig` and the engine built from it; `engine` is a
 * whole-workspace run (walk, parse, trace graph, SOUP, gate, review, report model) on a
 * MemoryWorkspace with a few mutated files. A target throws, or returns an
 * {@link Outcome} that is not `ok` for a result that is unbounded or malformed.
 */
import { parseConfig } from '../core/configLoader';
import { SeclifeEngine } from '../core/engine';
import { Finding } from '../core/findings';
import { indexWorkspace } from '../core/indexer';
import { MemoryWorkspace } from '../core/memoryWorkspace';
import { FileIndex } from '../core/fileIndex';
import { isInternalError } from '../core/internalError';
import { buildReportModel } from '../core/report/buildReport';
import { recordBaseline, serializeBaseline } from '../core/review/baseline';
import { decodeText, LineIndex } from '../core/text';
import { boundedPatternRunner } from '../node/patternRunner';
import { MAX_INPUT, mutateBytes, mutateText, SeedFormat } from './mutate';
import { Prng } from './prng';
import { INLINE_SEEDS, repoSeeds, repoWorkspace } from './seeds';

export type FuzzInput =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Every file of a workspace; `overlay` ones are passed as strings (editor buffers), the rest as UTF-8 files. */
  | { kind: 'workspace'; files: Record<string, string>; overlay: string[] };

export type CrashKind = 'exception' | 'hang' | 'oom' | 'unbounded' | 'bad-position' | 'swallowed';

export type Outcome =
  | { ok: true; work: number }
  | { ok: false; kind: CrashKind; message: string; stack?: string; signature: string };

export interface Target {
  name: string;
  /** File extension of its fixtures. */
  ext: string;
  format: SeedFormat;
  /** Seed corpus (loaded once). */
  seeds(): string[];
  generate(rng: Prng, seeds: readonly string[]): FuzzInput;
  run(input: FuzzInput): Promise<Outcome>;
}

// --- shared engines (parse is pure; one engine per configuration serves every input) ---

const engines = new Map<string, SeclifeEngine>();
function engineWith(configText: string | undefined): SeclifeEngine {
  const key = configText ?? '';
  let e = engines.get(key);
  if (!e) engines.set(key, (e = new SeclifeEngine(parseConfig(configText), { patternRunner: boundedPatternRunner })));
  return e;
}
const ADVISORY_CONFIG = '{"advisories": ["advisories/*.json"]}';

// --- result checks ---

function textOf(input: Uint8Array | string): string {
  return typeof input === 'string' ? input : decodeText(input).text;
}

/** The bound on findings (and every other per-file list) for an input of this size. */
export function findingBound(lines: number, chars: number): number {
  return 10 * lines + Math.floor(chars / 4) + 1000;
}

function lineCount(text: string): number {
  return new LineIndex(text).lineCount;
}

/** A finding whose position is not a 1-based place inside its file (SARIF and editors would reject it). */
function badPosition(f: Finding, lines: number | undefined): string | undefined {
  const ints = [f.line, f.column, f.endLine, f.endColumn];
  if (!ints.every((n) => Number.isInteger(n) && n >= 1))
    return `non-positive or non-integer position ${ints.join(':')}`;
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column))
    return `range ends before it starts ${ints.join(':')}`;
  if (lines !== undefined && f.line > lines + 1) return `line ${f.line} past the end of the file (${lines} lines)`;
  return undefined;
}

/**
 * A finding that reports an exception a safety net caught: an `internal-error` (a rule, the
 * comment scanner, or the engine's per-file catch), or a per-entry one in a manifest, SBOM or advisory file (`TypeError: …`).
 * The result is not lost silently, but it is still a crash of the parser.
 */
const CAUGHT_EXCEPTION = /internal error|\b((?:Type|Range|Reference|URI|Syntax|Internal)?Error): (\S+(?: \S+){0,2})/;

function caughtException(findings: readonly Finding[]): Outcome | undefined {
  for (const f of findings) {
    if (isInternalError(f)) {
      // a whole-file parser failure is re-parsed past the engine's catch for its stack (below)
      const { component, error } = f.failure;
      const signature = component.endsWith('-parser') ? 'internal error' : `${component}: ${error.split(':')[0]}`;
      return failure('swallowed', `${f.code} at ${f.file}:${f.line}: ${f.message.slice(0, 400)}`, undefined, signature);
    }
    const m = CAUGHT_EXCEPTION.exec(f.message);
    if (m)
      return failure(
        'swallowed',
        `${f.code} at ${f.file}:${f.line}: ${f.message.slice(0, 400)}`,
        undefined,
        m[1] ? `${m[1]}: ${m[2].replace(/\d+/g, 'N')}` : 'internal error',
      );
  }
  return undefined;
}

function failure(kind: CrashKind, message: string, stack?: string, where = ''): Outcome {
  return { ok: false, kind, message, stack, signature: `${kind}${where ? `@${where}` : ''}` };
}

/** Checks one parsed file: bounded lists, sane positions. */
function checkIndex(index: FileIndex | undefined, text: string): Outcome {
  if (!index) return failure('exception', 'the engine did not accept the path', undefined, 'classify');
  const lines = lineCount(text);
  const bound = findingBound(lines, text.length);
  const lists: Array<[string, number]> = [
    ['findings', index.findings.length],
    ['items', index.items.length],
    ['refs', index.refs.length],
    ['sections', index.sections.length],
    ['suppressions', index.suppressions.length],
    ['notes', index.notes.length],
    ['dependencies', index.role === 'manifest' ? (index.manifest?.dependencies.length ?? 0) : 0],
    ['advisories', index.role === 'advisories' ? (index.advisories?.length ?? 0) : 0],
    ['cases', index.role === 'test-results' ? (index.results?.cases.length ?? 0) : 0],
  ];
  for (const [name, n] of lists)
    if (n > bound)
      return failure(
        'unbounded',
        `${n} ${name} for ${lines} lines / ${text.length} chars (bound ${bound})`,
        undefined,
        name,
      );
  const caught = caughtException(index.findings);
  if (caught) return caught;
  let messageChars = 0;
  for (const f of index.findings) {
    messageChars += f.message.length;
    const bad = badPosition(f, f.file === index.file ? lines : undefined);
    if (bad) return failure('bad-position', `${f.code}: ${bad}`, undefined, f.code);
  }
  if (messageChars > 64 * text.length + 1_000_000)
    return failure(
      'unbounded',
      `${messageChars} characters of finding messages for ${text.length} input characters`,
      undefined,
      'messages',
    );
  return {
    ok: true,
    work: lists.reduce((a, [, n]) => a + n, 0) + (index.role === 'baseline' ? (index.baseline?.items.size ?? 0) : 0),
  };
}

/** Runs `fn`, turning an exception into an outcome with its signature (kind, error name, first frame in Seclife). */
export async function guarded(fn: () => Promise<Outcome> | Outcome): Promise<Outcome> {
  try {
    return await fn();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return failure(
      'exception',
      `${err.name}: ${err.message.slice(0, 500)}`,
      err.stack,
      `${err.name}@${firstFrame(err.stack)}`,
    );
  }
}

/** `function file:line` of the first stack frame in Seclife's own code (not the fuzzer's). */
export function firstFrame(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = /at (?:(\S+) )?\(?(?:.*[\\/])?(server[\\/]out[\\/](?!fuzz)[^):]+):(\d+)/.exec(line);
    if (m) return `${m[1] ?? '<anonymous>'} ${m[2].replace(/\\/g, '/')}:${m[3]}`;
  }
  const m = /at (?:(\S+) )?\(?(?:.*[\\/])?([^\\/):]+):(\d+)/.exec((stack ?? '').split('\n')[1] ?? '');
  return m ? `${m[1] ?? '<anonymous>'} ${m[2]}:${m[3]}` : 'unknown';
}

// --- per-file targets ---

interface FileTargetSpec {
  name: string;
  ext: string;
  format: SeedFormat;
  /** Paths the input is parsed at (e.g. a source and a test path). */
  paths: string[];
  config?: string;
  seeds: () => string[];
}

function fileTarget(spec: FileTargetSpec): Target {
  let cache: string[] | undefined;
  return {
    name: spec.name,
    ext: spec.ext,
    format: spec.format,
    seeds: () => (cache ??= spec.seeds().filter((s) => s.length > 0)),
    generate(rng, seeds) {
      const text = mutateText(rng, rng.pick(seeds), spec.format, seeds);
      return rng.chance(0.2) ? { kind: 'bytes', bytes: mutateBytes(rng, text) } : { kind: 'text', text };
    },
    run: (input) =>
      guarded(() => {
        if (input.kind === 'workspace') throw new Error('a per-file target takes one file');
        const content = input.kind === 'text' ? input.text : input.bytes;
        const engine = engineWith(spec.config);
        let work = 0;
        for (const path of spec.paths) {
          const outcome = checkIndex(engine.parse(path, content), textOf(content));
          if (!outcome.ok && outcome.kind === 'swallowed' && outcome.signature === 'swallowed@internal error') {
            // the engine caught it; parse again past its catch for the exception and its stack
            const role = engine.filter.classify(path);
            (engine as unknown as { parseAs(p: string, c: Uint8Array | string, r: typeof role): unknown }).parseAs(
              path,
              content,
              role,
            );
          }
          if (!outcome.ok) return outcome;
          work += outcome.work;
        }
        return { ok: true, work };
      }),
  };
}

const sourceSeeds = (family: string, match?: RegExp) => () => [
  ...(match ? repoSeeds(match) : []),
  ...(INLINE_SEEDS[family] ?? []),
];

const FILE_TARGETS: FileTargetSpec[] = [
  {
    name: 'markdown',
    ext: 'md',
    format: 'markdown',
    paths: ['docs/fuzz.md'],
    seeds: () => repoSeeds(/\/(docs|requirements)\/.*\.md$/),
  },
  {
    name: 'source-js',
    ext: 'ts',
    format: 'code',
    paths: ['src/fuzz.ts', 'test/fuzz.test.tsx'],
    seeds: sourceSeeds('js', /\.(ts|tsx|js|mjs)$/),
  },
  {
    name: 'source-c',
    ext: 'c',
    format: 'code',
    paths: ['src/fuzz.c', 'test/fuzz_test.cpp'],
    seeds: sourceSeeds('c', /\.(c|cpp|h)$/),
  },
  {
    name: 'source-python',
    ext: 'py',
    format: 'code',
    paths: ['src/fuzz.py', 'tests/test_fuzz.py'],
    seeds: sourceSeeds('python', /\.py$/),
  },
  {
    name: 'source-hash',
    ext: 'sh',
    format: 'code',
    paths: ['src/fuzz.sh', 'test/fuzz.yml'],
    seeds: sourceSeeds('hash'),
  },
  { name: 'source-sql', ext: 'sql', format: 'code', paths: ['src/fuzz.sql'], seeds: sourceSeeds('sql') },
  {
    name: 'source-html',
    ext: 'html',
    format: 'code',
    paths: ['src/fuzz.html', 'test/fuzz.xml'],
    seeds: sourceSeeds('html'),
  },
  {
    name: 'source-markdown',
    ext: 'md',
    format: 'markdown',
    paths: ['README.md', 'test/fuzz.md'],
    seeds: () => [...repoSeeds(/README\.md$/), ...INLINE_SEEDS.markdown],
  },
  { name: 'source-rust', ext: 'rs', format: 'code', paths: ['src/fuzz.rs'], seeds: sourceSeeds('rust') },
  {
    name: 'source-go',
    ext: 'go',
    format: 'code',
    paths: ['src/fuzz.go', 'src/fuzz_test.go'],
    seeds: sourceSeeds('go'),
  },
  { name: 'source-csharp', ext: 'cs', format: 'code', paths: ['src/Fuzz.cs'], seeds: sourceSeeds('csharp') },
  { name: 'source-java', ext: 'java', format: 'code', paths: ['src/Fuzz.java'], seeds: sourceSeeds('java') },
  { name: 'source-kotlin', ext: 'kt', format: 'code', paths: ['src/Fuzz.kt'], seeds: sourceSeeds('kotlin') },
  { name: 'source-swift', ext: 'swift', format: 'code', paths: ['src/Fuzz.swift'], seeds: sourceSeeds('swift') },
  {
    name: 'package-json',
    ext: 'json',
    format: 'json',
    paths: ['package.json', 'packages/a/package.json'],
    seeds: () => repoSeeds(/(^|\/)package\.json$/),
  },
  {
    name: 'package-lock',
    ext: 'json',
    format: 'json',
    paths: ['package-lock.json'],
    seeds: () => repoSeeds(/(^|\/)package-lock\.json$/),
  },
  {
    name: 'requirements',
    ext: 'txt',
    format: 'lines',
    paths: ['requirements.txt'],
    seeds: () => repoSeeds(/requirements[\w.-]*\.txt$/),
  },
  {
    name: 'pyproject',
    ext: 'toml',
    format: 'toml',
    paths: ['pyproject.toml'],
    seeds: () => repoSeeds(/pyproject\.toml$/),
  },
  { name: 'cyclonedx', ext: 'json', format: 'json', paths: ['bom.json'], seeds: () => repoSeeds(/(bom|\.cdx)\.json$/) },
  // The lockfile, manifest and SBOM formats of docs/soup.md, Which manifests are read.
  {
    name: 'pnpm-lock',
    ext: 'yaml',
    format: 'lines',
    paths: ['pnpm-lock.yaml'],
    seeds: () => repoSeeds(/pnpm-lock\.yaml$/),
  },
  { name: 'yarn-lock', ext: 'lock', format: 'lines', paths: ['yarn.lock'], seeds: () => repoSeeds(/yarn\.lock$/) },
  { name: 'bun-lock', ext: 'lock', format: 'json', paths: ['bun.lock'], seeds: () => repoSeeds(/bun\.lock$/) },
  {
    name: 'python-locks',
    ext: 'lock',
    format: 'toml',
    paths: ['poetry.lock', 'uv.lock', 'pdm.lock'],
    seeds: () => repoSeeds(/(poetry|uv|pdm)\.lock$/),
  },
  {
    name: 'cargo',
    ext: 'toml',
    format: 'toml',
    paths: ['Cargo.toml', 'Cargo.lock'],
    seeds: () => repoSeeds(/Cargo\.(toml|lock)$/),
  },
  {
    name: 'go-mod',
    ext: 'mod',
    format: 'lines',
    paths: ['go.mod', 'go.sum'],
    seeds: () => repoSeeds(/go\.(mod|sum)$/),
  },
  {
    name: 'xml-manifests',
    ext: 'xml',
    format: 'code',
    paths: ['pom.xml', 'app.csproj', 'bom.cdx.xml'],
    seeds: () => repoSeeds(/(pom\.xml|\.csproj|\.cdx\.xml)$/),
  },
  {
    name: 'gradle',
    ext: 'kts',
    format: 'code',
    paths: ['build.gradle.kts', 'gradle.lockfile'],
    seeds: () => repoSeeds(/(build\.gradle(\.kts)?|gradle\.lockfile)$/),
  },
  {
    name: 'json-locks-sboms',
    ext: 'json',
    format: 'json',
    paths: ['packages.lock.json', 'Pipfile.lock', 'bom.spdx.json', 'bom.spdx.jsonld'],
    seeds: () => repoSeeds(/(packages\.lock\.json|Pipfile\.lock|\.spdx\.json|\.spdx\.jsonld)$/),
  },
  { name: 'spdx-tag-value', ext: 'spdx', format: 'lines', paths: ['bom.spdx'], seeds: () => repoSeeds(/\.spdx$/) },
  {
    name: 'vex',
    ext: 'json',
    format: 'json',
    paths: ['security/vex/fuzz.openvex.json'],
    seeds: () => repoSeeds(/fixtures\/vex\/[^/]+\.json$|\.openvex\.json$/),
  },
  {
    name: 'advisories',
    ext: 'json',
    format: 'json',
    paths: ['advisories/fuzz.json'],
    config: ADVISORY_CONFIG,
    seeds: () => repoSeeds(/\/advisories\/[^/]+\.json$/),
  },
  {
    name: 'junit',
    ext: 'xml',
    format: 'code',
    paths: ['test-results/fuzz.xml', 'TEST-fuzz.xml'],
    seeds: () => [
      ...repoSeeds(/test-results\/.*\.xml$/),
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<testsuites><testsuite name="s"><properties><property name="commit" value="&b;"/></properties><testcase name="t &amp; u" classname="c" file="a.test.js"><failure message="m"><![CDATA[x]]></failure></testcase></testsuite></testsuites>\n',
    ],
  },
  { name: 'tap', ext: 'tap', format: 'lines', paths: ['test-results/fuzz.tap'], seeds: () => repoSeeds(/\.tap$/) },
  {
    name: 'ctrf',
    ext: 'json',
    format: 'json',
    paths: ['test-results/ctrf-fuzz.json'],
    seeds: () => repoSeeds(/test-results\/.*ctrf[^/]*\.json$/),
  },
  {
    name: 'baseline',
    ext: 'json',
    format: 'json',
    paths: ['.seclife/baseline.json'],
    seeds: () => repoSeeds(/\.seclife\/baseline\.json$/),
  },
];

// --- seclife.json ---

/** Files the `config` target classifies and parses with the mutated configuration (globs, custom rules, severities). */
const CONFIG_PROBES: Record<string, string> = {
  'docs/security/requirements.md': '# Requirements\n\n## SR-001 Lock out\n\nDerived-from: TH-001\n',
  'src/auth/login.ts': '// @implements SR-001\nexport function login(password: string) { return eval(password); }\n',
  'test/login.test.ts': '// @verifies SR-001\n',
  'lib/backup.py': '# @implements SR-001\nimport os\nos.system(cmd)\n',
  'package.json': '{"name": "x", "dependencies": {"left-pad": "1.3.0"}}',
};

const configTarget: Target = {
  name: 'config',
  ext: 'json',
  format: 'json',
  seeds: () => repoSeeds(/(^|\/)seclife\.json$/),
  generate: (rng, seeds) => ({ kind: 'text', text: mutateText(rng, rng.pick(seeds), 'json', seeds) }),
  run: (input) =>
    guarded(() => {
      if (input.kind !== 'text') throw new Error('config takes text');
      const loaded = parseConfig(input.text);
      const bound = findingBound(lineCount(input.text), input.text.length);
      if (loaded.findings.length > bound)
        return failure(
          'unbounded',
          `${loaded.findings.length} config findings (bound ${bound})`,
          undefined,
          'config-findings',
        );
      for (const f of loaded.findings) {
        const bad = badPosition(f, lineCount(input.text));
        if (bad) return failure('bad-position', `${f.code}: ${bad}`, undefined, f.code);
      }
      const engine = new SeclifeEngine(loaded, { patternRunner: boundedPatternRunner });
      engine.update(Object.entries(CONFIG_PROBES).map(([path, content]) => ({ path, content })));
      const findings = engine.findings();
      engine.gate(undefined, findings);
      return { ok: true, work: findings.length };
    }),
};

// --- a whole-engine run ---

const BASE_WORKSPACES = [
  'examples/remote-monitoring',
  'test/fixtures/all-findings',
  'test/fixtures/soup/workspace-check',
  'test/fixtures/custom-config',
  'test/fixtures/soup/cyclonedx',
  'test/fixtures/soup/python',
];

function formatOf(path: string): SeedFormat {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.toml')) return 'toml';
  if (path.endsWith('.md')) return 'markdown';
  if (path.endsWith('.txt')) return 'lines';
  return 'code';
}

const engineTarget: Target = (() => {
  let bases: Array<Record<string, string>> | undefined;
  const load = () => (bases ??= BASE_WORKSPACES.map(repoWorkspace).filter((w) => Object.keys(w).length > 0));
  return {
    name: 'engine',
    ext: 'workspace.json',
    format: 'code',
    seeds: () => load().map((w) => JSON.stringify(w)),
    generate(rng) {
      const base = load();
      const files = { ...rng.pick(base) };
      const overlay = new Set<string>();
      const paths = Object.keys(files).sort();
      const corpus = Object.values(files);
      for (let n = rng.range(1, 3); n > 0; n--) {
        const roll = rng.int(10);
        if (roll === 0) {
          // a file from another workspace, at its path (a second package.json, another document)
          const other = rng.pick(base);
          const p = rng.pick(Object.keys(other).sort());
          files[p] = mutateText(rng, other[p], formatOf(p), corpus);
          overlay.add(p);
        } else if (roll === 1 && paths.length > 1) {
          delete files[rng.pick(paths)];
        } else {
          const p = rng.chance(0.15)
            ? rng.pick(
                ['seclife.json', '.seclife/baseline.json', 'package.json']
                  .filter((x) => x in files)
                  .concat(paths.slice(0, 1)),
              )
            : rng.pick(paths);
          if (!(p in files)) continue;
          files[p] = mutateText(rng, files[p], formatOf(p), corpus);
          overlay.add(p);
        }
      }
      for (const p of overlay) if (!(p in files)) overlay.delete(p);
      return { kind: 'workspace', files, overlay: [...overlay].sort() };
    },
    run: (input) =>
      guarded(async () => {
        if (input.kind !== 'workspace') throw new Error('engine takes a workspace');
        const ws = new MemoryWorkspace(input.files);
        const overlay = new Set(input.overlay);
        const engine = await indexWorkspace(ws, {
          overlay: (p) => (overlay.has(p) ? input.files[p] : undefined),
          patternRunner: boundedPatternRunner,
          concurrency: 4,
        });
        let lines = 0;
        let chars = 0;
        const linesOf = new Map<string, number>();
        for (const [p, text] of Object.entries(input.files)) {
          const n = lineCount(text);
          linesOf.set(p, n);
          lines += n;
          chars += text.length;
        }
        const findings = engine.findings();
        const caught = caughtException(findings);
        if (caught) return caught;
        const bound = findingBound(lines, chars);
        if (findings.length > bound)
          return failure(
            'unbounded',
            `${findings.length} findings for ${lines} lines (bound ${bound})`,
            undefined,
            'findings',
          );
        for (const f of findings) {
          const bad = badPosition(f, linesOf.get(f.file));
          if (bad) return failure('bad-position', `${f.code} in ${f.file}: ${bad}`, undefined, f.code);
        }
        // An exception while reading one file becomes a "skipped:" note (indexer.ts readOne): a dropped result.
        for (const note of engine.notes()) {
          if (/^skipped: (?!binary file|.* is larger than maxFileSize)/.test(note.message)) {
            return failure(
              'swallowed',
              `${note.file}: ${note.message.slice(0, 300)}`,
              undefined,
              note.message.replace(/^skipped: (\w+).*/s, '$1'),
            );
          }
        }
        engine.gate(undefined, findings);
        engine.coverage();
        const previous = engine.reviewBaseline()?.baseline;
        serializeBaseline(recordBaseline(engine.reviewSubject(), previous).baseline);
        buildReportModel(engine, { tool: { name: 'seclife', version: '0' }, project: 'fuzz', date: '2000-01-01' });
        return { ok: true, work: findings.length };
      }),
  };
})();

export const TARGETS: readonly Target[] = [...FILE_TARGETS.map(fileTarget), configTarget, engineTarget];

/** Not a parser: checks the fuzzer itself (the watchdog, exception reports). Input `hang` loops, `throw` throws. */
export const SELFTEST_TARGET: Target = {
  name: 'selftest',
  ext: 'txt',
  format: 'lines',
  seeds: () => ['ok'],
  generate: () => ({ kind: 'text', text: 'ok' }),
  run: (input) =>
    guarded(() => {
      const text = input.kind === 'text' ? input.text : '';
      if (text.includes('throw')) throw new TypeError('selftest');
      // eslint-disable-next-line no-empty
      if (text.includes('hang')) for (;;) {}
      return { ok: true, work: text.length };
    }),
};

export function targetNamed(name: string): Target | undefined {
  return name === SELFTEST_TARGET.name ? SELFTEST_TARGET : TARGETS.find((t) => t.name === name);
}

/** Input size in characters (or bytes): the watchdog scales with it. */
export function inputSize(input: FuzzInput): number {
  if (input.kind === 'text') return input.text.length;
  if (input.kind === 'bytes') return input.bytes.byteLength;
  let n = 0;
  for (const t of Object.values(input.files)) n += t.length;
  return n;
}

export { MAX_INPUT };
