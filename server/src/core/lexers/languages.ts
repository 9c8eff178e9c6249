/**
 * Maps file paths to a language id and the comment syntax ("family") used to
 * find annotations in them (docs/formats.md, Supported languages).
 */

/**
 * One family per distinct lexical syntax that matters for finding comments:
 * - `c`: C/C++ (`//` with `\` line continuation, `/* *\/`, char literals, C++ raw strings)
 * - `js`: JavaScript/TypeScript incl. JSX (templates, regex literals)
 * - `python`: `#`, (f-)strings, triple-quoted strings and docstrings
 * - `hash`: shell, YAML, TOML, Ruby, Dockerfile, Makefile (`#` after whitespace)
 * - `sql`: `--`, nested `/* *\/`
 * - `html`: HTML/XML/SVG (`<!-- -->` only)
 * - `markdown`: `<!-- -->` outside fenced code blocks and code spans
 * - `rust`, `go`, `csharp`, `java`, `kotlin`, `swift`: C-like with their own strings
 */
export type CommentFamily =
  | 'c'
  | 'js'
  | 'python'
  | 'hash'
  | 'sql'
  | 'html'
  | 'markdown'
  | 'rust'
  | 'go'
  | 'csharp'
  | 'java'
  | 'kotlin'
  | 'swift';

export interface LanguageInfo {
  /** Language id, e.g. `typescript`, `python`, `cpp`, `shellscript`, `dockerfile`. */
  id: string;
  family: CommentFamily;
}

function lang(id: string, family: CommentFamily): LanguageInfo {
  return { id, family };
}

const TYPESCRIPT = lang('typescript', 'js');
const JAVASCRIPT = lang('javascript', 'js');
const PYTHON = lang('python', 'python');
const C = lang('c', 'c');
const CPP = lang('cpp', 'c');
const CSHARP = lang('csharp', 'csharp');
const JAVA = lang('java', 'java');
const KOTLIN = lang('kotlin', 'kotlin');
const GO = lang('go', 'go');
const RUST = lang('rust', 'rust');
const SWIFT = lang('swift', 'swift');
const SHELL = lang('shellscript', 'hash');
const YAML = lang('yaml', 'hash');
const TOML = lang('toml', 'hash');
const RUBY = lang('ruby', 'hash');
const DOCKERFILE = lang('dockerfile', 'hash');
const MAKEFILE = lang('makefile', 'hash');
const SQL = lang('sql', 'sql');
const HTML = lang('html', 'html');
const XML = lang('xml', 'html');
const MARKDOWN = lang('markdown', 'markdown');

const BY_EXTENSION: ReadonlyMap<string, LanguageInfo> = new Map<string, LanguageInfo>([
  ['ts', TYPESCRIPT],
  ['tsx', TYPESCRIPT],
  ['mts', TYPESCRIPT],
  ['cts', TYPESCRIPT],
  ['js', JAVASCRIPT],
  ['jsx', JAVASCRIPT],
  ['mjs', JAVASCRIPT],
  ['cjs', JAVASCRIPT],
  ['py', PYTHON],
  ['pyi', PYTHON],
  ['pyw', PYTHON],
  ['c', C],
  ['h', C],
  ['cc', CPP],
  ['cpp', CPP],
  ['cxx', CPP],
  ['c++', CPP],
  ['hpp', CPP],
  ['hh', CPP],
  ['hxx', CPP],
  ['cs', CSHARP],
  ['java', JAVA],
  ['kt', KOTLIN],
  ['kts', KOTLIN],
  ['go', GO],
  ['rs', RUST],
  ['swift', SWIFT],
  ['sh', SHELL],
  ['bash', SHELL],
  ['zsh', SHELL],
  ['yml', YAML],
  ['yaml', YAML],
  ['toml', TOML],
  ['rb', RUBY],
  ['rake', RUBY],
  ['dockerfile', DOCKERFILE],
  ['mk', MAKEFILE],
  ['mak', MAKEFILE],
  ['sql', SQL],
  ['html', HTML],
  ['htm', HTML],
  ['xhtml', HTML],
  ['xml', XML],
  ['svg', XML],
  ['md', MARKDOWN],
  ['markdown', MARKDOWN],
]);

const BY_NAME: ReadonlyMap<string, LanguageInfo> = new Map<string, LanguageInfo>([
  ['dockerfile', DOCKERFILE],
  ['containerfile', DOCKERFILE],
  ['makefile', MAKEFILE],
  ['gnumakefile', MAKEFILE],
  ['gemfile', RUBY],
  ['rakefile', RUBY],
]);

/**
 * The language of a file, by its well-known name (`Dockerfile`, `Makefile`, …) or
 * its extension (case-insensitive). `undefined` when the comment syntax is unknown.
 * The returned objects are shared: do not mutate them.
 */
export function languageOf(path: string): LanguageInfo | undefined {
  const sep = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const base = path.slice(sep + 1).toLowerCase();
  const named = BY_NAME.get(base);
  if (named !== undefined) return named;
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const info = BY_EXTENSION.get(base.slice(dot + 1));
    if (info !== undefined) return info;
    if (base.startsWith('dockerfile.') || base.startsWith('containerfile.')) return DOCKERFILE;
  }
  return undefined;
}
