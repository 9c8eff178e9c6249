/**
 * The layer rules of docs/development.md (Layout), checked on the imports of every non-test
 * .ts file so they cannot regress: the core is pure (no fs, no editor, no LSP), output renders
 * for every host, services take LSP types only, the client talks to the server only through
 * server/src/protocol.ts, and server/src has no import cycles.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT } from './testing/workspaces';

const SERVER_SRC = 'server/src';
const CLIENT_SRC = 'client/src';
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.vscode-test']);

/** Repo-relative, `/`-separated paths of the files under `dir` whose name passes `keep`. */
function files(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (keep(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const isSource = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');

interface Import {
  /** Repo-relative path of the importing file. */
  file: string;
  line: number;
  /** The specifier as written (`'../node/safeWrite'`, `'node:fs'`). */
  specifier: string;
  /** Repo-relative path of the imported .ts file for a relative import, else undefined. */
  target?: string;
  /** For a bare specifier: `builtin:fs` for a node built-in (with or without `node:`), else the package name. */
  module?: string;
}

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));

function resolveRelative(from: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const c of [`${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts'), base]) {
    if (statSync(path.join(REPO_ROOT, c), { throwIfNoEntry: false })?.isFile()) return c;
  }
  return base;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Every module a file imports: static `import`/`export … from`, `import x = require()`,
 * `import(...)` (also in types: `import('./x').T`) and `require(...)`. A computed specifier
 * cannot be checked and is reported as the specifier `<computed>`.
 */
function importsIn(file: string, text: string): Import[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (!spec || !ts.isStringLiteralLike(spec)) {
      out.push({ file, line, specifier: '<computed>' });
      return;
    }
    const s = spec.text;
    if (s.startsWith('.')) out.push({ file, line, specifier: s, target: resolveRelative(file, s) });
    else {
      const bare = s.replace(/^node:/, '');
      const isBuiltin = s.startsWith('node:') || BUILTINS.has(bare.split('/')[0]);
      out.push({ file, line, specifier: s, module: isBuiltin ? `builtin:${bare.split('/')[0]}` : packageName(s) });
    }
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node))
      add(node, ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const importsOf = (file: string) => importsIn(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'));

const SERVER_FILES = files(SERVER_SRC, isSource);
const CLIENT_FILES = files(CLIENT_SRC, isSource);
const IMPORTS = new Map([...SERVER_FILES, ...CLIENT_FILES].map((f) => [f, importsOf(f)]));

/** `core`, `output`, … for a file in a folder of server/src; `protocol.ts`, `version.ts`, … for a file at its top. */
function serverLayer(file: string): string | undefined {
  if (!file.startsWith(`${SERVER_SRC}/`)) return undefined;
  return file.slice(SERVER_SRC.length + 1).split('/')[0];
}

/** Node built-ins with no I/O that the core and output may use, each with why. Everything else of node is a host. */
const PURE_BUILTINS: Record<string, string> = {
  crypto:
    "createHash only, no I/O: review-baseline content hashes (core/review/contentHash.ts), SARIF fingerprints and the report's CSP hashes (output/)",
};

/** Packages the core may import: parsers and matchers that do no I/O, each with why. */
const CORE_PACKAGES: Record<string, string> = {
  typescript: 'the TS/JS parser of the JS/TS secure-coding rules (the compiler API only, never ts.sys)',
  'markdown-it': 'the Markdown parser of lifecycle documents',
  minimatch: 'glob matching of documents/sources/tests/exclude',
  semver: 'SOUP version ranges',
  'jsonc-parser': 'seclife.json, package.json and SBOM parsing with positions',
  ajv: 'schema validation of seclife.json',
  saxes: 'the strict XML parser of JUnit test-result files, CycloneDX XML and pom.xml (no DTD, no external entities)',
  'smol-toml':
    'the TOML 1.0 parser of pyproject.toml, Cargo.toml and the TOML lockfiles (poetry.lock, uv.lock, Cargo.lock, pdm.lock)',
  yaml: 'the YAML parser of pnpm-lock.yaml (source positions through its CST)',
  '@yarnpkg/parsers': 'the parser of yarn.lock, classic and berry (the one yarn itself uses)',
  fflate: 'the zip reader of offline OSV database archives (in memory, no I/O)',
};

/** Packages the output layer may import: type declarations only. */
const OUTPUT_PACKAGES: Record<string, string> = {
  sarif: 'the SARIF 2.1.0 type declarations (@types/sarif), erased at compile time',
};

/** Node built-ins that reach the host: files, processes, network, threads. */
const HOST_BUILTINS = new Set([
  'fs',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'worker_threads',
  'dgram',
  'tls',
  'cluster',
  'os',
  'vm',
  'inspector',
  'readline',
  'repl',
  'process',
]);

const isEditorOrLsp = (m: string) =>
  m === 'vscode' ||
  m.startsWith('vscode-languageserver') ||
  m.startsWith('vscode-languageclient') ||
  m === 'vscode-jsonrpc';

interface LayerRule {
  name: string;
  applies: (file: string) => boolean;
  /** Why the import breaks the rule, or undefined when it is allowed. */
  breaks: (imp: Import) => string | undefined;
}

const importsServerLayer = (imp: Import, ...layers: string[]) =>
  imp.target !== undefined && layers.includes(serverLayer(imp.target) ?? '');

const RULES: LayerRule[] = [
  {
    name: 'core/ is pure: it imports only core/, pure node built-ins and the listed parser packages (no fs, no editor, no LSP)',
    applies: (f) => serverLayer(f) === 'core',
    breaks: (imp) => {
      if (imp.specifier === '<computed>') return 'a computed specifier cannot be checked';
      if (imp.target !== undefined)
        return serverLayer(imp.target) === 'core' ? undefined : `core imports ${imp.target}`;
      const m = imp.module!;
      if (m.startsWith('builtin:'))
        return PURE_BUILTINS[m.slice(8)]
          ? undefined
          : `node built-in '${m.slice(8)}' is host access (allowed: ${Object.keys(PURE_BUILTINS).join(', ')})`;
      if (isEditorOrLsp(m)) return `'${m}' is an editor/LSP host`;
      return CORE_PACKAGES[m] ? undefined : `package '${m}' is not in the core's list of pure packages`;
    },
  },
  {
    name: 'output/ imports only core/, output/, version.ts, pure node built-ins and SARIF types (no host, no service/lsp/cli/node)',
    applies: (f) => serverLayer(f) === 'output',
    breaks: (imp) => {
      if (imp.specifier === '<computed>') return 'a computed specifier cannot be checked';
      if (imp.target !== undefined)
        return importsServerLayer(imp, 'core', 'output', 'version.ts') ? undefined : `output imports ${imp.target}`;
      const m = imp.module!;
      if (m.startsWith('builtin:'))
        return PURE_BUILTINS[m.slice(8)] ? undefined : `node built-in '${m.slice(8)}' is host access`;
      return OUTPUT_PACKAGES[m] ? undefined : `package '${m}' is not allowed in output`;
    },
  },
  {
    name: 'service/ imports core/, output/, service/, protocol.ts, version.ts and LSP types — no lsp/, cli/, node/, no fs or other host built-ins, no LSP connection',
    applies: (f) => serverLayer(f) === 'service',
    breaks: (imp) => {
      if (imp.specifier === '<computed>') return 'a computed specifier cannot be checked';
      if (imp.target !== undefined)
        return importsServerLayer(imp, 'core', 'output', 'service', 'protocol.ts', 'version.ts')
          ? undefined
          : `service imports ${imp.target}`;
      const m = imp.module!;
      if (m.startsWith('builtin:'))
        return HOST_BUILTINS.has(m.slice(8)) ? `node built-in '${m.slice(8)}' is host access` : undefined;
      if (m === 'vscode' || m.startsWith('vscode-languageclient')) return `'${m}' is the VS Code extension host`;
      if (
        m === 'vscode-languageserver' ||
        m === 'vscode-jsonrpc' ||
        /^vscode-languageserver-protocol\/node\b/.test(imp.specifier)
      )
        return `'${imp.specifier}' is the LSP connection (lsp/); services take vscode-languageserver-types/-protocol/-textdocument`;
      return undefined;
    },
  },
  {
    name: 'lsp/ imports no cli/',
    applies: (f) => serverLayer(f) === 'lsp',
    breaks: (imp) => (importsServerLayer(imp, 'cli') ? `lsp imports ${imp.target}` : undefined),
  },
  {
    name: 'server/src imports no VS Code extension API (vscode, vscode-languageclient)',
    applies: (f) => f.startsWith(`${SERVER_SRC}/`),
    breaks: (imp) =>
      imp.module === 'vscode' || imp.module?.startsWith('vscode-languageclient')
        ? `'${imp.specifier}' belongs to the client`
        : undefined,
  },
  {
    name: 'client/src imports from the server only the shared protocol module (server/src/protocol.ts)',
    applies: (f) => f.startsWith(`${CLIENT_SRC}/`),
    breaks: (imp) => {
      if (imp.specifier === '<computed>') return 'a computed specifier cannot be checked';
      if (imp.target === undefined || imp.target.startsWith(`${CLIENT_SRC}/`)) return undefined;
      return imp.target === `${SERVER_SRC}/protocol.ts` ? undefined : `client imports ${imp.target}`;
    },
  },
];

