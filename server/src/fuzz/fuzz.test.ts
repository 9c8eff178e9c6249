/**
 * The fuzzer in `npm test` (issue 11, "Keep it fixed"): a short fixed-seed run over every
 * target, counted in iterations (deterministic inputs); every crash fixture in
 * test/fixtures/fuzz/ replayed (no exception, bounded output); and the fuzzer's own
 * machinery (reproducible inputs, minimisation, the watchdog). Inputs run on a worker with
 * the watchdog: a parser that loops forever is synchronous, and no test timeout can stop it
 * in process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { WorkerExecutor } from './executor';
import { decodeFixture, FIXTURE_DIR, listFixtures, openFixtures } from './fixtures';
import { fuzz, inputFor, watchdogFor } from './fuzzer';
import { minimise } from './minimise';
import { FuzzInput, SELFTEST_TARGET, TARGETS } from './targets';

/** Iterations per target for the fixed-seed run: a few seconds in total (the slow targets get fewer). */
const ITERATIONS: Record<string, number> = {
  'source-js': 12,
  engine: 12,
  markdown: 30,
  'package-lock': 30,
  advisories: 30,
};
const DEFAULT_ITERATIONS = 40;
const SEED = 20240611;

/**
 * CPU time per 64 KiB of input before a run counts as a hang: far above any target's work
 * (the slowest takes well under a second), so only a loop that does not end reaches it.
 * A hang guard, not a speed assertion.
 */
const HANG_MS = 60_000;

/** Runs `body` with a worker executor, closed afterwards. */
async function onWorker(body: (executor: WorkerExecutor) => Promise<void>): Promise<void> {
  const executor = new WorkerExecutor();
  try {
    await body(executor);
  } finally {
    await executor.close();
  }
}

test('fixed-seed run: no crash in any target', () =>
  onWorker(async (executor) => {
    const open = new Set(
      Object.entries(openFixtures()).map(([name, o]) => `${name.slice(0, name.lastIndexOf('-'))} ${o.signature}`),
    );
    const problems: string[] = [];
    let total = 0;
    for (const target of TARGETS) {
      const { stats, crashes } = await fuzz({
        seed: SEED,
        targets: [target],
        executor,
        iterations: ITERATIONS[target.name] ?? DEFAULT_ITERATIONS,
        timeoutMs: HANG_MS,
      });
      total += stats[0].iterations;
      for (const c of crashes) {
        if (open.has(`${c.target} ${c.outcome.signature}`)) continue;
        problems.push(
          `${c.target} #${c.iteration}: ${c.outcome.kind} ${c.outcome.signature}: ${c.outcome.message}\n${c.outcome.stack ?? ''}`,
        );
      }
    }
    assert.ok(total >= TARGETS.length * 12);
    assert.deepEqual(problems, [], `reproduce with: npm run fuzz -- --seed ${SEED} --target NAME --iterations N`);
  }));

test('every crash fixture replays without an exception and with bounded output', () =>
  onWorker(async (executor) => {
    const open = openFixtures();
    const fixtures = listFixtures();
    const failures: string[] = [];
    for (const f of fixtures) {
      if (open[f.name]) continue;
      for (const input of decodeFixture(f.file)) {
        const o = await executor.run(f.target.name, input, watchdogFor(input, HANG_MS));
        if (!o.ok) failures.push(`${f.name} (${input.kind}): ${o.kind} ${o.signature}: ${o.message}`);
      }
    }
    assert.deepEqual(failures, []);
  }));

test('every fixture in open.json still crashes as recorded (when fixed, move it out of open.json)', () =>
  onWorker(async (executor) => {
    const stale: string[] = [];
    for (const f of listFixtures()) {
      const open = openFixtures()[f.name];
      if (!open) continue;
      const outcomes = [];
      for (const input of decodeFixture(f.file))
        outcomes.push(await executor.run(f.target.name, input, watchdogFor(input, HANG_MS)));
      if (!outcomes.some((o) => !o.ok && o.signature === open.signature)) stale.push(f.name);
    }
    assert.deepEqual(
      stale,
      [],
      'fixed: remove these from test/fixtures/fuzz/open.json and mark them fixed in its README',
    );
  }));

test('the fixture README names every fixture, and open.json only existing ones', () => {
  const readme = readFileSync(path.join(FIXTURE_DIR, 'README.md'), 'utf8');
  assert.match(readme, /produced by the fuzzer/);
  const names = listFixtures().map((f) => f.name);
  for (const name of names)
    assert.ok(readme.includes(name), `${name} is not described in test/fixtures/fuzz/README.md`);
  for (const name of Object.keys(openFixtures()))
    assert.ok(names.includes(name), `open.json names a missing fixture ${name}`);
});

test('inputs are a function of (seed, target, iteration)', () => {
  for (const target of TARGETS) {
    for (const i of [0, 7]) {
      assert.deepEqual(inputFor(target, 5, i), inputFor(target, 5, i), target.name);
    }
  }
  const texts = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(inputFor(TARGETS[0], 5, i))));
  assert.ok(texts.size > 10, 'different iterations give different inputs');
});

test('minimisation keeps what the crash needs and drops the rest', async () => {
  const text = `${'filler line\n'.repeat(200)}xx BOOM yy\n${'more\n'.repeat(300)}`;
  let runs = 0;
  const still = async (input: FuzzInput) => {
    runs++;
    return input.kind === 'text' && input.text.includes('BOOM');
  };
  assert.deepEqual(await minimise({ kind: 'text', text }, still), { kind: 'text', text: 'BOOM' });
  assert.ok(runs < 500, `${runs} runs`);
  const ws: FuzzInput = {
    kind: 'workspace',
    files: { 'a.md': 'a\nBOOM\nb\n', 'b.ts': 'x', 'c.json': '{}' },
    overlay: ['a.md', 'b.ts'],
  };
  const stillWs = async (input: FuzzInput) =>
    input.kind === 'workspace' && Object.values(input.files).some((t) => t.includes('BOOM'));
  assert.deepEqual(await minimise(ws, stillWs), { kind: 'workspace', files: { 'a.md': 'BOOM' }, overlay: ['a.md'] });
  const bytes = await minimise(
    { kind: 'bytes', bytes: new Uint8Array([1, 2, 10, 0xff, 3, 10, 4]) },
    async (i) => i.kind === 'bytes' && i.bytes.includes(0xff),
  );
  assert.deepEqual(bytes, { kind: 'bytes', bytes: new Uint8Array([0xff]) });
});

test('the watchdog reports a hang and an exception, and the next input runs on a fresh worker', async () => {
  const executor = new WorkerExecutor();
  try {
    const hang = await executor.run(SELFTEST_TARGET.name, { kind: 'text', text: 'hang' }, 300);
    assert.equal(hang.ok ? 'ok' : hang.kind, 'hang');
    const thrown = await executor.run(SELFTEST_TARGET.name, { kind: 'text', text: 'throw' }, 60_000);
    assert.equal(thrown.ok ? 'ok' : `${thrown.kind} ${thrown.message}`, 'exception TypeError: selftest');
    const ok = await executor.run(SELFTEST_TARGET.name, { kind: 'text', text: 'fine' }, 60_000);
    assert.deepEqual(ok, { ok: true, work: 4 });
    assert.equal(executor.started, 2);
  } finally {
    await executor.close();
  }
});
