/**
 * One parser per file role (FileFilter.classify decides the role). A new role is one
 * variant in fileIndex.ts and one entry here; the engine only looks the role up.
 */
import type { KindConfig } from './config';
import type { FileRole } from './fileFilter';
import { FileRoleName, IndexOf } from './fileIndex';
import type { IdGrammar } from './ids';
import { parseLifecycleDocument } from './markdown/lifecycleDocument';
import { parseBaselineFile } from './review/baselineFile';
import { checkSecureCoding, SecureCodingHost } from './rules/secureCoding';
import { parseAdvisoryFile, parseManifestFile } from './soup/manifestFile';
import { parseSourceFile } from './source/sourceFile';
import { parseTestResultsIndex } from './testResults/resultsFile';
import { parseUnreadDependencyFile } from './soup/unreadDependencyFiles';
import { parseAdvisoryArchive } from './soup/advisoriesArchive';
import { parseVexFile } from './soup/vexFile';

/** What parsers need from the engine. */
export interface ParseContext {
  grammar: IdGrammar;
  kinds: Record<string, KindConfig>;
  rules: SecureCodingHost;
}

type RoleOf<R extends FileRoleName> = Extract<FileRole, { role: R }>;

export interface FileParser<R extends FileRoleName> {
  /** The index of the decoded text. */
  parse(path: string, text: string, role: RoleOf<R>, ctx: ParseContext): IndexOf<R>;
  /** Checks run after parsing, once the decoding note is added (secure-coding rules). */
  check?(index: IndexOf<R>, text: string, role: RoleOf<R>, ctx: ParseContext): void;
  /**
   * The index is used as parsed: no decoding note, no severities (the review baseline, whose
   * only findings are `config-error`s about the file itself).
   */
  asParsed?: boolean;
  /** The parser reads no content (only the path): it runs for binary and over-size files too. */
  pathOnly?: boolean;
  /**
   * Reads the raw bytes of a file from disk (an OSV database zip) when it returns an index;
   * `undefined`: the file is decoded and given to {@link parse} as text.
   */
  parseBytes?(path: string, bytes: Uint8Array, role: RoleOf<R>, ctx: ParseContext): IndexOf<R> | undefined;
}

export const FILE_PARSERS: { readonly [R in FileRoleName]: FileParser<R> } = {
  document: {
    parse: (path, text, _role, ctx) => parseLifecycleDocument(path, text, { grammar: ctx.grammar, kinds: ctx.kinds }),
  },
  source: {
    parse: (path, text, role, ctx) =>
      parseSourceFile(path, text, {
        grammar: ctx.grammar,
        family: role.family,
        languageId: role.languageId,
        isTest: role.isTest,
        bindDeclarations: role.family === 'js',
      }),
    check: (index, text, role, ctx) => checkSecureCoding(index, text, role.family, ctx.rules),
  },
  manifest: { parse: (path, text) => parseManifestFile(path, text) },
  advisories: {
    parse: (path, text) => parseAdvisoryFile(path, text),
    parseBytes: (path, bytes) => (/\.zip$/i.test(path) ? parseAdvisoryArchive(path, bytes) : undefined),
  },
  vex: { parse: (path, text) => parseVexFile(path, text) },
  'test-results': { parse: (path, text) => parseTestResultsIndex(path, text) },
  'unread-dependency': { parse: (path) => parseUnreadDependencyFile(path), pathOnly: true },
  baseline: { parse: (path, text) => parseBaselineFile(path, text), asParsed: true },
};

/** The parser of a file's role (the table is indexed by role, so the entry takes that role's index). */
export function parserFor(role: FileRole): FileParser<FileRoleName> {
  return FILE_PARSERS[role.role] as FileParser<FileRoleName>;
}
