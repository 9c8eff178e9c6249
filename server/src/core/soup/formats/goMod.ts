/**
 * go.mod, a Go module's declaration (docs/soup.md, Which manifests are read): `module`,
 * `require` lines and blocks (`// indirect` marks a module only other modules need:
 * `direct: false`), `replace` (a local path is `source: 'file'`; another module at another
 * version is what is built: its name and version, the required path kept as `alias`) and
 * `exclude`. Since Go 1.17 go.mod lists every module of the build at the version selected,
 * so a required version is the version used; go.sum (goSum.ts) lists the modules downloaded.
 * Read line by line, as the go command's own grammar is (one directive per line, or a
 * parenthesised block of them).
 */
import { Range } from '../../findings';
import { LineIndex } from '../../text';
import { Dependency, ManifestIndex } from '../dependency';
import { packagePurl, quoted, readEntry } from '../manifestCommon';
import { ManifestFormat } from './format';

interface Token {
  text: string;
  column: number;
}

/** The tokens of a line before its `//` comment (a quoted token may hold spaces), and the comment. */
function tokenize(line: string): { tokens: Token[]; comment: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '/' && line[i + 1] === '/') return { tokens, comment: line.slice(i + 2).trim() };
    const start = i;
    if (c === '"' || c === '`') {
      const end = line.indexOf(c, i + 1);
      i = end < 0 ? line.length : end + 1;
      tokens.push({ text: line.slice(start + 1, end < 0 ? line.length : end), column: start + 1 });
      continue;
    }
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t' && !(line[i] === '/' && line[i + 1] === '/')) i++;
    tokens.push({ text: line.slice(start, i), column: start + 1 });
  }
  return { tokens, comment: '' };
}

/** A local replacement (`./x`, `../x`, `/abs`, `C:\x`): a folder, not a module version. */
function isLocalPath(path: string): boolean {
  return /^(?:\.{1,2}(?:[/\\]|$)|[/\\]|[A-Za-z]:[/\\])/.test(path);
}

interface Replacement {
  newPath: string;
  newVersion?: string;
}

export function parseGoMod(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'go.mod', dependencies: [], problems: [] };
  const lines = new LineIndex(text);
  const requires: Array<{ path: Token; version: Token; indirect: boolean; line: number }> = [];
  const replaces = new Map<string, Replacement>();
  const excludes = new Set<string>();
  let block: string | undefined;
  let blockLine = 0;
  const at = (line: number, t: Token): Range => ({
    line,
    column: t.column,
    endLine: line,
    endColumn: t.column + Math.max(1, t.text.length),
  });

  const directive = (verb: string, args: Token[], comment: string, line: number) => {
    switch (verb) {
      case 'module':
        if (args[0]) index.project = { name: args[0].text };
        return;
      case 'require':
        if (args.length < 2) {
          index.problems.push({
            message: `require needs a module path and a version; not read`,
            range: at(line, args[0] ?? { text: verb, column: 1 }),
          });
          return;
        }
        requires.push({
          path: args[0],
          version: args[1],
          indirect: /(?:^|;)\s*indirect\s*(?:;|$)/.test(comment),
          line,
        });
        return;
      case 'replace': {
        const arrow = args.findIndex((t) => t.text === '=>');
        const old = args.slice(0, Math.max(arrow, 0));
        const rep = args.slice(arrow + 1);
        if (arrow < 1 || old.length > 2 || rep.length < 1 || rep.length > 2) {
          index.problems.push({
            message: `replace must be 'old [version] => new [version]'; not read`,
            range: at(line, args[0] ?? { text: verb, column: 1 }),
          });
          return;
        }
        const key = old.length === 2 ? `${old[0].text}@${old[1].text}` : old[0].text;
        replaces.set(key, { newPath: rep[0].text, ...(rep[1] ? { newVersion: rep[1].text } : {}) });
        return;
      }
      case 'exclude':
        if (args.length === 2) excludes.add(`${args[0].text}@${args[1].text}`);
        return;
      default:
        return; // go, toolchain, godebug, retract, tool, ignore: no dependency
    }
  };

  for (let line = 1; line <= lines.lineCount; line++) {
    const { tokens, comment } = tokenize(lines.lineText(line));
    if (block !== undefined) {
      if (tokens.length === 1 && tokens[0].text === ')') {
        block = undefined;
        continue;
      }
      if (tokens.length > 0) directive(block, tokens, comment, line);
      continue;
    }
    if (tokens.length === 0) continue;
    const verb = tokens[0].text;
    if (tokens.length === 2 && tokens[1].text === '(') {
      block = verb;
      blockLine = line;
      continue;
    }
    if (tokens[1]?.text === '()') continue;
    directive(verb, tokens.slice(1), comment, line);
  }
  if (block !== undefined)
    index.problems.push({
      message: `the ${block} block opened here is not closed with ')'; the lines after it were read as its entries`,
      range: { line: blockLine, column: 1, endLine: blockLine, endColumn: block.length + 1 },
    });
  if (!index.project)
    index.problems.push({
      message: `${file} has no module directive`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    });

  for (const r of requires) {
    readEntry(
      index.problems,
      () => `require ${quoted(r.path.text)}`,
      () => at(r.line, r.path),
      () => {
        const path = r.path.text;
        const version = r.version.text;
        const range = at(r.line, r.path);
        const dep: Dependency = {
          name: path,
          ecosystem: 'golang',
          spec: version,
          version,
          direct: !r.indirect,
          source: 'registry',
          file,
          range,
        };
        const rep = replaces.get(`${path}@${version}`) ?? replaces.get(path);
        if (rep && isLocalPath(rep.newPath)) {
          dep.source = 'file';
          dep.spec = rep.newPath;
          delete dep.version;
        } else if (rep) {
          if (rep.newPath !== path) {
            dep.name = rep.newPath;
            dep.alias = path;
          }
          if (rep.newVersion) dep.version = rep.newVersion;
        }
        if (dep.version) dep.purl = packagePurl('golang', dep.name, dep.version);
        if (excludes.has(`${path}@${version}`))
          index.problems.push({
            message: `${quoted(path)} ${version} is required and also excluded: the go command uses the next higher version, which is not known here`,
            range: at(r.line, r.version),
          });
        index.dependencies.push(dep);
      },
    );
  }
  return index;
}

export const goModFormat: ManifestFormat = {
  id: 'go.mod',
  ecosystem: 'golang',
  role: 'declaration',
  fileNames: /^go\.mod$/,
  discovery: { names: /^go\.mod$/, folders: 'any' },
  parse: parseGoMod,
};
