/**
 * requirements.txt, pyproject.toml (PEP 621, PEP 735 groups, Poetry, PDM) and Pipfile →
 * dependencies (pure: text in, data out; docs/soup.md, Which manifests are read).
 */
import { LineIndex } from '../text';
import { Dependency, ManifestIndex } from './dependency';
import { GraphBuilder, resolvedOf } from './dependencyGraph';
import { arrayItems, keyRange, TomlDocument, TomlTable, tomlDocument, topRange } from './formats/tomlPositions';
import { dirOf, errorReason, normalizePypiName, Problem, pypiPurl, quoted, rangeAt, readEntry } from './manifestCommon';

/** A PEP 508 requirement string, split; offsets are within the string. */
export interface Pep508 {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Version specifier as written (`>=1,<2`), parentheses dropped; or the URL of `name @ url`. */
  spec?: string;
  source: Dependency['source'];
  /** Set for a single `==`/`===` clause without wildcards. */
  version?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const CLAUSE = String.raw`\s*(?:===|==|~=|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*`;
const SPECIFIER = new RegExp(`^${CLAUSE}(?:,${CLAUSE})*$`);

function urlSource(url: string): Dependency['source'] {
  return /^git\+/i.test(url) ? 'git' : /^file:/i.test(url) ? 'file' : 'url';
}

/** Splits `name[extras] (specifier) ; marker` or `name[extras] @ url ; marker`; undefined when it is not one. */
export function parsePep508(text: string): Pep508 | undefined {
  const m = NAME.exec(text);
  if (!m) return undefined;
  const nameStart = m[0].length - m[1].length;
  let rest = text.slice(m[0].length);
  const extras = /^\s*\[[^\]]*\]/.exec(rest);
  if (extras) rest = rest.slice(extras[0].length);
  const out: Pep508 = { name: normalizePypiName(m[1]), nameStart, nameEnd: m[0].length, source: 'registry' };
  const at = /^\s*@\s*(\S+)(?:\s+;.*|\s*)$/.exec(rest);
  if (at) {
    out.spec = at[1];
    out.source = urlSource(at[1]);
    return out;
  }
  const semi = rest.indexOf(';');
  let spec = (semi >= 0 ? rest.slice(0, semi) : rest).trim();
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  if (spec === '') return out;
  if (!SPECIFIER.test(spec)) return undefined;
  out.spec = spec;
  const pin = /^(?:===|==)\s*([^\s,*]+)$/.exec(spec);
  if (pin) out.version = pin[1];
  return out;
}

function toDependency(file: string, req: Pep508, range: Dependency['range'], dev: boolean): Dependency {
  const dep: Dependency = { name: req.name, ecosystem: 'pypi', direct: true, source: req.source, file, range };
  if (req.spec !== undefined) dep.spec = req.spec;
  if (req.version) {
    dep.version = req.version;
    dep.purl = pypiPurl(req.name, req.version);
  }
  if (dev) dep.dev = true;
  return dep;
}

/**
 * Reads a pip requirements file: one PEP 508 requirement per logical line (`\` continues a
 * line), ranged at the name. Option lines (`-e`, `-i`, `--hash`, …), trailing options
 * (`--hash=…`) and comments are ignored; a bare URL or path counts only when it names its
 * package with `#egg=`. A line that is none of these is a problem. `-r`/`-c` files are
 * recorded: one discovery does not find (not `requirements*.txt`) gets a note. A file compiled
 * by pip-compile or `uv pip compile` says with `# via parent` which package needs which: it
 * is then a graph — a package only other packages of the file need is `direct: false`
 * (docs/soup.md, The whole dependency graph).
 */
