import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_DOCUMENTS } from './config';
import { parseConfig, unreadableConfig } from './configLoader';
import { CONFIG_SCHEMA } from './configSchema';
import { engineFor, REPO_ROOT, summarize } from '../testing/workspaces';

test('no seclife.json: defaults, no findings', () => {
  const { config, findings } = parseConfig(undefined);
  assert.deepEqual(findings, []);
  assert.deepEqual(config.documents, DEFAULT_DOCUMENTS);
  assert.deepEqual(Object.keys(config.kinds), ['SR', 'TH', 'RC', 'IF', 'SOUP', 'CS']);
});

test('valid file: keys replace defaults, exclude adds to them, kinds merge', () => {
  const { config, findings } = parseConfig(
    JSON.stringify({
      documents: ['req/**/*.md'],
      exclude: ['vendor/**'],
      kinds: { SR: { needs: ['implemented'] } },
    }),
  );
  assert.deepEqual(findings, []);
  assert.deepEqual(config.documents, ['req/**/*.md']);
  assert.ok(config.exclude.includes('**/node_modules/**') && config.exclude.includes('vendor/**'));
  assert.deepEqual(config.kinds.SR.needs, ['implemented']);
  assert.deepEqual(config.kinds.SR.links['derived-from'].targets, ['TH', 'SR']);
});

test('invalid JSON: config-error at the syntax error, defaults used', () => {
  const { config, findings } = parseConfig('{\n  "documents": ["a/**"],\n  "tests": [\n}\n');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].code, 'config-error');
  assert.equal(findings[0].file, 'seclife.json');
  assert.equal(findings[0].line, 4);
  assert.match(findings[0].message, /not valid JSON/);
  assert.deepEqual(config.documents, DEFAULT_DOCUMENTS);
});

test('schema violations: located at the offending key or value', () => {
  const { findings } = parseConfig(
    '{\n  "documents": "docs",\n  "rulez": {},\n  "rules": { "not-verified": "loud" }\n}\n',
  );
  assert.deepEqual(
    findings.map((f) => [f.line, f.column, f.message.replace(/; using the defaults$/, '')]),
    [
      [2, 16, "'documents' must be array"],
      [3, 3, "unknown key 'rulez' in the configuration"],
      [4, 30, '\'rules.not-verified\' must be one of "off", "note", "warning", "error"'],
    ],
  );
});

test('a custom rule pattern that does not compile is a config-error', () => {
  const { findings } = parseConfig(JSON.stringify({ customRules: [{ id: 'team/x', message: 'm', pattern: '(' }] }));
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /team\/x.*invalid pattern/);
});

test('empty file and non-object are config errors', () => {
  assert.equal(parseConfig('').findings[0].code, 'config-error');
  assert.equal(parseConfig('[]').findings[0].code, 'config-error');
});

test('a broken seclife.json is reported and the run continues on defaults', async () => {
  const engine = await engineFor({ 'seclife.json': '{ "documents": ', 'docs/a.md': '## SR-1: A\n' });
  assert.deepEqual(summarize(engine.findings()), [
    'not-implemented docs/a.md:1 SR-1',
    'not-verified docs/a.md:1 SR-1',
    'config-error seclife.json:1',
  ]);
});

test('schemas/seclife.schema.json is the generated schema', () => {
  const file = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/seclife.schema.json'), 'utf8'));
  assert.deepEqual(file, JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
});

test('customRules of the wrong shape is a config-error, not a crash', () => {
  for (const bad of [{}, 'x', [null]]) {
    const { findings } = parseConfig(JSON.stringify({ customRules: bad }));
    assert.equal(findings[0]?.code, 'config-error', JSON.stringify(bad));
  }
});

test('editor settings override the file; empty glob lists mean unset; an untrusted workspace drops custom rules', () => {
  const file = JSON.stringify({
    documents: ['req/**'],
    rules: { 'not-verified': 'error', 'not-implemented': 'note' },
    customRules: [{ id: 'team/x', message: 'm', pattern: 'x' }],
  });
  const { config } = parseConfig(file, {
    documents: [],
    tests: ['spec/**'],
    rules: { 'not-verified': 'off' },
    customRules: [],
  });
  assert.deepEqual(config.documents, ['req/**']);
  assert.deepEqual(config.tests, ['spec/**']);
  assert.deepEqual(config.rules, { 'not-verified': 'off', 'not-implemented': 'note' });
  assert.deepEqual(config.customRules, []);
});

test('followExternalSymlinks: default false, a boolean; a seclife.json that cannot be read is a config-error on the defaults', () => {
  assert.equal(parseConfig(undefined).config.followExternalSymlinks, false);
  assert.equal(parseConfig('{ "followExternalSymlinks": true }').config.followExternalSymlinks, true);
  assert.match(
    parseConfig('{ "followExternalSymlinks": "yes" }').findings[0].message,
    /'followExternalSymlinks' must be boolean/,
  );
  const unreadable = unreadableConfig('cannot be read (a FIFO, not a regular file)', {
    rules: { 'not-verified': 'off' },
  });
  assert.deepEqual(
    unreadable.findings.map((f) => [f.code, f.severity, f.line, f.message]),
    [
      [
        'config-error',
        'error',
        1,
        'seclife.json cannot be read (a FIFO, not a regular file); the gate and every setting use the defaults',
      ],
    ],
  );
  assert.equal(unreadable.config.rules['not-verified'], 'off', 'editor settings still apply');
  assert.equal(unreadable.config.gateConfigured, false);
});
