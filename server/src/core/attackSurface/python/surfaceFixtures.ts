/**
 * The attack-surface fixture convention (test/fixtures/attack-surface/*, README.md there): a
 * comment `expect-entry: <label>` on the line directly above a registration names an entry
 * point expected on the next code line (several may stack); `no-entry` above a near miss says
 * none is. Pure: the test reads the files and passes their text. Not used by the product.
 */
import { entryPointLabel, type FileSurface } from '../entryPoint';

export interface FixtureExpectations {
  /** `line|label` of every expected entry point. */
  expected: Set<string>;
  /** Lines that must hold no entry point. */
  none: Set<number>;
}

const COMMENT = /^\s*(?:#|\/\/|\/\*|\*)/;

export function readExpectations(text: string): FixtureExpectations {
  const lines = text.split(/\r\n|\r|\n/);
  const expected = new Set<string>();
  const none = new Set<number>();
  let labels: string[] = [];
  let noEntry = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (COMMENT.test(line)) {
      const m = /expect-entry:\s*(.*?)\s*(?:\*\/)?\s*$/.exec(line);
      if (m) labels.push(m[1]!);
      else if (/\bno-entry\b/.test(line)) noEntry = true;
      continue;
    }
    if (line.trim() === '') continue;
    for (const l of labels) expected.add(`${i + 1}|${l}`);
    if (noEntry) none.add(i + 1);
    labels = [];
    noEntry = false;
  }
  return { expected, none };
}

/** What differs between a file's expectations and its surface, as `file:line: …` messages. */
export function compareWithExpectations(file: string, text: string, surface: FileSurface): string[] {
  const { expected, none } = readExpectations(text);
  const actual = new Set(surface.entryPoints.map((e) => `${e.range.line}|${entryPointLabel(e)}`));
  const out: string[] = [];
  for (const e of expected) if (!actual.has(e)) out.push(`${file}:${e.replace('|', ': missed ')}`);
  for (const a of actual) if (!expected.has(a)) out.push(`${file}:${a.replace('|', ': unexpected ')}`);
  for (const e of surface.entryPoints)
    if (none.has(e.range.line)) out.push(`${file}:${e.range.line}: near miss read as ${entryPointLabel(e)}`);
  return out;
}