export function parseRequirements(file: string, text: string): ManifestIndex {
  const lines = new LineIndex(text);
  const index: ManifestIndex = { file, kind: 'requirements.txt', dependencies: [], problems: [] };
  /** `# via` parents by dependency index; `open` while a bare `# via` takes the next `#   name` lines. */
  const via = new Map<number, string[]>();
  let viaOpen = false;
  const includes: Array<{ option: string; path: string }> = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const first = line;
    // One line is one entry: an exception loses only that line (issue 11, D15).
    try {
      // Join continuation lines, remembering where each piece starts in the text.
      const pieces: Array<{ at: number; offset: number }> = [];
      let logical = '';
      for (;;) {
        let piece = lines.lineText(line);
        if (line === 1 && piece.charCodeAt(0) === 0xfeff) piece = ' ' + piece.slice(1);
        pieces.push({ at: logical.length, offset: lines.starts[line - 1] });
        if (piece.endsWith('\\') && line < lines.lineCount) {
          logical += piece.slice(0, -1);
          line++;
          continue;
        }
        logical += piece.endsWith('\\') ? piece.slice(0, -1) : piece;
        break;
      }
      const toOffset = (i: number) => {
        let p = pieces[0];
        for (const q of pieces) if (q.at <= i) p = q;
        return p.offset + i - p.at;
      };
      // A run of blanks matches only from its start, or every start in it would rescan it (docs/security-model.md).
      const content = logical
        .replace(/(^|\s)#[\s\S]*$/, '')
        .replace(/(?<!\s)\s+--?[A-Za-z][\s\S]*$/, '')
        .trimEnd();
      const lead = content.length - content.trimStart().length;
      const body = content.trim();
      const comment = body === '' ? /^\s*#\s*(.*)$/.exec(logical) : null;
      if (comment) {
        const last = index.dependencies.length - 1;
        const said = comment[1].trimEnd();
        const v = /^via\b\s*(.*)$/.exec(said);
        if (v && last >= 0) {
          const parents = v[1] === '' ? [] : v[1].split(',').map((p) => p.trim());
          via.set(last, [...(via.get(last) ?? []), ...parents.filter(Boolean)]);
          viaOpen = v[1] === '';
        } else if (viaOpen && last >= 0 && said !== '') via.get(last)?.push(said);
        else viaOpen = false;
        continue;
      }
      viaOpen = false;
      const include = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/.exec(body);
      if (include) includes.push({ option: include[1], path: include[2] });
      if (body === '' || body.startsWith('-')) continue;
      if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^[./~\\]/.test(body)) {
        const egg = /#(?:[^#]*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(body);
        if (!egg) continue;
        const start = lead + egg.index + egg[0].length - egg[1].length;
        const url = body.replace(/#.*$/, '');
        const req: Pep508 = {
          name: normalizePypiName(egg[1]),
          nameStart: 0,
          nameEnd: 0,
          spec: url,
          source: /^[./~\\]/.test(body) || /^file:/i.test(body) ? 'file' : urlSource(body),
        };
        index.dependencies.push(
          toDependency(file, req, rangeAt(lines, toOffset(start), toOffset(start + egg[1].length)), false),
        );
        continue;
      }
      const req = parsePep508(content);
      if (!req) {
        index.problems.push({
          message: `not a requirement: '${body.length > 80 ? body.slice(0, 77) + '...' : body}'`,
          range: rangeAt(lines, toOffset(lead), toOffset(content.length)),
        });
        continue;
      }
      index.dependencies.push(
        toDependency(file, req, rangeAt(lines, toOffset(req.nameStart), toOffset(req.nameEnd)), false),
      );
    } catch (e) {
      index.problems.push({
        message: `line ${first} skipped: ${errorReason(e)}`,
        range: rangeAt(lines, lines.starts[first - 1], lines.starts[first - 1]),
      });
    }
  }
  for (const inc of includes) {
    const target = joinPath(dirOf(file), inc.path);
    const name = target.slice(target.lastIndexOf('/') + 1);
    if (!/^requirements[\w.-]*\.txt$/.test(name))
      (index.notes ??= []).push(`${file} includes ${target} (${inc.option}): read it by listing it in manifests`);
  }
  if (via.size > 0) compiledGraph(index, via);
  return index;
}

