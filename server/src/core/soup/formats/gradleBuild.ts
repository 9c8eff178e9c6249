/**
 * build.gradle (Groovy) and build.gradle.kts (Kotlin) dependency declarations (docs/soup.md,
 * Which manifests are read). A build script is a program: it is never run, its lines are
 * scanned for the common declaration forms, one per line —
 * `implementation 'g:a:v'`, `implementation("g:a:v")`, the map notation
 * `implementation group: 'g', name: 'a', version: 'v'` (Kotlin: `group = "g", name = …`) —
 * in the configurations `implementation`, `api`, `compileOnly`, `runtimeOnly` (and a source
 * set's or variant's, `debugImplementation`), test ones (`testImplementation`, …) as dev.
 * `$name` / `${name}` in a version is read from simple assignments in the same file
 * (`val x = "1"`, `def x = '1'`, `ext.x = '1'`, `extra["x"] = "1"`). Version catalog
 * references (`libs.x`), `project(…)`, `platform(…)` and file dependencies are not packages
 * this file names: catalogs get a note. A plain version is the version (Gradle's conflict
 * resolution may pick a higher one; gradle.lockfile, when there is one, says). Every pattern
 * is linear.
 */
import { Range } from '../../findings';
import { LineIndex } from '../../text';
import { Dependency, ManifestIndex } from '../dependency';
import { packagePurl } from '../manifestCommon';
import { ManifestFormat } from './format';

const KNOWN = new Set([
  'implementation',
  'api',
  'compileOnly',
  'compileOnlyApi',
  'runtimeOnly',
  'compile',
  'runtime',
  'annotationProcessor',
  'kapt',
  'ksp',
]);
const VARIANT = /[a-z](?:Implementation|Api|CompileOnly|RuntimeOnly|AnnotationProcessor|Compile|Runtime)$/;
/** Test configurations: `testImplementation`, `androidTestApi`, `integrationTestRuntimeOnly`, `kaptTest`. */
export const TEST_CONFIGURATION = /^(?:test|androidTest)|Test(?:[A-Z]|$)/;

const START = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(\(?)\s*(.*)$/;
const ASSIGN =
  /^\s*(?:(?:val|var|def|final|String)\s+|(?:project\.)?ext\.)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']([^"'$\n]*)["'][\s;]*$/;
const EXTRA = /^\s*(?:extra|ext|project\.extra)\s*\[\s*["']([^"'\n]+)["']\s*\]\s*=\s*["']([^"'$\n]*)["']/;
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_.]*)\}?/g;

function isConfiguration(name: string): boolean {
  return KNOWN.has(name) || VARIANT.test(name) || /^(?:test|androidTest)[A-Z]/.test(name) || name === 'kaptTest';
}

/** A quoted string at the start of `s` (`'…'` or `"…"`), its content and where it starts in `s`. */
function leadingString(s: string): { value: string; offset: number } | undefined {
  const q = s[0];
  if (q !== '"' && q !== "'") return undefined;
  const end = s.indexOf(q, 1);
  return end < 0 ? undefined : { value: s.slice(1, end), offset: 1 };
}

/** The quoted value of `key: '…'` / `key = "…"` in a map notation (a scan: the key is not a pattern). */
function mapValue(s: string, key: string): string | undefined {
  for (let at = s.indexOf(key); at >= 0; at = s.indexOf(key, at + 1)) {
    const before = at === 0 ? '' : s[at - 1];
    if (before !== '' && !/[\s,(]/.test(before)) continue;
    let i = at + key.length;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] !== ':' && s[i] !== '=') continue;
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    const q = s[i];
    if (q !== '"' && q !== "'") continue;
    let end = i + 1;
    while (end < s.length && s[end] !== '"' && s[end] !== "'" && s[end] !== '\n') end++;
    if (end < s.length && (s[end] === '"' || s[end] === "'")) return s.slice(i + 1, end);
  }
  return undefined;
}

