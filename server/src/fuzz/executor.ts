/**
 * Runs inputs on targets. {@link WorkerExecutor} runs them in a worker thread with a
 * watchdog (a hang or running out of memory is a crash, and the worker is replaced);
 * {@link InProcessExecutor} runs them directly (the fixed-seed test: deterministic, no timers).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FuzzInput, Outcome, targetNamed } from './targets';

export interface Executor {
  run(target: string, input: FuzzInput, timeoutMs: number): Promise<Outcome>;
  close(): Promise<void>;
}

export class InProcessExecutor implements Executor {
  async run(target: string, input: FuzzInput): Promise<Outcome> {
    const t = targetNamed(target);
    if (!t) throw new Error(`no fuzz target '${target}'`);
    return t.run(input);
  }

  async close(): Promise<void> {}
}

/** Memory one input may use before it counts as unbounded. */
const HEAP_LIMIT_MB = 1536;

interface Pending {
  id: number;
  worker: Worker;
  resolve: (o: Outcome) => void;
}

export class WorkerExecutor implements Executor {
  private worker: { w: Worker; ready: Promise<void> } | undefined;
  private nextId = 0;
  private pending: Pending | undefined;
  /** Workers started (one more after every hang or OOM). */
  started = 0;

  private spawn(): { w: Worker; ready: Promise<void> } {
    const w = new Worker(path.join(__dirname, 'worker.js'), { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    this.started++;
    let onReady!: () => void;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    w.on('message', (msg: { ready?: boolean; id: number; outcome: Outcome }) => {
      if (msg.ready) return onReady();
      const p = this.pending;
      if (p && p.worker === w && p.id === msg.id) {
        this.pending = undefined;
        p.resolve(msg.outcome);
      }
    });
    const died = (why: string, stack?: string) => {
      onReady();
      if (this.worker?.w === w) this.worker = undefined;
      const p = this.pending;
      if (p && p.worker === w) {
        this.pending = undefined;
        const oom = /ERR_WORKER_OUT_OF_MEMORY|heap/i.test(why);
        p.resolve({ ok: false, kind: oom ? 'oom' : 'exception', message: why, stack, signature: oom ? 'oom' : 'worker-exit' });
      }
    };
    w.on('error', (e: Error & { code?: string }) => died(`${e.code ?? e.name}: ${e.message}`, e.stack));
    w.on('exit', (code) => died(`worker exited with code ${code}`));
    return { w, ready };
  }

  async run(target: string, input: FuzzInput, timeoutMs: number): Promise<Outcome> {
    const worker = (this.worker ??= this.spawn());
    await worker.ready;
    const w = worker.w;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        if (this.worker?.w === w) this.worker = undefined;
        void w.terminate();
        resolve({ ok: false, kind: 'hang', message: `no result within ${timeoutMs} ms`, signature: 'hang' });
      }, timeoutMs);
      this.pending = {
        id, worker: w,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      w.postMessage({ id, target, input });
    });
  }

  /** Replaces the worker (a fresh heap and JIT state, e.g. to confirm a hang). */
  async restart(): Promise<void> {
    const w = this.worker?.w;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  async close(): Promise<void> {
    await this.restart();
  }
}
