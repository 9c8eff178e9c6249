import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parsePipfileLock } from './pipfileLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/python');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('Pipfile.lock: every package direct (with a note), develop as dev, no edges', () => {
  const index = parsePipfileLock('Pipfile.lock', read('pipenv/Pipfile.lock'));
  assert.equal(index.kind, 'Pipfile.lock');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.dev === true, d.range.line]),
    [
      ['certifi', '2024.8.30', false, 19],
      ['charset-normalizer', '3.4.0', false, 28],
      ['idna', '3.10', false, 37],
      ['requests', '2.32.3', false, 46],
      ['urllib3', '2.2.3', false, 55],
      ['iniconfig', '2.0.0', true, 66],
      ['packaging', '24.2', true, 75],
      ['pluggy', '1.5.0', true, 84],
      ['pytest', '8.3.3', true, 93],
    ],
  );
  assert.equal(index.graph?.edges, false);
  assert.equal(index.dependencies[3].purl, 'pkg:pypi/requests@2.32.3');
  assert.match(index.notes?.[0] ?? '', /each is taken as direct/);
});

test('Pipfile.lock: unsupported pipfile-spec and malformed JSON are located problems, never a throw', () => {
  const old = parsePipfileLock('Pipfile.lock', '{\n  "_meta": {\n    "pipfile-spec": 5\n  },\n  "default": {}\n}\n');
  assert.deepEqual(
    old.problems.map((p) => [p.message, p.range.line]),
    [['Pipfile.lock has pipfile-spec "5": only pipfile-spec 6 is read, its packages were not', 3]],
  );
  const broken = parsePipfileLock(
    'Pipfile.lock',
    '{\n  "_meta": {"pipfile-spec": 6},\n  "default": {\n    "a": }\n}\n',
  );
  assert.equal(broken.problems[0].range.line, 4);
  assert.match(broken.problems[0].message, /not valid JSON/);
  for (const text of ['', '[]', '{"default": 3}', '{"_meta": {"pipfile-spec": 6}, "default": {"x": 1}}'])
    assert.ok(Array.isArray(parsePipfileLock('Pipfile.lock', text).problems));
});
