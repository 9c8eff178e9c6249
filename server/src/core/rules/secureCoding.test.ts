import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexWorkspace } from '../indexer';
import { MemoryWorkspace } from '../memoryWorkspace';
import { boundedPatternRunner } from '../../node/patternRunner';
import { engineFor, summarize } from '../../testing/workspaces';

const EVAL = 'declare const x: string;\n';

test('suppressions: next-line, line and file forms silence the finding and keep it (marked) in the results', async () => {
  const engine = await engineFor({
    'src/a.ts': `${EVAL}// seclife-ignore-next-line js/eval-dynamic -- x is a constant table key, see TH-1\neval(x);\neval(x); // seclife-ignore-line js/eval-dynamic -- reviewed\neval(x);\n`,
    'src/b.ts': `// seclife-ignore-file js/eval-dynamic -- generated sandbox code\n${EVAL}eval(x);\neval(x);\n`,
    'docs/t.md': '## TH-1: T\nStatus: accepted\nRationale: none needed\n',
  });
  const rules = engine.findings().filter((f) => f.code === 'js/eval-dynamic');
  assert.deepEqual(
    rules.map((f) => `${f.file}:${f.line} ${f.suppression ? `suppressed (${f.suppression.justification})` : 'active'}`),
    [
      'src/a.ts:3 suppressed (x is a constant table key, see TH-1)',
      'src/a.ts:4 suppressed (reviewed)',
      'src/a.ts:5 active',
      'src/b.ts:3 suppressed (generated sandbox code)',
      'src/b.ts:4 suppressed (generated sandbox code)',
    ],
  );
  assert.equal(engine.item('TH-1')!.references.length, 1, 'the justification links to TH-1');
});

test('unused-suppression: nothing to suppress, another rule, or an unknown rule', async () => {
  const engine = await engineFor({
    'src/a.ts': `${EVAL}// seclife-ignore-next-line js/eval-dynamic -- nothing below\nconst y = 1;\n// seclife-ignore-next-line js/string-timer -- wrong rule\neval(x);\n// seclife-ignore-line js/no-such-rule -- typo\n`,
  });
  assert.deepEqual(
    engine.findings().map((f) => `${f.code}@${f.line}${f.suppression ? ' (suppressed)' : ''}`),
    ['unused-suppression@2', 'unused-suppression@4', 'js/eval-dynamic@5', 'unused-suppression@6'],
  );
  assert.match(engine.findings()[3].message, /names unknown rule js\/no-such-rule/);
});

test('an unjustified suppression still suppresses, and is reported', async () => {
  const engine = await engineFor({ 'src/a.ts': `${EVAL}// seclife-ignore-next-line js/eval-dynamic\neval(x);\n` });
  assert.deepEqual(summarize(engine.findings()), ['unjustified-suppression src/a.ts:2', 'js/eval-dynamic src/a.ts:3']);
  assert.ok(engine.findings()[1].suppression);
});

test('rule severities: rules, overrides by glob, off', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({
      rules: { 'js/eval-dynamic': 'warning' },
      overrides: [{ files: ['scripts/**'], rules: { 'js/eval-dynamic': 'off' } }],
    }),
    'src/a.ts': `${EVAL}eval(x);\n`,
    'scripts/b.ts': `${EVAL}eval(x);\n`,
  });
  assert.deepEqual(
    engine.findings().map((f) => `${f.file} ${f.severity}`),
    ['src/a.ts warning'],
  );
});

test('custom rules: matched outside comments and strings, scoped by language and files', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({
      customRules: [
        {
          id: 'team/no-console',
          message: 'use the audit logger',
          pattern: 'console\\.log\\(',
          languages: ['typescript'],
          severity: 'warning',
          cwe: 532,
        },
        { id: 'team/no-todo-sql', message: 'raw SQL file', pattern: 'DROP TABLE', files: ['db/**'] },
      ],
    }),
    'src/a.ts': 'console.log(1);\n// console.log(2)\nconst s = "console.log(3)";\n',
    'src/b.py': 'console.log(4)\n',
    'db/x.sql': "DROP TABLE a;\nSELECT 'DROP TABLE b';\n",
  });
  assert.deepEqual(
    engine.findings().map((f) => `${f.code} ${f.file}:${f.line} ${f.severity}`),
    ['team/no-todo-sql db/x.sql:1 warning', 'team/no-console src/a.ts:1 warning'],
  );
});

test('a custom pattern that backtracks catastrophically is stopped and reported as config-error', async () => {
  const ws = new MemoryWorkspace({
    'seclife.json': JSON.stringify({ customRules: [{ id: 'team/slow', message: 'x', pattern: '^(a+)+$' }] }, null, 2),
    'src/a.ts': `const s = 1; ${'a'.repeat(40)}!\n`,
    'src/b.ts': `${'a'.repeat(40)}!\n`,
  });
  const engine = await indexWorkspace(ws, { patternRunner: boundedPatternRunner });
  const errors = engine.findings().filter((f) => f.code === 'config-error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].file, 'seclife.json');
  assert.equal(errors[0].line, 6);
  assert.match(errors[0].message, /custom rule 'team\/slow' took longer than its time budget/);
});

test('coding-rule-unenforced: CS items must name known, enabled rules; then they count as covered', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({ rules: { 'js/string-timer': 'off' } }),
    'docs/cs.md':
      '## CS-1: No eval\nRule: js/eval-dynamic\n\n## CS-2: Timers\nRule: js/string-timer\n\n## CS-3: Typo\nRule: js/evall, js/eval-dynamic\n',
  });
  assert.deepEqual(summarize(engine.findings()), [
    'coding-rule-unenforced docs/cs.md:5 CS-2',
    'coding-rule-unenforced docs/cs.md:8 CS-3',
  ]);
  assert.match(engine.findings()[1].message, /js\/evall is unknown or turned off/);
  assert.deepEqual(engine.coverage().CS, { total: 3, covered: 1 });
});
