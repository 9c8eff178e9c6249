/**
 * A JSON-RPC client that drives the built language server process over stdio, as an
 * editor would. Waits on notifications (never on sleeps), each wait bounded.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  ProtocolConnection,
  RequestType,
  RequestType0,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { BIN } from './cli';

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; message?: string; percentage?: number; title?: string };
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  /** `window/logMessage` notifications (the server's output channel): `type` 1 is an error. */
  readonly logs: Array<{ type: number; message: string }> = [];
  settings: Record<string, unknown> = {};
  stderr = '';
  private readonly listeners = new Set<() => void>();
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; diagnostics: Diagnostic[] }) => {
        this.diagnostics.set(p.uri, p.diagnostics);
        this.changed();
      },
    );
    this.connection.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.changed();
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest(
      'client/registerCapability',
      (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
        for (const r of p.registrations) this.registrations.push(r);
        this.changed();
        return null;
      },
    );
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'seclife' ? this.settings : null)),
    );
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.changed();
    });
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts `seclife lsp --stdio` with extra environment variables. */
  static start(env: Record<string, string> = {}): LspClient {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    return new LspClient(child);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `check` returns a truthy value (checked now and after every notification). */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const tryNow = () => {
        const v = check();
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(tryNow);
      };
      this.listeners.add(tryNow);
      tryNow();
    });
  }

  /** Initializes with the given folders and waits for the end of the first indexing progress. */
  async initialize(
    folders: string[],
    capabilities: InitializeParams['capabilities'] = DEFAULT_CAPABILITIES,
  ): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: uriOf(folders[0]),
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities,
    } satisfies InitializeParams);
    this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Waits until a work-done progress has ended `count` times in total. */
  indexed(count = 1): Promise<true> {
    return this.waitFor(
      `indexing end #${count}`,
      () => this.progress.filter((p) => p.value.kind === 'end').length >= count || undefined,
    );
  }

  /** Waits for a publishDiagnostics for `uri` satisfying `check`. */
  diagnosticsFor(
    uri: string,
    check: (d: Diagnostic[]) => boolean,
    what = `diagnostics of ${uri}`,
  ): Promise<Diagnostic[]> {
    return this.waitFor(what, () => {
      const d = this.diagnostics.get(uri);
      return d && check(d) ? d : undefined;
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** A custom request by its typed `RequestType` (protocol.ts). */
  send<R>(type: RequestType0<R, void>): Promise<R>;
  send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  send(type: RequestType0<unknown, void> | RequestType<unknown, unknown, void>, params?: unknown): Promise<unknown> {
    return type instanceof RequestType0 ? this.connection.sendRequest(type) : this.connection.sendRequest(type, params);
  }

  notify(method: string, params: unknown): void {
    this.connection.sendNotification(method, params);
  }

  /** shutdown + exit; kills the process if it does not exit in time. */
  async stop(): Promise<number | null> {
    try {
      await bounded(this.connection.sendRequest('shutdown'), 5000);
      this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

export const DEFAULT_CAPABILITIES: InitializeParams['capabilities'] = {
  window: { workDoneProgress: true },
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
  },
  textDocument: { rename: { prepareSupport: true }, synchronization: { dynamicRegistration: false } },
};

export function uriOf(absPath: string): string {
  return pathToFileURL(absPath).href;
}

/** Resolves with the promise's value, or with undefined once `ms` have passed (a bound, not a sleep). */
function bounded<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}