export function parseGradleBuild(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'build.gradle', dependencies: [], problems: [] };
  const lines = new LineIndex(text);
  const variables = new Map<string, string>();
  for (let line = 1; line <= lines.lineCount; line++) {
    const s = lines.lineText(line);
    const m = ASSIGN.exec(s) ?? EXTRA.exec(s);
    if (m && !variables.has(m[1])) variables.set(m[1], m[2]);
  }
  let catalog = 0;
  const unresolved: string[] = [];
  let inComment = false;
  for (let line = 1; line <= lines.lineCount; line++) {
    const s = lines.lineText(line);
    if (inComment) {
      if (s.includes('*/')) inComment = false;
      continue;
    }
    if (/^\s*\/\*/.test(s) && !s.includes('*/')) {
      inComment = true;
      continue;
    }
    const m = START.exec(s);
    if (!m || !isConfiguration(m[1])) continue;
    const configuration = m[1];
    const rest = m[3];
    const restAt = s.length - rest.length;
    if (/^libs\.|^\(?\s*libs\./.test(rest)) {
      catalog++;
      continue;
    }
    let coordinates: { group: string; name: string; version?: string; column: number; length: number } | undefined;
    const str = leadingString(rest);
    if (str) {
      const parts = str.value.split('@')[0].split(':');
      if (parts.length >= 2 && parts[0] && parts[1])
        coordinates = {
          group: parts[0],
          name: parts[1],
          ...(parts[2] ? { version: parts[2] } : {}),
          column: restAt + str.offset + 1,
          length: str.value.length,
        };
    } else {
      const group = mapValue(rest, 'group');
      const name = mapValue(rest, 'name');
      if (group && name) {
        const version = mapValue(rest, 'version');
        coordinates = { group, name, ...(version ? { version } : {}), column: restAt + 1, length: rest.length };
      }
    }
    if (!coordinates) continue; // project(…), platform(…), files(…), kotlin("…"): not a package named here
    const range: Range = {
      line,
      column: coordinates.column,
      endLine: line,
      endColumn: coordinates.column + Math.max(1, coordinates.length),
    };
    const name = `${coordinates.group}:${coordinates.name}`;
    const dep: Dependency = { name, ecosystem: 'maven', direct: true, source: 'registry', file, range };
    if (coordinates.version !== undefined) {
      const spec = coordinates.version.replace(VARIABLE, (all, v: string) => variables.get(v) ?? all);
      dep.spec = spec;
      const exact = spec.endsWith('!!') ? spec.slice(0, -2) : spec;
      if (spec.includes('$')) unresolved.push(name);
      else if (!/[[\]()+,]|^latest\./.test(exact)) {
        dep.version = exact;
        dep.purl = packagePurl('maven', name, exact);
      }
    }
    if (TEST_CONFIGURATION.test(configuration)) dep.dev = true;
    index.dependencies.push(dep);
  }
  const notes: string[] = [];
  if (catalog > 0)
    notes.push(
      `${catalog} ${catalog === 1 ? 'dependency is' : 'dependencies are'} declared from a version catalog (\`libs.…\`): catalogs (gradle/libs.versions.toml) are not read, so ${catalog === 1 ? 'it is' : 'they are'} not checked from this file; gradle.lockfile lists what they resolve to`,
    );
  if (unresolved.length > 0)
    notes.push(
      `the version of ${unresolved.join(', ')} uses a variable this file does not assign a plain string to: kept as written, without a version`,
    );
  if (notes.length > 0) index.notes = notes;
  return index;
}

const NAMES = /^build\.gradle(?:\.kts)?$/;

export const gradleBuildFormat: ManifestFormat = {
  id: 'build.gradle',
  ecosystem: 'maven',
  role: 'declaration',
  fileNames: NAMES,
  discovery: { names: NAMES, folders: 'any' },
  parse: parseGradleBuild,
};
