import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  InitializeError,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  Connection,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigInput } from '../core/config';
import { pathToFileURL } from 'node:url';
import { buildSarif } from '../output/sarif';
import {
  CoverageRequest,
  FindingsRequest,
  InitializationOptions,
  KindsRequest,
  ReindexRequest,
  SarifRequest,
  SeclifeSettings,
  SETTINGS_SECTION,
  TraceTreeRequest,
  VulnerabilitiesRequest,
} from '../protocol';
import { codeActions } from '../service/codeActions';
import { AcceptReviewData, resolveAcceptReview } from '../service/reviewFeatures';
import { codeLenses } from '../service/codeLens';
import { completion } from '../service/completion';
import { definition } from '../service/definition';
import { diagnosticsFor } from '../service/diagnostics';
import { documentLinks } from '../service/documentLinks';
import { hover } from '../service/hover';
import { kindsReport } from '../service/kinds';
import { references } from '../service/references';
import { prepareRename, rename, RenameRefused } from '../service/rename';
import { SEMANTIC_LEGEND, semanticTokens } from '../service/semanticTokens';
import { documentSymbols, workspaceSymbols } from '../service/symbols';
import { coverageReport, findingsReport, traceTree } from '../service/views';
import { vulnerabilitiesReport } from '../service/vulnerabilities';
import { vulnerabilityActions } from '../service/vulnerabilityActions';
import { VERSION } from '../version';
import { Project } from './project';

function fsPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Edits of open buffers are parsed once they pause for BUFFER_DELAY_MS (edits already queued
 * never wait for a parse of an older version), only the latest version of each buffer, and
 * a request parses what is pending first. Edits of seclife.json or a .gitignore re-index the
 * folder once they pause for CONFIG_DELAY_MS (each keystroke would re-index it otherwise) —
 * docs/language-server.md.
 */
const BUFFER_DELAY_MS = 100;
const CONFIG_DELAY_MS = 300;

/**
 * Test-only fault injection, as the guard's `SECLIFE_FAULT=<feature>`: `rules` adds rules
 * that throw, `comment-scanner` a scanner that throws, where a file contains
 * `SECLIFE_FAULT` (core/faults.ts) — their failures must reach the diagnostics, the
 * SARIF log and this server's log. Loaded only then (it loads the TypeScript compiler).
 */
function injectTestFaults(fault: string | undefined): void {
  if (fault !== 'rules' && fault !== 'comment-scanner') return;
  (require('../core/faults') as typeof import('../core/faults')).injectFaults([fault]);
}