/** `file:line imports 'x' — reason [rule]` for every import of `files` that breaks a rule. */
function layerViolations(
  imports: ReadonlyMap<string, readonly Import[]>,
  rules: readonly LayerRule[] = RULES,
): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    for (const [file, list] of imports) {
      if (!rule.applies(file)) continue;
      for (const imp of list) {
        const why = rule.breaks(imp);
        if (why) out.push(`${file}:${imp.line} imports '${imp.specifier}' — ${why} [rule: ${rule.name}]`);
      }
    }
  }
  return out;
}

test('the source trees are found and every import form is read', () => {
  assert.ok(SERVER_FILES.length > 100, `${SERVER_FILES.length} server files`);
  assert.ok(CLIENT_FILES.length >= 8, `${CLIENT_FILES.length} client files`);
  for (const layer of ['core', 'output', 'service', 'lsp', 'cli', 'node'])
    assert.ok(
      SERVER_FILES.some((f) => serverLayer(f) === layer),
      layer,
    );
  // The lazy rule loading in core/rules/registry.ts uses require(): the reader must see it.
  const registry = IMPORTS.get(`${SERVER_SRC}/core/rules/registry.ts`) ?? [];
  assert.ok(
    registry.some((i) => i.specifier === './js' && i.target === `${SERVER_SRC}/core/rules/js/index.ts`),
    'require(./js) in registry.ts',
  );
  const sample = [
    "import a from './ids';",
    "export { b } from '../protocol';",
    "import c = require('node:fs');",
    "const d = await import('net');",
    "const e = require('vscode');",
    "let f: import('@scope/pkg/sub').F;",
    'require(name);',
    "// import x from 'in-a-comment';",
    'const s = "require(\'in-a-string\')";',
  ].join('\n');
  assert.deepEqual(
    importsIn(`${SERVER_SRC}/core/x.ts`, sample).map((i) => [i.line, i.specifier, i.target ?? i.module ?? '']),
    [
      [1, './ids', `${SERVER_SRC}/core/ids.ts`],
      [2, '../protocol', `${SERVER_SRC}/protocol.ts`],
      [3, 'node:fs', 'builtin:fs'],
      [4, 'net', 'builtin:net'],
      [5, 'vscode', 'vscode'],
      [6, '@scope/pkg/sub', '@scope/pkg'],
      [7, '<computed>', ''],
    ],
  );
});

