import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allCodeInfos, codeInfo, findingsMarkdown } from './codes';
import { TRACE_SEVERITY as CONFIG_TRACE_SEVERITY } from './config';
import { findingCodeSpec, isTraceCode, TRACE_CODES, TRACE_SEVERITY } from './findingCodes';
import { Finding, FindingCode } from './findings';
import { REPO_ROOT } from '../testing/workspaces';

test('every finding code has a default severity, a one-line summary, help, a "where" and a docs/findings.md section', () => {
  assert.ok(TRACE_CODES.length > 0);
  assert.equal(new Set(TRACE_CODES).size, TRACE_CODES.length);
  for (const code of TRACE_CODES) {
    assert.match(code, /^[a-z]+(-[a-z]+)+$/, `${code}: kebab-case, no slash (a slash marks a rule ID)`);
    const spec = findingCodeSpec(code);
    assert.ok(['error', 'warning', 'note'].includes(spec.severity), `severity of ${code}`);
    assert.equal(TRACE_SEVERITY[code], spec.severity);
    for (const field of ['summary', 'help', 'where'] as const) {
      assert.ok(spec[field].trim(), `${field} of ${code}`);
      assert.doesNotMatch(spec[field], /\n/, `${field} of ${code} is one line`);
    }
    assert.doesNotMatch(spec.where, /\|/, `where of ${code} would break the docs table`);
    assert.ok(spec.doc.join('').trim(), `doc of ${code}`);
    assert.ok(
      spec.doc.every((l) => !l.includes('\n') && !/^#{1,2} /.test(l)),
      `doc of ${code}: lines, no heading of its own level`,
    );
    if (spec.clause !== undefined) assert.match(spec.clause, /^\d/, `clause of ${code}`);
  }
});

test('codeInfo, allCodeInfos and TRACE_SEVERITY are views of the table', () => {
  assert.deepEqual(
    allCodeInfos().map((i) => i.code),
    [...TRACE_CODES],
  );
  for (const info of allCodeInfos()) {
    const spec = findingCodeSpec(info.code);
    assert.deepEqual(info, {
      code: info.code,
      severity: spec.severity,
      summary: spec.summary,
      help: spec.help,
      ...(spec.clause ? { clause: spec.clause } : {}),
    });
  }
  assert.equal(CONFIG_TRACE_SEVERITY, TRACE_SEVERITY, "config.ts re-exports the table's severities");
  assert.deepEqual(Object.keys(TRACE_SEVERITY), [...TRACE_CODES]);
  // Not a code, even though it is a property of every plain object.
  for (const name of ['constructor', 'toString', '__proto__', 'js/eval-dynamic', '']) {
    assert.equal(codeInfo(name), undefined, name);
    assert.equal(isTraceCode(name), false, name);
    assert.equal(TRACE_SEVERITY[name], undefined, name);
  }
  assert.equal(codeInfo('internal-error')?.severity, 'warning');
});

test('docs/findings.md is generated from the table', () => {
  const file = path.join(REPO_ROOT, 'docs/findings.md');
  const text = findingsMarkdown();
  assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale (run npm run build)`);
  for (const code of TRACE_CODES) {
    assert.ok(text.includes(`\n## ${code}\n`), `section for ${code}`);
    assert.ok(text.includes(`| [\`${code}\`](#${code}) | ${TRACE_SEVERITY[code]} | `), `table row for ${code}`);
  }
});

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, out);
    // This file spells codes wrong on purpose (the type-level test below).
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && entry.name !== 'codes.test.ts') out.push(p);
  }
  return out;
}

test('every finding code the sources and tests report or look for is in the table', () => {
  // Kebab-case literals next to `code` (`code: 'not-verified'`, `d.code === 'suspect-link'`); error
  // codes such as 'ENOENT' and rule IDs (with a slash) do not match. The type catches findings
  // built in TypeScript; this also catches diagnostics' `code` (string | number) in the LSP and
  // client code and tests, where a misspelt code would make a test pass without checking anything.
  const seen = new Set<string>();
  for (const root of ['server/src', 'client/src']) {
    for (const file of sourceFiles(path.join(REPO_ROOT, root))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bcode\s*(?::|[!=]==?)\s*['"]([a-z]+(?:-[a-z]+)+)['"]/g)) {
        assert.ok(isTraceCode(m[1]), `${path.relative(REPO_ROOT, file)}: '${m[1]}' is not in findingCodes.ts`);
        seen.add(m[1]);
      }
    }
  }
  assert.ok(
    seen.has('config-error') && seen.has('suspect-link') && seen.has('not-verified'),
    'the scan finds the codes',
  );
});

test('a misspelt trace code does not compile (type-level: tsc checks the @ts-expect-error lines)', () => {
  // @ts-expect-error 'not-verfied' is no trace code and has no slash, so it is no rule ID either.
  const misspelt: FindingCode = 'not-verfied';
  const finding: Finding = {
    // @ts-expect-error a Finding's code is a FindingCode, not any string
    code: 'unknown-refrence',
    severity: 'error',
    message: 'm',
    file: 'a.md',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
  };
  const valid: FindingCode[] = ['not-verified', 'internal-error', 'js/eval-dynamic', 'team/custom-rule'];
  assert.equal(misspelt, 'not-verfied');
  assert.equal(finding.code, 'unknown-refrence');
  assert.equal(valid.length, 4);
});
