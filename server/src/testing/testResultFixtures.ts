/** The real runners' result files in test/fixtures/test-results/ (see its README), for the test-result parser tests. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TestCaseResult, TestResultFile } from '../core/testResults/model';
import { REPO_ROOT } from './workspaces';

export const TEST_RESULTS_ROOT = path.join(REPO_ROOT, 'test', 'fixtures', 'test-results');

/** A fixture file's text, by its path below test/fixtures/test-results/. */
export function readResultFixture(rel: string): string {
  return readFileSync(path.join(TEST_RESULTS_ROOT, rel), 'utf8');
}

/** Every result file: the files of each out/ folder (maven's are two levels down) and the XML of with-commit/, sorted. */
export function resultFixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/[\\/]out$/.test(dir) || (dir.endsWith('with-commit') && e.name.endsWith('.xml'))) {
        out.push(path.relative(TEST_RESULTS_ROOT, p).split(path.sep).join('/'));
      }
    }
  };
  walk(TEST_RESULTS_ROOT);
  return out.sort();
}

/** The one case of `r` named `name` (fails the test when there is none or more than one). */
export function caseNamed(r: TestResultFile, name: string): TestCaseResult {
  const found = r.cases.filter((c) => c.name === name);
  assert.equal(found.length, 1, `one case named ${name} in ${r.file}: ${r.cases.map((c) => c.name).join(', ')}`);
  return found[0];
}