/** `dir` + a relative path, `./` and `..` resolved (`/`-separated, workspace-relative). */
function joinPath(dir: string, rel: string): string {
  const out = dir === '' ? [] : dir.split('/');
  for (const part of rel.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/**
 * A compiled requirements file (`# via` comments): each requirement is a package, `# via p`
 * an edge p → it. Parents that name no requirement of the file (`-r requirements.in`, the
 * project `name (pyproject.toml)`) make it a direct dependency; so does having no `# via`.
 */
function compiledGraph(index: ManifestIndex, via: Map<number, string[]>): void {
  const graph = new GraphBuilder();
  index.dependencies.forEach((d) => {
    graph.add({
      key: d.name,
      name: d.name,
      ...(d.version ? { version: d.version } : {}),
      ecosystem: 'pypi',
      ...(d.purl ? { purl: d.purl } : {}),
      range: d.range,
    });
  });
  index.dependencies.forEach((d, i) => {
    const parents = via.get(i) ?? [];
    let direct = parents.length === 0;
    for (const p of parents) {
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(p)?.[0];
      const key = name && !p.startsWith('-') && !/\s\(/.test(p) ? normalizePypiName(name) : undefined;
      if (key !== undefined && key !== d.name && graph.has(key)) graph.depend(key, d.name);
      else direct = true;
    }
    d.direct = direct;
    d.node = { file: index.file, key: d.name };
    if (direct) graph.direct('', d.name, d.name);
  });
  index.graph = graph.build();
  index.resolved = resolvedOf(index.graph);
}

/** A table of a parsed TOML value (own, non-array object), else undefined. */
export function tableAt(v: unknown): TomlTable | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
    ? (v as TomlTable)
    : undefined;
}

/** A table's own entry (never an inherited property). */
export function entryOf(t: TomlTable | undefined, key: string): unknown {
  return t && Object.hasOwn(t, key) ? t[key] : undefined;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The problem for a TOML file that does not parse: where, what, and that nothing of it was read. */
export function tomlFileProblem(file: string, doc: TomlDocument): Problem {
  return {
    message: `${file} is not valid TOML: ${doc.problem?.message ?? 'unreadable'}; its dependencies were not read`,
    range: doc.problem?.range ?? topRange(doc),
  };
}

/**
 * Reads a pyproject.toml: `[project] dependencies` (PEP 621, ranged at the name inside the
 * string), `[project.optional-dependencies]` and `[dependency-groups]` (PEP 735) as `dev: true`,
 * Poetry's `[tool.poetry.dependencies]` (ranged at the key; `python` skipped; `optional = true`,
 * `dev-dependencies` and `group.<name>.dependencies` as `dev: true`), PDM's
 * `[tool.pdm.dev-dependencies]` groups as `dev: true`, and uv's `[tool.uv.sources]` (a
 * `workspace = true` member is `source: 'workspace'`, git/path/url sources theirs).
 */
export function parsePyproject(file: string, text: string): ManifestIndex {
  const doc = tomlDocument(text);
  const problems: Problem[] = [];
  const index: ManifestIndex = { file, kind: 'pyproject.toml', dependencies: [], problems };
  if (!doc.value) {
    problems.push(tomlFileProblem(file, doc));
    return index;
  }
  const root = doc.value;
  const at = (path: string[]) => keyRange(doc, path) ?? topRange(doc);
  /** A list of PEP 508 strings at `path` (other items: a problem, `{ include-group }` tables skipped). */
  const list = (path: string[], dev: boolean) => {
    let value: unknown = root;
    for (const p of path) value = entryOf(tableAt(value), p);
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      problems.push({ message: `'${path.join('.')}' must be an array of requirement strings`, range: at(path) });
      return;
    }
    const items = arrayItems(doc, path);
    value.forEach((v, i) => {
      const item = items[i];
      const itemRange = () => (item ? rangeAt(doc.lines, item.start, item.end) : at(path));
      readEntry(
        problems,
        () => (typeof v === 'string' ? `requirement ${quoted(v)}` : 'a requirement'),
        itemRange,
        () => {
          if (typeof v !== 'string') {
            if (!tableAt(v)) problems.push({ message: 'a dependency must be a PEP 508 string', range: itemRange() });
            return;
          }
          const req = parsePep508(v);
          if (!req) {
            problems.push({ message: `not a PEP 508 requirement: '${v}'`, range: itemRange() });
            return;
          }
          const range =
            item?.verbatimAt !== undefined
              ? rangeAt(doc.lines, item.verbatimAt + req.nameStart, item.verbatimAt + req.nameEnd)
              : itemRange();
          index.dependencies.push(toDependency(file, req, range, dev));
        },
      );
    });
  };
  const project = tableAt(entryOf(root, 'project'));
  const tool = tableAt(entryOf(root, 'tool'));
  const poetry = tableAt(entryOf(tool, 'poetry'));
  const pdm = tableAt(entryOf(tool, 'pdm'));
  list(['project', 'dependencies'], false);
  for (const group of Object.keys(tableAt(entryOf(project, 'optional-dependencies')) ?? {}))
    list(['project', 'optional-dependencies', group], true);
  for (const group of Object.keys(tableAt(entryOf(root, 'dependency-groups')) ?? {}))
    list(['dependency-groups', group], true);
  const poetryTables: Array<{ path: string[]; dev: boolean }> = [
    { path: ['tool', 'poetry', 'dependencies'], dev: false },
    { path: ['tool', 'poetry', 'dev-dependencies'], dev: true },
    ...Object.keys(tableAt(entryOf(poetry, 'group')) ?? {}).map((g) => ({
      path: ['tool', 'poetry', 'group', g, 'dependencies'],
      dev: g !== 'main',
    })),
  ];
  for (const { path, dev } of poetryTables) {
    let table: unknown = root;
    for (const p of path) table = entryOf(tableAt(table), p);
    for (const [raw, value] of Object.entries(tableAt(table) ?? {})) {
      if (raw.toLowerCase() === 'python') continue;
      const range = () => at([...path, raw]);
      readEntry(
        problems,
        () => `dependency ${quoted(raw)}`,
        range,
        () => {
          const dep = tableDependency(file, raw, value, dev, range());
          if (dep) index.dependencies.push(dep);
          else
            problems.push({
              message: `'${raw}': expected a version string, an inline table or an array of them`,
              range: range(),
            });
        },
      );
    }
  }
  for (const group of Object.keys(tableAt(entryOf(pdm, 'dev-dependencies')) ?? {}))
    list(['tool', 'pdm', 'dev-dependencies', group], true);
  // uv's `[tool.uv.sources]`: a workspace member is the project's own code; git and path sources say where it comes from.
  for (const [raw, v] of Object.entries(tableAt(entryOf(tableAt(entryOf(tool, 'uv')), 'sources')) ?? {})) {
    const source = tableAt(v);
    const kind: Dependency['source'] | undefined =
      entryOf(source, 'workspace') === true
        ? 'workspace'
        : typeof entryOf(source, 'git') === 'string'
          ? 'git'
          : typeof entryOf(source, 'path') === 'string'
            ? 'file'
            : typeof entryOf(source, 'url') === 'string'
              ? 'url'
              : undefined;
    if (!kind) continue;
    for (const d of index.dependencies) {
      if (d.name !== normalizePypiName(raw) || d.source !== 'registry') continue;
      d.source = kind;
      delete d.version;
      delete d.purl;
    }
  }
  const name = stringOf(entryOf(project, 'name')) ?? stringOf(entryOf(poetry, 'name'));
  const version = stringOf(entryOf(project, 'version')) ?? stringOf(entryOf(poetry, 'version'));
  if (name) index.project = version ? { name, version } : { name };
  return index;
}

/**
 * Reads a Pipfile (pipenv's TOML): `[packages]` and `[dev-packages]` (as `dev: true`), each
 * `name = "*"`, `name = ">=1"` or `name = { version, git, ref, path, file, extras, markers }`,
 * ranged at the key.
 */
export function parsePipfile(file: string, text: string): ManifestIndex {
  const doc = tomlDocument(text);
  const problems: Problem[] = [];
  const index: ManifestIndex = { file, kind: 'Pipfile', dependencies: [], problems };
  if (!doc.value) {
    problems.push(tomlFileProblem(file, doc));
    return index;
  }
  for (const [section, dev] of [
    ['packages', false],
    ['dev-packages', true],
  ] as const) {
    for (const [raw, value] of Object.entries(tableAt(entryOf(doc.value, section)) ?? {})) {
      const range = () => keyRange(doc, [section, raw]) ?? topRange(doc);
      readEntry(
        problems,
        () => `dependency ${quoted(raw)}`,
        range,
        () => {
          const dep = tableDependency(file, raw, value === '*' ? {} : value, dev, range());
          if (dep) index.dependencies.push(dep);
          else problems.push({ message: `'${raw}': expected a version string or an inline table`, range: range() });
        },
      );
    }
  }
  return index;
}

/**
 * A dependency written as a table entry (Poetry, Pipfile): `"^2.31"`, `"1.0"` (exact),
 * `"==1.0"`, `{ version, optional, git/tag/rev/branch/ref, path, file, url }`, or (Poetry) an
 * array of such tables.
 */
function tableDependency(
  file: string,
  raw: string,
  v: unknown,
  dev: boolean,
  range: Dependency['range'],
): Dependency | undefined {
  const name = normalizePypiName(raw);
  const dep: Dependency = { name, ecosystem: 'pypi', direct: true, source: 'registry', file, range };
  let spec: string | undefined;
  const table = tableAt(v);
  if (typeof v === 'string') spec = v;
  else if (Array.isArray(v)) {
    const specs = v
      .map((i) => (typeof i === 'string' ? i : stringOf(entryOf(tableAt(i), 'version'))))
      .filter((s): s is string => !!s);
    if (specs.length > 0) spec = specs.join(' || ');
    if (v.length > 0 && v.every((i) => entryOf(tableAt(i), 'optional') === true)) dev = true;
  } else if (table) {
    const git = stringOf(entryOf(table, 'git'));
    const path = stringOf(entryOf(table, 'path')) ?? stringOf(entryOf(table, 'file'));
    const url = stringOf(entryOf(table, 'url'));
    const ref = ['tag', 'rev', 'branch', 'ref'].map((k) => stringOf(entryOf(table, k))).find(Boolean);
    if (git) [dep.source, spec] = ['git', ref ? `${git}#${ref}` : git];
    else if (path && !/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) [dep.source, spec] = ['file', path];
    else if (url ?? path) [dep.source, spec] = ['url', (url ?? path)!];
    else spec = stringOf(entryOf(table, 'version'));
    if (spec === '*') spec = undefined;
    if (entryOf(table, 'optional') === true) dev = true;
  } else return undefined;
  if (spec !== undefined) dep.spec = spec;
  const pin =
    dep.source === 'registry' && spec !== undefined ? /^\s*(?:===?\s*)?(\d[A-Za-z0-9.+!_-]*)\s*$/.exec(spec) : null;
  if (pin) {
    dep.version = pin[1];
    dep.purl = pypiPurl(name, pin[1]);
  }
  if (dev) dep.dev = true;
  return dep;
}
