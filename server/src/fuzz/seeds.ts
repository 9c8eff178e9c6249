/**
 * Seed corpora per format: files from examples/ and test/fixtures/ (never test/fixtures/fuzz,
 * so the fixed-seed run does not change when a crash fixture is added), plus small inline
 * seeds for the comment families the fixtures do not cover.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

let allFiles: string[] | undefined;

/** Repo-relative paths of every seed candidate under examples/ and test/fixtures/ (sorted). */
function repoFiles(): string[] {
  if (allFiles) return allFiles;
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(REPO_ROOT, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (child === 'test/fixtures/fuzz' || name === 'node_modules') continue;
      const st = statSync(path.join(REPO_ROOT, child), { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(child);
      else if (st.isFile() && st.size < 512 * 1024) out.push(child);
    }
  };
  walk('examples');
  walk('test/fixtures');
  return (allFiles = out);
}

/** Texts of the repo files whose path matches, in a stable order. */
export function repoSeeds(match: RegExp): string[] {
  return repoFiles()
    .filter((f) => match.test(f))
    .map((f) => readFileSync(path.join(REPO_ROOT, f), 'utf8'));
}

/** Every file of a repo folder as a workspace (path relative to the folder → text). */
export function repoWorkspace(folder: string): Record<string, string> {
  const prefix = `${folder}/`;
  const files: Record<string, string> = {};
  for (const f of repoFiles()) {
    if (!f.startsWith(prefix)) continue;
    const bytes = readFileSync(path.join(REPO_ROOT, f));
    if (bytes.includes(0)) continue; // binary (an image): not interesting to mutate
    files[f.slice(prefix.length)] = bytes.toString('utf8');
  }
  return files;
}

/** Inline seeds for comment families with no fixture (from the every-family test, made richer). */
export const INLINE_SEEDS: Record<string, string[]> = {
  c: [
    'char *s = "// @implements SR-9";\n// @implements SR-1\n/* @implements SR-2 */\n#define X(a) \\\n  a // @verifies SR-3\nchar c = \'"\';\n',
    'auto s = R"delim(// @implements SR-9)delim";\n// @implements SR-1\n/** @implements SR-2\n * @mitigates TH-001 -- bounds checked */\nchar buf[16];\nstrcpy(buf, argv[1]);\n',
  ],
  hash: [
    'echo "# @implements SR-9"\n# @implements SR-1\nx=1 # @implements SR-2\ncat <<EOF\n# @implements SR-8\nEOF\n',
    'url: "http://x # @implements SR-9"\n# @implements SR-1\nkey: v # @implements SR-2\nlist:\n  - a # seclife-ignore-line yaml/x -- ok\n',
    's = "# @implements SR-9"\n# @implements SR-1\nk = 1 # @implements SR-2\n[table] # @verifies SR-3\n',
  ],
  sql: [
    'SELECT \'-- @implements SR-9\';\n-- @implements SR-1\n/* @implements SR-2 /* nested */ still */\nSELECT "a--b" FROM t; -- @verifies SR-3\n',
  ],
  html: [
    '<p>@implements SR-9</p>\n<!-- @implements SR-1 -->\n<!--\n @implements SR-2\n-->\n<script>// @implements SR-8</script>\n',
    '<?xml version="1.0"?>\n<a v="@implements SR-9"/>\n<!-- @implements SR-1 -->\n<![CDATA[ <!-- @implements SR-7 --> ]]>\n<!-- @implements SR-2 -->\n',
  ],
  markdown: [
    'Text @implements SR-9\n<!-- @implements SR-1 -->\n```\n<!-- @implements SR-8 -->\n```\n`<!-- x -->` <!-- @implements SR-2 -->\n',
  ],
  rust: [
    'let s = r#"// @implements SR-9"#;\n// @implements SR-1\n/// @implements SR-2\n/* outer /* inner */ @implements SR-3 */\nlet c = \'"\'; let l: &\'a str = "x";\n',
  ],
  go: ["var s = `// @implements SR-9`\n// @implements SR-1\n/* @implements SR-2 */\nr := '\"'\n"],
  csharp: [
    'var s = @"// @implements SR-9 ""q""";\n// @implements SR-1\n/// @implements SR-2\nvar t = $"{x} // not {y}";\nvar r = """\n  // raw @implements SR-9\n  """;\n',
  ],
  java: [
    'String s = "// @implements SR-9";\n// @implements SR-1\n/** @implements SR-2 */\nString t = """\n  // text block\n  """;\nchar c = \'"\';\n',
  ],
  kotlin: [
    'val s = """// @implements SR-9"""\n// @implements SR-1\n/* @implements SR-2 /* nested */ */\nval t = "${a} // x"\n',
  ],
  swift: [
    'let s = "// @implements SR-9"\n// @implements SR-1\n/* @implements SR-2 /* nested */ */\nlet r = #"raw "// x""#\nlet m = """\n// @implements SR-9\n"""\n',
  ],
  python: [
    'x = "# @implements SR-9"\n# @implements SR-1\ndef f():\n    """@implements SR-2"""\n    return f"{x!r} # {y}"\n',
  ],
  js: [
    'const e = <div title="// @implements SR-9" />;\n// @implements SR-1\n{/* @implements SR-2 */}\nconst r = /\\/\\/ x/g; const t = `${a /* b */} // c`;\nexport function f() {}\n',
  ],
};