for (const rule of RULES) {
  test(rule.name, () => {
    assert.deepEqual(layerViolations(IMPORTS, [rule]), []);
  });
}

test('a core file importing node:fs breaks the core rule, naming the file, the import and the rule', () => {
  const fake = new Map([
    [
      `${SERVER_SRC}/core/fake.ts`,
      [{ file: `${SERVER_SRC}/core/fake.ts`, line: 3, specifier: 'node:fs', module: 'builtin:fs' }],
    ],
  ]);
  const [v, ...rest] = layerViolations(fake);
  assert.equal(rest.length, 0);
  assert.match(
    v,
    /^server\/src\/core\/fake\.ts:3 imports 'node:fs' — node built-in 'fs' is host access .*\[rule: core\/ is pure/,
  );
});

// --- cycles -----------------------------------------------------------------------------

/** Strongly connected components with more than one file (or a file importing itself), via Tarjan. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  // Iterative, so a long import chain cannot overflow the stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.v) ?? [];
      if (top.i < edges.length) {
        const w = edges[top.i++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1 || edges.includes(top.v)) out.push(comp.sort());
      }
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One concrete cycle through the first file of a component: `a.ts → b.ts → a.ts`. */
function showCycle(graph: ReadonlyMap<string, readonly string[]>, comp: readonly string[]): string {
  const inComp = new Set(comp);
  const start = comp[0];
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const chain = [v];
        while (chain[0] !== start) chain.unshift(prev.get(chain[0])!);
        return [...chain, start].map((f) => f.slice(SERVER_SRC.length + 1)).join(' → ');
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp.join(', ');
}

/** Relative imports among the non-test files of server/src (type-only imports and lazy require() included). */
const SERVER_GRAPH: ReadonlyMap<string, readonly string[]> = new Map(
  SERVER_FILES.map((f) => [
    f,
    [
      ...new Set(
        (IMPORTS.get(f) ?? []).flatMap((i) =>
          i.target && IMPORTS.has(i.target) && i.target.startsWith(`${SERVER_SRC}/`) ? [i.target] : [],
        ),
      ),
    ],
  ]),
);

/**
 * Cycles known and being broken elsewhere: their exact member lists are tolerated by the test
 * above (a cycle that grows is not), and each has a todo test of its own. Remove an entry once
 * its todo test passes.
 */
const KNOWN_CYCLES: Record<string, { members: readonly string[]; todo: string }> = {};

test('the cycle finder finds a cycle and names its files', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
    ['e', ['e']],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c'], ['e']]);
  assert.deepEqual(
    cycles(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    [],
  );
});

test('no import cycles among the non-test files of server/src (other than the known ones below)', () => {
  const known = new Set(Object.values(KNOWN_CYCLES).map((c) => c.members.join('\n')));
  const found = cycles(SERVER_GRAPH)
    .filter((c) => !known.has(c.join('\n')))
    .map((c) => `import cycle: ${showCycle(SERVER_GRAPH, c)} [rule: no import cycles in server/src]`);
  assert.deepEqual(found, []);
});

for (const [name, { members, todo }] of Object.entries(KNOWN_CYCLES)) {
  test(`no import cycle ${name}`, { todo }, () => {
    const found = cycles(SERVER_GRAPH)
      .filter((c) => c.some((f) => members.includes(f)))
      .map((c) => `import cycle: ${showCycle(SERVER_GRAPH, c)}`);
    assert.deepEqual(found, []);
  });
}

// --- references to documents that are not in the repository ---------------------------

test('no source names a design document that is not in the repository (cite docs/*.md instead)', () => {
  const code = (name: string) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(name);
  const roots = [SERVER_SRC, CLIENT_SRC, 'scripts', 'bench', 'test', 'bin'];
  const dangling = /\bDESIGN(\.md\b|\s*§)/;
  const bad: string[] = [];
  for (const f of roots.flatMap((r) => files(r, code))) {
    readFileSync(path.join(REPO_ROOT, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (dangling.test(line)) bad.push(`${f}:${i + 1}: ${line.trim()} [rule: cite the project's docs (docs/*.md)]`);
      });
  }
  assert.ok(files(SERVER_SRC, code).length > 100);
  assert.deepEqual(bad, []);
});
