import { DEFAULT_TEST_RESULTS, DEFAULT_VEX, SeclifeConfig } from './config';
import { SeverityOrOff } from './findings';
import { CommentFamily, languageOf } from './lexers/languages';
import { severityOf } from './config';
import { builtinSeverity } from './rules/registry';
import { BASELINE_FILE } from './review/baseline';
import { GlobList } from './globs';
import { isDefaultManifest } from './soup/manifestFormats';
import { unreadDependencyFile } from './soup/unreadDependencyFiles';

export type FileRole =
  | { role: 'document' }
  | { role: 'manifest' }
  | { role: 'advisories' }
  | { role: 'test-results' }
  | { role: 'vex' }
  | { role: 'unread-dependency' }
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
  private readonly testResults: GlobList;
  private readonly vex: GlobList;
  private readonly overrides: Array<{ files: GlobList; rules: Record<string, SeverityOrOff> }>;
  private readonly severityCache = new Map<string, Map<string, SeverityOrOff>>();

  /**
   * Globs are compiled once here into bounded-time matchers (globs.ts). One that does not
   * compile matches nothing; the loader has reported it as a `config-error`, for
   * seclife.json and the editor settings alike (docs/configuration.md#globs).
   */
  constructor(private readonly config: SeclifeConfig) {
    const compile = (globs: readonly string[]) => new GlobList(globs);
    this.documents = compile(config.documents);
    this.sources = config.sources ? compile(config.sources) : undefined;
    this.tests = compile(config.tests);
    this.exclude = compile(config.exclude);
    this.manifests = config.manifests ? compile(config.manifests) : undefined;
    this.advisories = compile(config.advisories);
    this.testResults = compile(config.testResults ?? DEFAULT_TEST_RESULTS);
    this.vex = compile(config.vex ?? DEFAULT_VEX);
    this.overrides = config.overrides.map((o) => ({ files: compile(o.files), rules: o.rules }));
  }

  /** Whether a folder is skipped entirely (tested as if a file were inside it). */
  isExcludedFolder(path: string): boolean {
    return this.exclude.matches(`${path}/.seclife-probe`) || this.exclude.matches(path);
  }

  isExcluded(path: string): boolean {
    return this.exclude.matches(path);
  }

  isTest(path: string): boolean {
    return this.tests.matches(path);
  }

  /** What the file is, or undefined when Seclife does not read it. */
  classify(path: string): FileRole | undefined {
    if (path === BASELINE_FILE) return { role: 'baseline' };
    if (this.isExcluded(path)) return undefined;
    if (this.documents.matches(path)) return { role: 'document' };
    if (this.advisories.matches(path)) return { role: 'advisories' };
    if (this.vex.matches(path)) return { role: 'vex' };
    if (this.testResults.matches(path)) return { role: 'test-results' };
    if (this.manifests ? this.manifests.matches(path) : isDefaultManifest(path)) return { role: 'manifest' };
    // A dependency file of a format the SOUP check cannot read: never a silent pass (soup-input-unread).
    if (unreadDependencyFile(path)) return { role: 'unread-dependency' };
    const isTest = this.isTest(path);
    // With explicit `sources`, a file is read when it is a source or a test.
    if (this.sources && !isTest && !this.sources.matches(path)) return undefined;
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
      for (const o of this.overrides) if (o.rules[code] && o.files.matches(file)) s = o.rules[code];
      perFile.set(code, s);
    }
    return s;
  }

  forget(file: string): void {
    this.severityCache.delete(file);
  }
}
