import { Minimatch } from 'minimatch';
import { SeclifeConfig } from './config';
import { SeverityOrOff } from './findings';
import { CommentFamily, languageOf } from './annotations/languages';
import { severityOf } from './config';
import { builtinSeverity } from './rules/registry';
import { BASELINE_FILE } from './review/baseline';

const OPTIONS = { dot: true, nocase: false, matchBase: false } as const;

/** Globs compiled once to regular expressions (much faster than matching glob by glob). */
function compile(globs: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const g of globs) {
    const re = new Minimatch(g.replace(/^\.\//, ''), OPTIONS).makeRe();
    if (re) out.push(re);
  }
  return out;
}

function matchesAny(patterns: RegExp[], path: string): boolean {
  for (const p of patterns) if (p.test(path)) return true;
  return false;
}

export type FileRole =
  | { role: 'document' }
  | { role: 'manifest' }
  | { role: 'advisories' }
  | { role: 'baseline' }
  | { role: 'source'; family: CommentFamily; languageId: string; isTest: boolean };

/** Decides from the configuration what a workspace-relative path is (document, source, test) or whether it is skipped. */
export class FileFilter {
  private readonly documents: RegExp[];
  private readonly sources: RegExp[] | undefined;
  private readonly tests: RegExp[];
  private readonly exclude: RegExp[];
  private readonly manifests: RegExp[] | undefined;
  private readonly advisories: RegExp[];
  private readonly overrides: Array<{ files: RegExp[]; rules: Record<string, SeverityOrOff> }>;
  private readonly severityCache = new Map<string, Map<string, SeverityOrOff>>();

  constructor(private readonly config: SeclifeConfig) {
    this.documents = compile(config.documents);
    this.sources = config.sources ? compile(config.sources) : undefined;
    this.tests = compile(config.tests);
    this.exclude = compile(config.exclude);
    this.manifests = config.manifests ? compile(config.manifests) : undefined;
    this.advisories = compile(config.advisories);
    this.overrides = config.overrides.map((o) => ({ files: compile(o.files), rules: o.rules }));
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
