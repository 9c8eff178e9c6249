/**
 * Delta debugging (Zeller's ddmin, complements only): removes chunks of an input — files
 * of a workspace, then lines, then characters or bytes — while it still crashes the same
 * way (same kind and signature). Bounded by a number of tests.
 */
import { FuzzInput } from './targets';

export type StillCrashes = (input: FuzzInput) => Promise<boolean>;

interface Budget {
  tests: number;
  /** Wall-clock end of the minimisation (a CLI budget, not a test assertion). */
  deadline: number;
}

const spent = (b: Budget) => b.tests <= 0 || Date.now() > b.deadline;

async function ddmin<T>(items: T[], test: (xs: T[]) => Promise<boolean>, budget: Budget): Promise<T[]> {
  let n = 2;
  while (items.length >= 2 && !spent(budget)) {
    const chunk = Math.ceil(items.length / n);
    let reduced = false;
    for (let start = 0; start < items.length && !spent(budget); start += chunk) {
      const complement = items.slice(0, start).concat(items.slice(start + chunk));
      budget.tests--;
      if (await test(complement)) {
        items = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= items.length) break;
      n = Math.min(n * 2, items.length);
    }
  }
  // a single remaining unit may itself be removable
  if (items.length === 1 && !spent(budget)) {
    budget.tests--;
    if (await test([])) return [];
  }
  return items;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

async function minimiseText(text: string, test: (t: string) => Promise<boolean>, budget: Budget): Promise<string> {
  const lines = await ddmin(splitLines(text), (ls) => test(ls.join('')), budget);
  let out = lines.join('');
  // characters (as UTF-16 code units, so lone surrogates survive)
  const chars = await ddmin(out.split(''), (cs) => test(cs.join('')), budget);
  out = chars.join('');
  return out;
}

async function minimiseBytes(
  bytes: Uint8Array,
  test: (b: Uint8Array) => Promise<boolean>,
  budget: Budget,
): Promise<Uint8Array> {
  const lines: number[][] = [];
  let cur: number[] = [];
  for (const b of bytes) {
    cur.push(b);
    if (b === 10) {
      lines.push(cur);
      cur = [];
    }
  }
  if (cur.length) lines.push(cur);
  const kept = await ddmin(lines, (ls) => test(Uint8Array.from(ls.flat())), budget);
  const flat = await ddmin(kept.flat(), (bs) => test(Uint8Array.from(bs)), budget);
  return Uint8Array.from(flat);
}

/** The smallest input found that still crashes the same way (at most `maxTests` runs, `maxMs` of wall time). */
export async function minimise(
  input: FuzzInput,
  stillCrashes: StillCrashes,
  maxTests = 3000,
  maxMs = 120_000,
): Promise<FuzzInput> {
  const budget: Budget = { tests: maxTests, deadline: Date.now() + maxMs };
  if (input.kind === 'text')
    return {
      kind: 'text',
      text: await minimiseText(input.text, (text) => stillCrashes({ kind: 'text', text }), budget),
    };
  if (input.kind === 'bytes')
    return {
      kind: 'bytes',
      bytes: await minimiseBytes(input.bytes, (bytes) => stillCrashes({ kind: 'bytes', bytes }), budget),
    };
  // a workspace: drop files, then shrink each remaining file
  const make = (files: Record<string, string>): FuzzInput => ({
    kind: 'workspace',
    files,
    overlay: input.overlay.filter((p) => p in files),
  });
  const paths = await ddmin(
    Object.keys(input.files).sort(),
    (ps) => stillCrashes(make(Object.fromEntries(ps.map((p) => [p, input.files[p]])))),
    budget,
  );
  const files = Object.fromEntries(paths.map((p) => [p, input.files[p]]));
  for (const p of paths) {
    files[p] = await minimiseText(files[p], (text) => stillCrashes(make({ ...files, [p]: text })), budget);
  }
  return make(files);
}