/** Starts the language server; the transport (`--stdio`, `--node-ipc`, `--socket=`) comes from the command line. */
export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  injectTestFaults(process.env.SECLIFE_FAULT);
  /** The output channel: features log what they could not do (service/context.ts logFailure). */
  const log = { error: (message: string) => connection.console.error(message) };
  const documents = new TextDocuments(TextDocument);
  const openByPath = new Map<string, TextDocument>();
  let projects: Project[] = [];
  let canPullConfiguration = false;
  let canWatchDynamically = false;
  let canRefreshLenses = false;
  let canFolders = false;
  /** The client resolves code actions lazily (`codeAction/resolve` with `edit`). */
  let canResolveEdits = false;
  let trusted = true;
  /** After `shutdown`, every request is an `InvalidRequest` error (LSP: "Shutdown Request"). */
  let shutDown = false;
  const buffers = { get: (abs: string) => openByPath.get(abs)?.getText() };
  /** Open buffers changed since they were last parsed, by absolute path (issue 11, D18). */
  const pending = new Map<string, TextDocument>();
  let bufferTimer: ReturnType<typeof setTimeout> | undefined;
  /** Open buffers whose last parsed version was over the size limit (they carry the too-large note). */
  const tooLargeBuffers = new Set<string>();
  const reindexTimers = new Map<Project, ReturnType<typeof setTimeout> | undefined>();

  /** The folder a URI belongs to (the innermost one for nested folders) and its relative path. */
  function locate(uri: string): { project: Project; path: string } | undefined {
    const abs = fsPath(uri);
    if (!abs) return undefined;
    let best: { project: Project; path: string } | undefined;
    for (const project of projects) {
      const rel = project.relative(abs);
      if (rel !== undefined && (!best || project.root.length > best.project.root.length)) best = { project, path: rel };
    }
    return best;
  }

  function publish(project: Project, files: Iterable<string>): void {
    for (const file of files) {
      project.logInternalErrors(file);
      const diagnostics = diagnosticsFor(project, file);
      if (diagnostics.length === 0 && !project.published.has(file)) continue;
      if (diagnostics.length) project.published.add(file);
      else project.published.delete(file);
      void connection.sendDiagnostics({ uri: project.uri(file), diagnostics });
    }
  }

  function publishAll(project: Project): void {
    const files = new Set(project.published);
    for (const f of project.engine.findings()) files.add(f.file);
    publish(project, files);
  }

  // Untrusted workspaces: no custom regex rules, and no reads through links leaving the folder
  // whatever seclife.json says (docs/security-model.md).
  const UNTRUSTED: ConfigInput = { customRules: [], followExternalSymlinks: false };
  async function settingsFor(project: Project): Promise<ConfigInput | undefined> {
    if (!canPullConfiguration) return trusted ? undefined : UNTRUSTED;
    try {
      // The `seclife.*` settings (protocol.ts); a client may send only some of them.
      const s = (await connection.workspace.getConfiguration({
        scopeUri: project.uriString,
        section: SETTINGS_SECTION,
      })) as Partial<SeclifeSettings> | null;
      if (!s) return undefined;
      return {
        documents: s.documents,
        sources: s.sources,
        tests: s.tests,
        exclude: s.exclude,
        rules: s.rules,
        ...(trusted ? {} : UNTRUSTED),
      };
    } catch {
      return undefined;
    }
  }

  async function reindex(targets: Project[]): Promise<void> {
    if (targets.length === 0) return;
    const progress: WorkDoneProgressReporter = await connection.window.createWorkDoneProgress();
    progress.begin('Seclife', 0, 'Indexing…', false);
    const totals = new Map<Project, { done: number; total: number }>();
    const report = () => {
      let done = 0;
      let total = 0;
      for (const t of totals.values()) {
        done += t.done;
        total += t.total;
      }
      progress.report(
        total ? Math.floor((done / total) * 100) : 0,
        `Indexing ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`,
      );
    };
    await Promise.all(
      targets.map(async (project) => {
        const settings = await settingsFor(project);
        const engine = await project.index(settings, (p) => {
          totals.set(project, p);
          report();
        });
        if (engine) publishAll(project);
      }),
    );
    progress.done();
    refreshLenses();
  }

  function setFolders(folders: Array<{ uri: string; name: string }>): Project[] {
    const keep = new Map(projects.map((p) => [p.uriString, p]));
    const added: Project[] = [];
    const next: Project[] = [];
    for (const f of folders) {
      const root = fsPath(f.uri);
      if (!root) continue;
      const existing = keep.get(f.uri);
      if (existing) next.push(existing);
      else {
        const p = new Project(f.uri, f.name, root, buffers, log);
        next.push(p);
        added.push(p);
      }
    }
    for (const old of projects) {
      if (!next.includes(old))
        for (const file of old.published) void connection.sendDiagnostics({ uri: old.uri(file), diagnostics: [] });
    }
    projects = next;
    return added;
  }

  /** Runs a feature; an exception becomes an LSP error response and the server keeps serving. */
  function guard<P, R>(feature: string, run: (p: P) => R): (p: P) => R | ResponseError<void> {
    return (params: P) => {
      if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'seclife: the server is shut down');
      try {
        // Requests answer from the latest text of every open buffer.
        parsePendingBuffers();
        if (process.env.SECLIFE_FAULT === feature) throw new Error(`fault injected into ${feature}`);
        return run(params);
      } catch (e) {
        if (e instanceof RenameRefused) return new ResponseError(ErrorCodes.InvalidRequest, e.message);
        connection.console.error(`seclife: ${feature} failed: ${(e as Error).stack ?? e}`);
        return new ResponseError(ErrorCodes.InternalError, `seclife: ${feature} failed: ${(e as Error).message}`);
      }
    };
  }

  function inDocument<P extends { textDocument: { uri: string } }, R>(
    feature: string,
    empty: R,
    run: (project: Project, path: string, params: P) => R,
  ) {
    return guard(feature, (params: P): R => {
      const at = locate(params.textDocument.uri);
      return at ? run(at.project, at.path, params) : empty;
    });
  }

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    if (shutDown)
      return new ResponseError(ErrorCodes.InvalidRequest, 'seclife: the server is shut down', { retry: false });
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchDynamically = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRefreshLenses = caps.workspace?.codeLens?.refreshSupport === true;
    canFolders = caps.workspace?.workspaceFolders === true;
    canResolveEdits = caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    // Untrusted workspaces run built-in checks only; custom regex rules (a later feature) stay off.
    trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
    const folders =
      params.workspaceFolders ??
      (params.rootUri ? [{ uri: params.rootUri, name: path.basename(fsPath(params.rootUri) ?? 'workspace') }] : []);
    setFolders(folders);
    return {
      serverInfo: { name: 'seclife', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['@', ' ', ',', '-', ':'], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: canResolveEdits },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (canWatchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (canPullConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (canFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const remaining = projects
          .filter((p) => !e.removed.some((r) => r.uri === p.uriString))
          .map((p) => ({ uri: p.uriString, name: p.name }));
        void reindex(setFolders([...remaining, ...e.added]));
      });
    }
    void reindex(projects);
  });

  /**
   * A debounce timer that never keeps the process alive (the connection does while it is
   * open) and is not started after `shutdown`.
   */
  function later(ms: number, run: () => void): ReturnType<typeof setTimeout> | undefined {
    return shutDown ? undefined : setTimeout(run, ms).unref();
  }

  /** Re-indexes a folder once its configuration has stopped changing for {@link CONFIG_DELAY_MS}. */
  function reindexSoon(project: Project): void {
    clearTimeout(reindexTimers.get(project));
    reindexTimers.set(
      project,
      later(CONFIG_DELAY_MS, () => {
        reindexTimers.delete(project);
        void reindex([project]);
      }),
    );
  }

  /** Whether a buffer is over the size limit of its path (bytes as UTF-8; counted only when it could be). */
  function overLimit(project: Project, path: string, text: string): boolean {
    const limit = project.engine.sizeLimit(path);
    return text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit);
  }

  /**
   * Parses the latest version of every changed buffer, once, per folder in one batch, and
   * publishes what changed. Several queued edits of a buffer cost one parse; a buffer over
   * the size limit is not parsed (it keeps its too-large note until it fits again).
   */
  function parsePendingBuffers(): void {
    clearTimeout(bufferTimer);
    bufferTimer = undefined;
    if (pending.size === 0) return;
    const batches = new Map<Project, Array<{ path: string; content: string }>>();
    for (const [abs, doc] of pending) {
      const at = locate(doc.uri);
      if (!at || openByPath.get(abs) !== doc) continue;
      const text = doc.getText();
      if (overLimit(at.project, at.path, text)) {
        if (tooLargeBuffers.has(abs)) continue;
        tooLargeBuffers.add(abs);
      } else tooLargeBuffers.delete(abs);
      connection.tracer.log(`seclife: parse ${at.path} (version ${doc.version})`);
      (batches.get(at.project) ?? batches.set(at.project, []).get(at.project)!).push({ path: at.path, content: text });
    }
    pending.clear();
    let lensesStale = false;
    for (const [project, changes] of batches) {
      try {
        publish(project, project.engine.update(changes));
        lensesStale = true;
      } catch (e) {
        // Never silently stale: say so in the server log (the file's own errors are findings).
        connection.console.error(
          `seclife: updating ${changes.map((c) => c.path).join(', ')} failed: ${(e as Error).stack ?? e}`,
        );
      }
    }
    // The editor asks again for the lenses of the document it changed, not of the others,
    // whose counts and test results may have moved too (a result file open in an editor
    // changes as a buffer when a test run rewrites it).
    if (lensesStale) refreshLenses();
  }

  // Open documents are the source of truth for their files.
  function bufferChanged(doc: TextDocument): void {
    const abs = fsPath(doc.uri);
    if (!abs) return;
    openByPath.set(abs, doc);
    const at = locate(doc.uri);
    if (!at) return;
    if (at.project.isConfigFile(at.path)) {
      reindexSoon(at.project);
      return;
    }
    pending.set(abs, doc);
    clearTimeout(bufferTimer);
    bufferTimer = later(BUFFER_DELAY_MS, parsePendingBuffers);
  }
  documents.onDidOpen((e) => bufferChanged(e.document));
  documents.onDidChangeContent((e) => bufferChanged(e.document));
  documents.onDidClose((e) => {
    const abs = fsPath(e.document.uri);
    if (abs) {
      openByPath.delete(abs);
      pending.delete(abs);
      tooLargeBuffers.delete(abs);
    }
    const at = locate(e.document.uri);
    if (!at) return;
    // The file on disk is the truth again (an unsaved edit is dropped with its buffer).
    if (at.project.isConfigFile(at.path)) reindexSoon(at.project);
    else {
      const text = at.project.text(at.path);
      publish(
        at.project,
        text === undefined ? at.project.engine.removeFile(at.path) : at.project.engine.updateFile(at.path, text),
      );
      refreshLenses();
    }
  });

  /** Asks the client for fresh code lenses (their texts follow test results and coverage). */
  function refreshLenses(): void {
    if (canRefreshLenses && !shutDown) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /**
   * Closed files follow the disk: each changed file is parsed again on its own (a test-result
   * file too: the annotations, items and result files whose findings change are republished),
   * a deleted one dropped; a change to seclife.json or a .gitignore re-indexes the folder, and
   * one to `.git` HEAD or the current branch re-reads the commit (docs/language-server.md).
   */
  connection.onDidChangeWatchedFiles((params) => {
    const reindexing = new Set<Project>();
    const heads = new Set<Project>();
    let changed = false;
    for (const change of params.changes) {
      const at = locate(change.uri);
      if (!at || openByPath.has(fsPath(change.uri)!)) continue;
      if (at.project.isConfigFile(at.path)) {
        reindexing.add(at.project);
        continue;
      }
      if (at.project.isHeadFile(at.path)) {
        heads.add(at.project);
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event: drop every indexed file under it.
        const prefix = `${at.path}/`;
        const gone = at.project.engine.filePaths().filter((f) => f === at.path || f.startsWith(prefix));
        for (const f of gone) publish(at.project, at.project.engine.removeFile(f));
        changed ||= gone.length > 0;
        continue;
      }
      if (!at.project.engine.accepts(at.path)) continue;
      const text = at.project.text(at.path);
      publish(
        at.project,
        text === undefined ? at.project.engine.removeFile(at.path) : at.project.engine.updateFile(at.path, text),
      );
      changed = true;
    }
    for (const project of reindexing) reindexSoon(project);
    if (changed) refreshLenses();
    for (const project of heads) {
      void project.headChanged().then(
        (files) => {
          if (!projects.includes(project) || shutDown) return;
          publish(project, files);
        },
        (e) =>
          connection.console.error(`seclife: reading the commit of ${project.name} failed: ${(e as Error).stack ?? e}`),
      );
    }
  });

  connection.onDidChangeConfiguration(() => {
    for (const project of projects) reindexSoon(project);
  });
  connection.onShutdown(() => {
    if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'seclife: the server is shut down');
    shutDown = true;
    clearTimeout(bufferTimer);
    for (const timer of reindexTimers.values()) clearTimeout(timer);
    reindexTimers.clear();
  });
  // Requests no feature handles: MethodNotFound, or InvalidRequest after shutdown.
  connection.onRequest(
    (method) =>
      new ResponseError(
        shutDown ? ErrorCodes.InvalidRequest : ErrorCodes.MethodNotFound,
        shutDown ? 'seclife: the server is shut down' : `seclife: unhandled method ${method}`,
      ),
  );

  connection.onHover(inDocument('hover', null, (p, file, params) => hover(p, file, params.position) ?? null));
  connection.onDefinition(inDocument('definition', [], (p, file, params) => definition(p, file, params.position)));
  connection.onReferences(
    inDocument('references', [], (p, file, params) =>
      references(p, file, params.position, params.context.includeDeclaration),
    ),
  );
  connection.onPrepareRename(
    inDocument('prepareRename', null, (p, file, params) => prepareRename(p, file, params.position) ?? null),
  );
  connection.onRenameRequest(
    inDocument('rename', null, (p, file, params) => rename(p, file, params.position, params.newName) ?? null),
  );
  connection.onCompletion(inDocument('completion', [], (p, file, params) => completion(p, file, params.position)));
  connection.onCodeLens(inDocument('codeLens', [], (p, file) => codeLenses(p, file)));
  connection.onCodeAction(
    inDocument('codeAction', [], (p, file, params) => [
      ...codeActions(p, file, params, canResolveEdits),
      ...vulnerabilityActions(p, file, params),
    ]),
  );
  connection.onCodeActionResolve(
    guard('codeActionResolve', (action: CodeAction) => {
      const uri = (action.data as Partial<AcceptReviewData> | undefined)?.uri;
      const at = typeof uri === 'string' ? locate(uri) : undefined;
      return at ? resolveAcceptReview(at.project, action) : action;
    }),
  );
  connection.onDocumentSymbol(inDocument('documentSymbol', [], (p, file) => documentSymbols(p, file)));
  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', (params) => projects.flatMap((p) => workspaceSymbols(p, params.query))),
  );
  connection.onDocumentLinks(inDocument('documentLink', [], (p, file) => documentLinks(p, file)));
  connection.languages.semanticTokens.on(
    inDocument('semanticTokens', { data: [] }, (p, file) => semanticTokens(p, file)),
  );

  // Custom requests (protocol.ts): typed by their RequestType; the feature name is the method.
  connection.onRequest(
    TraceTreeRequest,
    guard(TraceTreeRequest.method, (params) => traceTree(projects, params ?? {})),
  );
  connection.onRequest(
    CoverageRequest,
    guard(CoverageRequest.method, () => coverageReport(projects)),
  );
  connection.onRequest(
    FindingsRequest,
    guard(FindingsRequest.method, (params) => findingsReport(projects, params ?? {})),
  );
  connection.onRequest(
    VulnerabilitiesRequest,
    guard(VulnerabilitiesRequest.method, () => vulnerabilitiesReport(projects)),
  );
  connection.onRequest(
    KindsRequest,
    guard(KindsRequest.method, (params) => kindsReport(projects, params ?? {})),
  );
  connection.onRequest(
    SarifRequest,
    guard(SarifRequest.method, (params) => {
      const project = projects.find((p) => p.uriString === params?.folderUri) ?? projects[0];
      if (!project) return null;
      const engine = project.engine;
      return buildSarif(engine.findings(), {
        rootUri: pathToFileURL(project.root).href.replace(/\/?$/, '/'),
        // What verification rests on (annotated only, or the result files), as `seclife check` writes it.
        verification: { mode: engine.verificationMode(), resultFiles: engine.testResultFiles() },
      });
    }),
  );
  connection.onRequest(
    ReindexRequest,
    guard(ReindexRequest.method, async () => {
      await reindex(projects);
      return null;
    }),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}
