import { SeclifeConfig } from './config';
import { SeverityOrOff } from './findings';
import { CommentFamily, languageOf } from './annotations/languages';
import { severityOf } from './config';
import { builtinSeverity } from './rules/registry';
import { BASELINE_FILE } from './review/baseline';
import { GlobError, GlobList } from './globs';

/**
 * Globs compiled once into bounded-time matchers (globs.ts; docs/configuration.md#globs).
 * A glob that does not compile matches nothing: seclife.json's are reported as
 * `config-error` by the loader, editor settings' are listed in {@link FileFilter.globErrors}.
 */
function compile(globs: readonly string[], errors: GlobError[]): GlobList {
  const list = new GlobList(globs, (g) => g.replace(/^\.\//, ''));
  for (const e of list.errors) errors.push(e);
  return list;
}

function matchesAny(patterns: GlobList, path: string): boolean {
  return patterns.matches(path);
}

export type FileRole =
  | { role: 'document' }
  | { role: 'manifest' }
  | { role: 'advisories' }
  | { role: 'baseline' }
  | { role: 'source'; family: CommentFamily; languageId: string; isTest: boolean };

/** Decides from the configuration what a workspace-relative path is (document, source, test) or whether it is skipped. */
export class FileFilter {
  private readonly documents: GlobList;
  private readonly sources: GlobList | undefined;
  private readonly tests: GlobList;
  private readonly exclude: GlobList;
  private readonly manifests: GlobList | undefined;
  private readonly advisories: GlobList;
  private readonly overrides: Array<{ files: GlobList; rules: Record<string, SeverityOrOff> }>;
  private readonly severityCache = new Map<string, Map<string, SeverityOrOff>>();
  /** Globs that were refused (over a limit in globs.ts); they match nothing. */
  readonly globErrors: GlobError[] = [];

  constructor(private readonly config: SeclifeConfig) {
    const e = this.globErrors;
    this.documents = compile(config.documents, e);
    this.sources = config.sources ? compile(config.sources, e) : undefined;
    this.tests = compile(config.tests, e);
    this.exclude = compile(config.exclude, e);
    this.manifests = config.manifests ? compile(config.manifests, e) : undefined;
    this.advisories = compile(config.advisories, e);
    this.overrides = config.overrides.map((o) => ({ files: compile(o.files, e), rules: o.rules }));
  }

  /** Whether a folder is skipped entirely (tested as if a file were inside it). */
  isExcludedFolder(path: string): boolean {
    return matchesAny(this.exclude, `${path}/.seclife-probe`) || matchesAny(this.exclude, path);
  }

  isExcluded(path: string): boolean {
    return matchesAny(this.exclude, path);
  }

  isTest(path: string): boolean {
    return matchesAny(this.tests, path);
  }

  /** What the file is, or undefined when Seclife does not read it. */
  classify(path: string): FileRole | undefined {
    if (path === BASELINE_FILE) return { role: 'baseline' };
    if (this.isExcluded(path)) return undefined;
    if (matchesAny(this.documents, path)) return { role: 'document' };
    if (matchesAny(this.advisories, path)) return { role: 'advisories' };
    if (this.manifests ? matchesAny(this.manifests, path) : isManifestName(path)) return { role: 'manifest' };
    const isTest = this.isTest(path);
    // With explicit `sources`, a file is read when it is a source or a test.
    if (this.sources && !isTest && !matchesAny(this.sources, path)) return undefined;
    const language = languageOf(path);
    if (!language) return undefined;
    return { role: 'source', family: language.family, languageId: language.id, isTest };
  }

  /** Severity of a finding code in a file: `rules`, then every matching `overrides` entry (later wins). */
  severity(code: string, file: string): SeverityOrOff {
    let perFile = this.severityCache.get(file);
    if (!perFile) this.severityCache.set(file, (perFile = new Map()));
    let s = perFile.get(code);
    if (s === undefined) {
      s = severityOf(this.config, code, builtinSeverity);
      for (const o of this.overrides) if (o.rules[code] && matchesAny(o.files, file)) s = o.rules[code];
      perFile.set(code, s);
    }
    return s;
  }

  forget(file: string): void {
    this.severityCache.delete(file);
  }
}

/**
 * Default manifests: any package.json / package-lock.json (the SOUP check keeps the root's
 * and npm workspace members'), and root-level Python manifests and CycloneDX SBOMs.
 */
function isManifestName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'package.json' || name === 'package-lock.json') return true;
  if (path.includes('/')) return false;
  return /^requirements[\w.-]*\.txt$/.test(name) || name === 'pyproject.toml' || name === 'bom.json' || name === 'sbom.json' || /\.cdx\.json$/.test(name);
}
