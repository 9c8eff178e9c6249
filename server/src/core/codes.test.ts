import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allCodeInfos } from './codes';
import { TRACE_SEVERITY } from './config';
import { TRACE_CODES } from './findings';
import { REPO_ROOT } from '../testing/workspaces';

/** Codes the engine reports today; the others arrive with the rules, SOUP and review features. */
const REPORTED = [
  'unknown-reference', 'duplicate-id', 'wrong-link-target', 'malformed-item', 'not-implemented', 'not-verified',
  'not-mitigated', 'acceptance-without-rationale', 'verification-outside-tests', 'unjustified-suppression',
  'unused-suppression', 'config-error', 'soup-missing', 'soup-version-mismatch', 'soup-stale',
  'vulnerability-undispositioned', 'coding-rule-unenforced',
];

test('every finding code has help, a default severity and an entry in docs/findings.md', () => {
  const infos = new Map(allCodeInfos().map((i) => [i.code, i]));
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/findings.md'), 'utf8');
  for (const code of TRACE_CODES) {
    assert.ok(infos.get(code)?.help, `help for ${code}`);
    assert.ok(TRACE_SEVERITY[code], `severity for ${code}`);
  }
  for (const code of REPORTED) assert.ok(doc.includes(`\n## ${code}\n`), `docs/findings.md section for ${code}`);
});
