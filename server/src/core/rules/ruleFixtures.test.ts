import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MemoryWorkspace } from '../memoryWorkspace';
import { indexWorkspace } from '../indexer';
import { REPO_ROOT } from '../../testing/workspaces';
import { allBuiltinRules, loadJsRules } from './registry';
import { JS_RULE_INDEX } from './js/ruleIndex.generated';
import { ruleDocFile, ruleHelpMarkdown } from './ruleDocs';
import { Trigger, triggerParts } from './trigger';

/**
 * Every rule has a fixture file test/fixtures/rules/<lang>/<name>.<ext>. A line ending in
 * `expect: <rule-id>` (in a comment) must be reported by that rule; `ok: <rule-id>` marks a
 * near miss that must stay silent; every other line must stay silent too — for every rule.
 * At least 4 of each per rule.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/rules');

function fixtureOf(id: string): string | undefined {
  const [lang, name] = id.split('/');
  const dir = path.join(FIXTURES, lang);
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.slice(0, f.indexOf('.')) === name);
  return file && path.join(dir, file);
}

function markers(text: string, kind: 'expect' | 'ok'): Map<number, string[]> {
  const out = new Map<number, string[]>();
  text.split(/\r?\n/).forEach((line, i) => {
    const m = new RegExp(`\\b${kind}:\\s*([\\w/-]+(?:\\s*,\\s*[\\w/-]+)*)`).exec(line);
    if (m) out.set(i + 1, m[1].split(/\s*,\s*/));
  });
  return out;
}

for (const rule of allBuiltinRules()) {
  test(`${rule.id}: fixture positives are reported, everything else stays silent`, async () => {
    const file = fixtureOf(rule.id);
    assert.ok(file, `test/fixtures/rules/${rule.id.split('/')[0]}/${rule.id.split('/')[1]}.<ext> exists`);
    const text = readFileSync(file, 'utf8');
    const rel = `src/${path.basename(file)}`;
    const engine = await indexWorkspace(new MemoryWorkspace({ [rel]: text }));
    const got = engine
      .findingsFor(rel)
      .filter((f) => f.code.includes('/'))
      .map((f) => `${f.line} ${f.code}`)
      .sort();
    const expected = [...markers(text, 'expect')].flatMap(([line, ids]) => ids.map((id) => `${line} ${id}`)).sort();
    assert.deepEqual(got, expected);
    const positives = expected.filter((e) => e.endsWith(` ${rule.id}`)).length;
    const negatives = [...markers(text, 'ok').values()].filter((ids) => ids.includes(rule.id)).length;
    assert.ok(positives >= 4, `${rule.id}: ${positives} positive cases (need ≥4)`);
    assert.ok(negatives >= 4, `${rule.id}: ${negatives} near-miss cases (need ≥4)`);
  });
}

test('every rule has complete metadata and its generated help page under docs/rules/', () => {
  for (const rule of allBuiltinRules()) {
    assert.match(rule.id, /^(js|py|c)\/[a-z0-9-]+$/);
    assert.ok(rule.cwe.length > 0 && rule.message && rule.description && rule.bad && rule.good, rule.id);
    assert.ok(rule.securitySeverity >= 0 && rule.securitySeverity <= 10, rule.id);
    const doc = path.join(REPO_ROOT, 'docs/rules', ruleDocFile(rule.id));
    assert.ok(existsSync(doc), `${doc} (run npm run build)`);
    assert.equal(readFileSync(doc, 'utf8'), ruleHelpMarkdown(rule), `${doc} is stale (run npm run build)`);
  }
});

test('the generated JS rule index matches the rules (npm run build regenerates it)', () => {
  const shape = (r: { id: string; severity: string; trigger: Trigger }) => [
    r.id,
    r.severity,
    Array.isArray(r.trigger),
    triggerParts(r.trigger).map((p) => `/${p.source}/${p.flags}`),
  ];
  assert.deepEqual(JS_RULE_INDEX.map(shape), loadJsRules().map(shape));
  // Shared parts stay one object, so a file is scanned for them once.
  const hint = (id: string) => triggerParts(JS_RULE_INDEX.find((r) => r.id === id)!.trigger)[0];
  assert.equal(hint('js/ssrf'), hint('js/path-traversal'));
});
