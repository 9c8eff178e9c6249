/**
 * `npm run fuzz -- --seconds N [--seed S] [--target NAME[,NAME…]] [--iterations N] [--timeout MS] [--no-fixtures]`
 * `npm run fuzz -- --replay FILE…` (a fixture, with the watchdog)
 * `npm run fuzz -- --list`
 * Exits 1 when a crash not listed in test/fixtures/fuzz/open.json was found.
 */
import * as path from 'node:path';
import { WorkerExecutor } from './executor';
import { decodeFixture, fixtureTarget } from './fixtures';
import { fuzz, summary, watchdogFor } from './fuzzer';
import { TARGETS, Target } from './targets';

function fail(message: string): never {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  let seconds: number | undefined;
  let iterations: number | undefined;
  let seed = 1;
  let timeoutMs = 2000;
  let writeFixtures = true;
  let targets: Target[] = [...TARGETS];
  const replay: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? fail(`${a} needs a value`);
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) fail(`${a} needs a non-negative number`);
      return n;
    };
    if (a === '--seconds') seconds = num();
    else if (a === '--iterations') iterations = Math.floor(num());
    else if (a === '--seed') seed = Math.floor(num());
    else if (a === '--timeout') timeoutMs = num();
    else if (a === '--no-fixtures') writeFixtures = false;
    else if (a === '--target') {
      const names = value().split(',');
      targets = names.map((n) => TARGETS.find((t) => t.name === n) ?? fail(`no target '${n}' (--list shows them)`));
    } else if (a === '--list') {
      for (const t of TARGETS) console.log(`${t.name.padEnd(16)} ${t.seeds().length} seeds`);
      return 0;
    } else if (a === '--replay') {
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) replay.push(argv[++i]);
    } else fail(`unknown argument '${a}'`);
  }
  const executor = new WorkerExecutor();
  try {
    if (replay.length) {
      let bad = 0;
      for (const file of replay) {
        const target = fixtureTarget(path.basename(file)) ?? fail(`${file}: no target of that name`);
        for (const input of decodeFixture(file)) {
          const o = await executor.run(target.name, input, watchdogFor(input, timeoutMs));
          console.log(
            `${file} (${input.kind}): ${o.ok ? 'ok' : `${o.kind} ${o.signature}\n  ${o.message}\n  ${(o.stack ?? '').split('\n').slice(0, 12).join('\n  ')}`}`,
          );
          if (!o.ok) bad++;
        }
      }
      return bad ? 1 : 0;
    }
    if (seconds === undefined && iterations === undefined) seconds = 60;
    console.log(
      `fuzz: seed ${seed}, ${targets.length} targets, ${iterations !== undefined ? `${iterations} iterations each` : `${seconds} s in total`}, watchdog ${timeoutMs} ms per 64 KiB`,
    );
    const result = await fuzz({
      seed,
      targets,
      executor,
      iterations,
      seconds,
      timeoutMs,
      writeFixtures,
      log: (l) => console.log(l),
    });
    console.log(summary(result));
    return result.crashes.some((c) => !c.knownOpen) ? 1 : 0;
  } finally {
    await executor.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e);
    process.exit(2);
  },
);
