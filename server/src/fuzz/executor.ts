/**
 * Runs inputs on targets. {@link WorkerExecutor} runs them in a worker thread with a
 * watchdog (a hang or running out of memory is a crash, and the worker is replaced). On
 * Linux the watchdog counts the worker thread's CPU time, so a busy machine does not turn
 * a slow run into a hang (wall time is capped at {@link WALL_FACTOR} times the limit).
 * The fixed-seed test uses it too: a parser that loops forever is synchronous, and only a
 * watchdog outside its thread can stop it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FuzzInput, Outcome } from './targets';

export interface Executor {
  run(target: string, input: FuzzInput, timeoutMs: number): Promise<Outcome>;
  close(): Promise<void>;
}

/** Memory one input may use before it counts as unbounded. */
const HEAP_LIMIT_MB = 1536;
/** However starved of CPU, a run ends after this many times its limit in wall time. */
const WALL_FACTOR = 10;

/** CPU time (ms) of one thread from its /proc stat file (utime + stime at 100 ticks/s), or undefined. */
function threadCpuMs(statFile: string | undefined): number | undefined {
  if (!statFile) return undefined;
  try {
    const text = readFileSync(statFile, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

interface Pending {
  id: number;
  worker: Worker;
  resolve: (o: Outcome) => void;
}

export class WorkerExecutor implements Executor {
  private worker: { w: Worker; ready: Promise<void>; threadStat?: string } | undefined;
  private nextId = 0;
  private pending: Pending | undefined;
  /** Workers started (one more after every hang or OOM). */
  started = 0;
  /** Whether the watchdog counts CPU time (Linux /proc); otherwise wall time. */
  cpuTimed = false;

  private spawn(): { w: Worker; ready: Promise<void>; threadStat?: string } {
    const w = new Worker(path.join(__dirname, 'worker.js'), {
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    this.started++;
    let onReady!: () => void;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const handle: { w: Worker; ready: Promise<void>; threadStat?: string } = { w, ready };
    w.on('message', (msg: { ready?: boolean; threadStat?: string; id: number; outcome: Outcome }) => {
      if (msg.ready) {
        handle.threadStat = msg.threadStat;
        this.cpuTimed = threadCpuMs(msg.threadStat) !== undefined;
        return onReady();
      }
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
        p.resolve({
          ok: false,
          kind: oom ? 'oom' : 'exception',
          message: why,
          stack,
          signature: oom ? 'oom' : 'worker-exit',
        });
      }
    };
    w.on('error', (e: Error & { code?: string }) => died(`${e.code ?? e.name}: ${e.message}`, e.stack));
    w.on('exit', (code) => died(`worker exited with code ${code}`));
    return handle;
  }

  async run(target: string, input: FuzzInput, timeoutMs: number): Promise<Outcome> {
    const worker = (this.worker ??= this.spawn());
    await worker.ready;
    const w = worker.w;
    const id = this.nextId++;
    const cpuStart = threadCpuMs(worker.threadStat);
    const wallStart = Date.now();
    return new Promise<Outcome>((resolve) => {
      let timer: NodeJS.Timeout;
      const check = () => {
        if (this.pending?.id !== id) return;
        const cpuNow = threadCpuMs(worker.threadStat);
        const cpu = cpuStart !== undefined && cpuNow !== undefined ? cpuNow - cpuStart : undefined;
        const wall = Date.now() - wallStart;
        if (cpu !== undefined && cpu < timeoutMs && wall < WALL_FACTOR * timeoutMs) {
          timer = setTimeout(check, Math.max(20, timeoutMs - cpu));
          return;
        }
        this.pending = undefined;
        if (this.worker?.w === w) this.worker = undefined;
        void w.terminate();
        const spent = cpu !== undefined ? `${cpu} ms of CPU time (${wall} ms wall)` : `${wall} ms`;
        resolve({ ok: false, kind: 'hang', message: `no result within ${timeoutMs} ms: ${spent}`, signature: 'hang' });
      };
      timer = setTimeout(check, timeoutMs);
      this.pending = {
        id,
        worker: w,
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
