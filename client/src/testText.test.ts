import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location, TestLinkInfo, TraceTreeItem, TraceTreeResult } from '../../server/src/protocol';
import {
  failingResults,
  failureLocation,
  itemIconId,
  resultDescription,
  testDescription,
  verificationStatusText,
  verificationText,
} from './testText';

const at = (line: number): Location => ({
  uri: 'file:///ws/test-results/junit.xml',
  range: { start: { line, character: 0 }, end: { line, character: 0 } },
});

const failedTest: TestLinkInfo = {
  name: 'auth › audits',
  line: 5,
  status: 'failed',
  results: [
    { location: at(4), status: 'failed', name: 's › audits', message: 'expected audit entry', durationMs: 0.71 },
    { location: at(7), status: 'passed', name: 's › audits again', durationMs: 3 },
  ],
};

test('a linked test is described by its status, never "passed" when annotated only', () => {
  assert.equal(testDescription(failedTest), '✗ failed · 2 results — expected audit entry');
  assert.equal(
    testDescription({
      status: 'passed',
      results: [{ location: at(1), status: 'passed', name: 'x', durationMs: 1500 }],
    }),
    '✓ passed · 1.5 s',
  );
  assert.equal(testDescription({ status: 'annotated', results: [] }), 'annotated only (no test results read)');
  assert.equal(testDescription({ status: 'not-run', reason: 'no-result', results: [] }), 'not run: no result');
  assert.equal(
    testDescription({ status: 'not-run', reason: 'unbound', results: [] }),
    'no test found for this annotation',
  );
  assert.equal(
    testDescription({
      status: 'skipped',
      results: [{ location: at(1), status: 'skipped', name: 'x', message: 'clock' }],
    }),
    'skipped — clock',
  );
  assert.equal(resultDescription(failedTest.results[0], 'junit.xml:5'), 'junit.xml:5 · 0.7 ms — expected audit entry');
});

test('item icons: failed and not run first, then gaps, annotated only apart from passed', () => {
  const item = (covered: boolean, status?: NonNullable<TraceTreeItem['verification']>['status']): TraceTreeItem => ({
    id: 'SR-1',
    kind: 'SR',
    title: 't',
    needs: [],
    met: [],
    covered,
    missing: [],
    location: at(0),
    links: [],
    ...(status
      ? {
          verification: {
            mode: status === 'annotated' ? 'annotated-only' : 'results',
            status,
            counts: { tests: 1, passed: 0, failed: 0, notRun: 0 },
            resultFiles: 1,
          },
        }
      : {}),
  });
  assert.equal(itemIconId(item(false, 'failed')).icon, 'error');
  assert.equal(itemIconId(item(false, 'not-run')).icon, 'circle-slash');
  assert.equal(itemIconId(item(false, 'passed')).icon, 'warning');
  assert.equal(itemIconId(item(true, 'annotated')).icon, 'circle-outline');
  assert.equal(itemIconId(item(true, 'passed')).icon, 'pass');
  assert.equal(itemIconId(item(true)).icon, 'pass');
});

test('seclife.openTestResult opens a Location, a failed test node or a result node', () => {
  assert.deepEqual(failureLocation(at(3)), at(3));
  assert.deepEqual(failureLocation({ type: 'link', link: { test: failedTest } }), at(4));
  assert.deepEqual(failureLocation({ type: 'result', result: failedTest.results[1] }), at(7));
  assert.equal(failureLocation({ type: 'link', link: {} }), undefined);
  assert.equal(failureLocation(undefined), undefined);
  assert.equal(failureLocation('file:///x'), undefined);
  const tree: TraceTreeResult = {
    indexing: false,
    folders: [
      {
        uri: 'file:///ws',
        name: 'ws',
        kinds: [
          {
            prefix: 'SR',
            title: 'Security requirement',
            total: 1,
            covered: 0,
            items: [
              {
                id: 'SR-2',
                kind: 'SR',
                title: 'Audit',
                needs: ['verified'],
                met: [],
                covered: false,
                missing: ['verified'],
                location: at(0),
                links: [
                  { role: 'verifies', location: at(1), test: failedTest },
                  { role: 'verifies', location: at(2), test: failedTest },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  assert.deepEqual(
    failingResults(tree).map((f) => `${f.itemId} ${f.result.name}`),
    ['SR-2 s › audits'],
  );
});

test('the status bar never shows a passed figure from annotations only', () => {
  const tally = { passed: 0, failed: 0, notRun: 0, none: 1 };
  assert.deepEqual(verificationStatusText({ mode: 'annotated-only', resultFiles: 0, annotated: 7, ...tally }), {
    short: 'annotated only',
    long: 'annotated only — no test results read; 7 items of 8 have an @verifies annotation, none counted as passed',
  });
  assert.deepEqual(
    verificationStatusText({ mode: 'results', resultFiles: 2, passed: 5, failed: 1, notRun: 2, annotated: 0, none: 0 }),
    { short: '5/8 passed', long: '5 of 8 items passed · 1 failed · 2 not run (2 result files)' },
  );
  assert.equal(
    verificationStatusText({ mode: 'results', resultFiles: 0, passed: 0, failed: 0, notRun: 0, annotated: 0, none: 0 }),
    undefined,
  );
  assert.equal(
    verificationText({
      mode: 'annotated-only',
      status: 'annotated',
      counts: { tests: 2, passed: 0, failed: 0, notRun: 0 },
      resultFiles: 0,
    }),
    'annotated only — no test results read',
  );
  assert.equal(
    verificationText({
      mode: 'results',
      status: 'failed',
      counts: { tests: 3, passed: 2, failed: 1, notRun: 0 },
      resultFiles: 1,
    }),
    '✗ failed — 3 tests · ✓ 2 passed · ✗ 1 failed',
  );
});
