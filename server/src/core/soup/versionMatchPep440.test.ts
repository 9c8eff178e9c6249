import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  comparePep440,
  formatPep440,
  parsePep440,
  parsePep440SpecifierSet,
  pep440Satisfies,
} from './versionMatchPep440';

/** Written by scripts/gen-pep440-fixture.py from the real `packaging` library (test/fixtures/versions/README.md). */
interface PackagingFixture {
  generator: string;
  order: Array<[string, number]>;
  normalized: Record<string, string>;
  contains: Array<[string, string, boolean, boolean]>;
}

const fixture: PackagingFixture = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/versions/pep440-packaging.json'), 'utf8'),
);

test('the packaging fixture is a real table', () => {
  assert.match(fixture.generator, /packaging \d+\.\d+/);
  assert.ok(fixture.order.length >= 50);
  assert.ok(fixture.contains.length >= 3000);
  assert.ok(fixture.contains.some((r) => r[2]) && fixture.contains.some((r) => !r[2]));
});

test('PEP 440 order agrees with packaging on every pair', () => {
  const wrong: string[] = [];
  for (const [a, ra] of fixture.order) {
    for (const [b, rb] of fixture.order) {
      const x = parsePep440(a);
      const y = parsePep440(b);
      if (!x || !y) {
        wrong.push(`${a} / ${b} did not parse`);
        continue;
      }
      if (comparePep440(x, y) !== Math.sign(ra - rb)) wrong.push(`${a} vs ${b}: packaging says ${Math.sign(ra - rb)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('PEP 440 normal form agrees with str(Version)', () => {
  for (const [text, normal] of Object.entries(fixture.normalized))
    assert.equal(formatPep440(parsePep440(text)!), normal, text);
});

test('PEP 440 specifier sets agree with packaging on every row (with and without prereleases=True)', () => {
  const wrong: string[] = [];
  for (const [spec, version, contains, containsPre] of fixture.contains) {
    const specs = parsePep440SpecifierSet(spec);
    if (!specs) {
      wrong.push(`${spec} did not parse`);
      continue;
    }
    const got = pep440Satisfies(specs, version, false);
    const gotPre = pep440Satisfies(specs, version, true);
    if (got !== contains) wrong.push(`${spec} ∋ ${version}: packaging says ${contains}`);
    if (gotPre !== containsPre) wrong.push(`${spec} ∋ ${version} (prereleases=True): packaging says ${containsPre}`);
  }
  assert.deepEqual(wrong, []);
});

test('exclusive > and < follow packaging: no post-releases or local versions of V, no pre-releases of V', () => {
  const has = (spec: string, v: string, pre = false) => pep440Satisfies(parsePep440SpecifierSet(spec)!, v, pre);
  assert.equal(has('>1.0', '1.0.post1'), false);
  assert.equal(has('>1.0', '1.0+local'), false);
  assert.equal(has('>1.0', '1.0.1+local'), true, 'a local version of a later release');
  assert.equal(has('>1.0', '1.1.post1'), true, 'a post-release of a later release');
  assert.equal(has('>1.0.post1', '1.0.post2'), true, 'V is itself a post-release');
  assert.equal(has('>1.0a1', '1.0.post1', true), false, 'packaging: same base version 1.0');
  assert.equal(has('>1.0a1', '1.0', true), true);
  assert.equal(has('<1.1', '1.1.dev0', true), false);
  assert.equal(has('<1.1', '1.0.9.dev0', true), true);
  assert.equal(has('>1.0a1', '1.0a2'), false, 'an exclusive bound does not turn pre-releases on');
  assert.equal(has('>=1.0a1', '1.0a2'), true, 'an inclusive one does');
});

test('=== compares the normal form of a PEP 440 version, else the text', () => {
  const has = (spec: string, v: string) => pep440Satisfies(parsePep440SpecifierSet(spec)!, v, true);
  assert.equal(has('===1.0a1', '1.0alpha1'), true);
  assert.equal(has('===1.0', '1.0.0'), false);
  assert.equal(has('===1.0-foo', '1.0-FOO'), true);
});
