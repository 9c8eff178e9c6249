/**
 * The fuzz loop: for each target, inputs made by mutating its seeds (input `i` is a
 * function of the seed, the target and `i` only), run through an {@link Executor}; a crash
 * is confirmed (hangs once more on a fresh worker), minimised and written as a fixture.
 */
import { Executor, WorkerExecutor } from './executor';
import { encodeFixture, openFixtures, writeFixture } from './fixtures';
import { minimise } from './minimise';
import { mixSeed, Prng } from './prng';
import { FuzzInput, inputSize, Outcome, Target } from './targets';

export interface FuzzOptions {
  seed: number;
  targets: readonly Target[];
  executor: Executor;
  /** Iterations per target (deterministic); otherwise `seconds` over all targets. */
  iterations?: number;
  seconds?: number;
  /** Watchdog per 64 KiB of input (ms). */
  timeoutMs?: number;
  /** Minimise and write fixtures (the CLI); the test only reports. */
  writeFixtures?: boolean;
  fixtureDir?: string;
  log?: (line: string) => void;
}

export interface Crash {
  target: string;
  iteration: number;
  outcome: Extract<Outcome, { ok: false }>;
  input: FuzzInput;
  /** Size before minimisation. */
  originalSize: number;
  fixture?: string;
  /** Already listed in test/fixtures/fuzz/open.json. */
  knownOpen: boolean;
}

export interface TargetStats {
  target: string;
  iterations: number;
  ms: number;
  crashes: number;
  /** Inputs that hit the watchdog once but not on a fresh worker with twice the time. */
  slow: number;
}

export interface FuzzResult {
  stats: TargetStats[];
  crashes: Crash[];
}

/** Input `iteration` of a target for a seed. */
export function inputFor(target: Target, seed: number, iteration: number): FuzzInput {
  return target.generate(new Prng(mixSeed(seed, target.name, iteration)), target.seeds());
}

export function watchdogFor(input: FuzzInput, perChunkMs: number): number {
  return perChunkMs * Math.max(1, Math.ceil(inputSize(input) / (64 * 1024)));
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => undefined);
  const timeout = options.timeoutMs ?? 2000;
  const stats: TargetStats[] = [];
  const crashes: Crash[] = [];
  const seen = new Set<string>();
  const open = openFixtures(options.fixtureDir);
  const openSignatures = new Set(
    Object.entries(open).map(([name, o]) => `${name.slice(0, name.lastIndexOf('-'))} ${o.signature}`),
  );
  const perTargetMs = options.seconds !== undefined ? (options.seconds * 1000) / options.targets.length : Infinity;
  for (const target of options.targets) {
    const s: TargetStats = { target: target.name, iterations: 0, ms: 0, crashes: 0, slow: 0 };
    stats.push(s);
    const start = Date.now();
    const deadline = start + perTargetMs;
    // minimising is not fuzzing: it neither counts in execs/s nor uses up the target's time
    let minimiseMs = 0;
    for (
      let i = 0;
      options.iterations !== undefined ? i < options.iterations : Date.now() < deadline + minimiseMs;
      i++
    ) {
      const input = inputFor(target, options.seed, i);
      let outcome = await options.executor.run(target.name, input, watchdogFor(input, timeout));
      s.iterations++;
      if (outcome.ok) continue;
      if (outcome.kind === 'hang' && options.executor instanceof WorkerExecutor) {
        // a hang counts when it repeats on a fresh worker (with twice the time when the watchdog
        // can only count wall time: a busy machine can stall one run)
        await options.executor.restart();
        const again = await options.executor.run(
          target.name,
          input,
          (options.executor.cpuTimed ? 1 : 2) * watchdogFor(input, timeout),
        );
        if (again.ok || again.kind !== 'hang') {
          s.slow++;
          log(`${target.name} #${i}: slow once (${inputSize(input)} chars), not on a second run`);
          if (again.ok) continue;
          outcome = again;
        }
      }
      s.crashes++;
      const key = `${target.name} ${outcome.signature}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const crash: Crash = {
        target: target.name,
        iteration: i,
        outcome,
        input,
        originalSize: inputSize(input),
        knownOpen: openSignatures.has(key),
      };
      log(
        `CRASH ${target.name} #${i} (seed ${options.seed}): ${outcome.kind} ${outcome.signature}\n  ${outcome.message}${crash.knownOpen ? '\n  (known: listed in test/fixtures/fuzz/open.json)' : ''}`,
      );
      if (options.writeFixtures && !crash.knownOpen) {
        const failed = outcome;
        const minimiseStart = Date.now();
        // a hang must last half as long again as the watchdog, so the fixture is not one that just hangs
        const slack = failed.kind === 'hang' ? 1.5 : 1;
        const sameCrash = async (candidate: FuzzInput) => {
          const o = await options.executor.run(target.name, candidate, slack * watchdogFor(candidate, timeout));
          return !o.ok && o.kind === failed.kind && o.signature === failed.signature;
        };
        crash.input = await minimise(input, sameCrash, 3000, outcome.kind === 'hang' ? 180_000 : 120_000);
        // the stack of the minimised input (line numbers are the same, the message may be clearer)
        const final = await options.executor.run(target.name, crash.input, watchdogFor(crash.input, timeout));
        if (!final.ok) crash.outcome = final;
        crash.fixture = writeFixture(target, crash.input, options.fixtureDir);
        log(
          `  minimised ${crash.originalSize} → ${inputSize(crash.input)} in ${((Date.now() - minimiseStart) / 1000).toFixed(0)} s: ${crash.fixture}\n  ${(crash.outcome.stack ?? crash.outcome.message).split('\n').slice(0, 12).join('\n  ')}`,
        );
        minimiseMs += Date.now() - minimiseStart;
      } else if (!crash.knownOpen) {
        log(`  would be fixture ${encodeFixture(target, input).name}`);
      }
      crashes.push(crash);
    }
    s.ms = Date.now() - start - minimiseMs;
  }
  return { stats, crashes };
}

/** The summary table: targets, iterations, execs/s, crashes. */
export function summary(result: FuzzResult): string {
  const rows = result.stats.map((s) => [
    s.target,
    String(s.iterations),
    (s.iterations / Math.max(s.ms / 1000, 0.001)).toFixed(1),
    String(s.crashes),
    String(s.slow),
  ]);
  const total = result.stats.reduce(
    (a, s) => ({ it: a.it + s.iterations, ms: a.ms + s.ms, c: a.c + s.crashes, slow: a.slow + s.slow }),
    { it: 0, ms: 0, c: 0, slow: 0 },
  );
  rows.push([
    'total',
    String(total.it),
    (total.it / Math.max(total.ms / 1000, 0.001)).toFixed(1),
    String(total.c),
    String(total.slow),
  ]);
  const head = ['target', 'iterations', 'execs/s', 'crashes', 'slow'];
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const distinct = result.crashes.map(
    (c) =>
      `  ${c.target} ${c.outcome.kind} ${c.outcome.signature}${c.knownOpen ? ' (known open)' : ''}${c.fixture ? ` → ${c.fixture}` : ''}`,
  );
  return [fmt(head), ...rows.map(fmt), `distinct crashes: ${result.crashes.length}`, ...distinct].join('\n');
}
