/** requirements.txt and pyproject.toml (PEP 621, PEP 735 groups, Poetry) → dependencies (pure: text in, data out). */
import { LineIndex } from '../text';
import { Dependency, ManifestIndex } from './dependency';
import { errorReason, normalizePypiName, Problem, pypiPurl, quoted, rangeAt, readEntry } from './manifestCommon';
import { parseToml, TomlEntry, TomlString, TomlValue } from './tomlLite';

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
 * line), ranged at the name. Option lines (`-r`, `-c`, `-e`, `-i`, `--hash`, …), trailing
 * options and comments are ignored; a bare URL or path counts only when it names its package
 * with `#egg=`. A line that is none of these is a problem.
 */
export function parseRequirements(file: string, text: string): ManifestIndex {
  const lines = new LineIndex(text);
  const index: ManifestIndex = { file, kind: 'requirements.txt', dependencies: [], problems: [] };
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
  return index;
}

function at(path: string[], ...prefix: string[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

/**
 * Reads a pyproject.toml: `[project] dependencies` (PEP 621, ranged at the name inside the
 * string), `[project.optional-dependencies]` and `[dependency-groups]` (PEP 735) as `dev: true`,
 * and Poetry's `[tool.poetry.dependencies]` (ranged at the key; `python` skipped; `optional = true`,
 * `dev-dependencies` and `group.<name>.dependencies` as `dev: true`).
 */
export function parsePyproject(file: string, text: string): ManifestIndex {
  const lines = new LineIndex(text);
  const toml = parseToml(text);
  const problems: Problem[] = toml.problems.map((p) => ({
    message: `${file} is not valid TOML: ${p.message}`,
    range: rangeAt(lines, p.start, p.end),
  }));
  const index: ManifestIndex = { file, kind: 'pyproject.toml', dependencies: [], problems };
  const requirement = (v: TomlValue, dev: boolean) =>
    readEntry(
      problems,
      () => (v.type === 'string' ? `requirement ${quoted(v.value)}` : 'a requirement'),
      () => rangeAt(lines, v.start, v.end),
      () => {
        if (v.type !== 'string') {
          if (v.type !== 'table')
            problems.push({ message: 'a dependency must be a PEP 508 string', range: rangeAt(lines, v.start, v.end) });
          return;
        }
        const req = parsePep508(v.value);
        if (!req) {
          problems.push({ message: `not a PEP 508 requirement: '${v.value}'`, range: rangeAt(lines, v.start, v.end) });
          return;
        }
        const range =
          v.verbatimAt !== undefined
            ? rangeAt(lines, v.verbatimAt + req.nameStart, v.verbatimAt + req.nameEnd)
            : rangeAt(lines, v.start, v.end);
        index.dependencies.push(toDependency(file, req, range, dev));
      },
    );
  const list = (e: TomlEntry, dev: boolean) => {
    if (e.value.type === 'array') for (const v of e.value.items) requirement(v, dev);
    else
      problems.push({
        message: `'${e.path.join('.')}' must be an array of requirement strings`,
        range: rangeAt(lines, e.value.start, e.value.end),
      });
  };
  const poetry = new Map<
    string,
    { dev: boolean; value?: TomlValue; fields: TomlEntry[]; keyStart: number; keyEnd: number }
  >();
  let name: string | undefined;
  let version: string | undefined;
  for (const e of toml.entries) {
    const p = e.path;
    const key = p.join('.');
    const str = e.value.type === 'string' ? e.value.value : undefined;
    if ((key === 'project.name' || key === 'tool.poetry.name') && str) name ??= str;
    else if ((key === 'project.version' || key === 'tool.poetry.version') && str) version ??= str;
    else if (key === 'project.dependencies') list(e, false);
    else if (p.length === 3 && at(p, 'project', 'optional-dependencies')) list(e, true);
    else if (p.length === 2 && at(p, 'dependency-groups')) list(e, true);
    else {
      const base =
        at(p, 'tool', 'poetry', 'dependencies') || at(p, 'tool', 'poetry', 'dev-dependencies')
          ? 3
          : at(p, 'tool', 'poetry', 'group') && p[4] === 'dependencies'
            ? 5
            : -1;
      if (base < 0 || p.length <= base || p.length > base + 2) continue;
      const id = p.slice(0, base + 1).join('\0');
      if (p.length === base + 1) {
        poetry.set(id, {
          dev: p[2] !== 'dependencies',
          value: e.value,
          fields: [],
          keyStart: e.keyStart,
          keyEnd: e.keyEnd,
        });
        continue;
      }
      // `[tool.poetry.dependencies.requests]` sub-table or `requests.version = …`: gather the fields.
      const header = toml.headers.find((h) => h.path.join('\0') === id);
      const t = poetry.get(id) ?? {
        dev: p[2] !== 'dependencies',
        fields: [],
        keyStart: header?.lastKeyStart ?? e.keyStart,
        keyEnd: header?.lastKeyEnd ?? e.keyEnd,
      };
      t.fields.push({ ...e, path: [p[base + 1]] });
      poetry.set(id, t);
    }
  }
  for (const [id, t] of poetry) {
    const raw = id.split('\0').pop()!;
    if (raw.toLowerCase() === 'python') continue;
    readEntry(
      problems,
      () => `dependency ${quoted(raw)}`,
      () => rangeAt(lines, t.keyStart, t.keyEnd),
      () => {
        const value: TomlValue = t.value ?? { type: 'table', entries: t.fields, start: t.keyStart, end: t.keyEnd };
        const dep = poetryDependency(file, raw, value, t.dev, rangeAt(lines, t.keyStart, t.keyEnd));
        if (dep) index.dependencies.push(dep);
        else
          problems.push({
            message: `'${raw}': expected a version string, an inline table or an array of them`,
            range: rangeAt(lines, t.keyStart, t.keyEnd),
          });
      },
    );
  }
  if (name) index.project = version ? { name, version } : { name };
  return index;
}

function field(v: TomlValue, key: string): TomlValue | undefined {
  return v.type === 'table' ? v.entries.find((e) => e.path.length === 1 && e.path[0] === key)?.value : undefined;
}

function text(v: TomlValue | undefined): string | undefined {
  return v?.type === 'string' ? (v as TomlString).value : undefined;
}

/** A Poetry constraint: `"^2.31"`, `"1.0"` (exact), `{ version, optional, git/tag, path, url }`, or an array of tables. */
function poetryDependency(
  file: string,
  raw: string,
  v: TomlValue,
  dev: boolean,
  range: Dependency['range'],
): Dependency | undefined {
  const name = normalizePypiName(raw);
  const dep: Dependency = { name, ecosystem: 'pypi', direct: true, source: 'registry', file, range };
  let spec: string | undefined;
  if (v.type === 'string') spec = v.value;
  else if (v.type === 'array') {
    const specs = v.items
      .map((i) => (i.type === 'string' ? i.value : text(field(i, 'version'))))
      .filter((s): s is string => !!s);
    if (specs.length > 0) spec = specs.join(' || ');
    if (
      v.items.length > 0 &&
      v.items.every(
        (i) => field(i, 'optional')?.type === 'scalar' && (field(i, 'optional') as { raw: string }).raw === 'true',
      )
    )
      dev = true;
  } else if (v.type === 'table') {
    const git = text(field(v, 'git'));
    const path = text(field(v, 'path'));
    const url = text(field(v, 'url'));
    const ref = text(field(v, 'tag')) ?? text(field(v, 'rev')) ?? text(field(v, 'branch'));
    if (git) [dep.source, spec] = ['git', ref ? `${git}#${ref}` : git];
    else if (path) [dep.source, spec] = ['file', path];
    else if (url) [dep.source, spec] = ['url', url];
    else spec = text(field(v, 'version'));
    const optional = field(v, 'optional');
    if (optional?.type === 'scalar' && optional.raw === 'true') dev = true;
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
