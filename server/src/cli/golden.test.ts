import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { seclife } from '../testing/cli';
import { REPO_ROOT } from '../testing/workspaces';

/**
 * Golden files for the example workspace. After an intended change of the output,
 * regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/remote-monitoring');
const ROOT_URI = pathToFileURL(EXAMPLE).href + '/';

function golden(name: string, actual: string): void {
  const file = path.join(REPO_ROOT, 'test/golden', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.equal(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs; run UPDATE_GOLDEN=1 npm test if the change is intended`,
  );
}

test('JSON output of the example workspace', () => {
  const r = seclife(['check', EXAMPLE, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  golden('remote-monitoring.json', r.stdout);
});

test('SARIF output of the example workspace', () => {
  const r = seclife(['check', EXAMPLE, '--format', 'sarif']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes(ROOT_URI));
  golden('remote-monitoring.sarif', r.stdout.split(ROOT_URI).join('file:///ROOT/'));
});

test('the JSON output is deterministic', () => {
  const a = seclife(['check', EXAMPLE, '--format', 'json']).stdout;
  const b = seclife(['check', EXAMPLE, '--format', 'json']).stdout;
  assert.equal(a, b);
});
