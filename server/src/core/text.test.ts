import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText, ForwardPositions, LineIndex } from './text';

test('LineIndex and ForwardPositions agree on \\n, \\r\\n and \\r texts, in any order', () => {
  for (const text of ['a\nbc\n\ndef\n', 'a\r\nbc\r\n\r\ndef', 'a\rbc\r\rdef', 'no breaks at all']) {
    const full = new LineIndex(text);
    const forward = new ForwardPositions(text);
    const offsets = [...Array(text.length + 1).keys()];
    for (const o of [...offsets, ...offsets.reverse()]) assert.deepEqual(forward.positionAt(o), full.positionAt(o), `${JSON.stringify(text)}@${o}`);
  }
  assert.deepEqual(new LineIndex('ab\r\ncd').positionAt(4), { line: 2, column: 1 });
  assert.equal(new LineIndex('ab\r\ncd\n').lineText(1), 'ab');
});

test('decodeText: UTF-8, BOM, invalid bytes, binary', () => {
  assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), { text: 'a' });
  const bad = decodeText(new Uint8Array([0x61, 0xff, 0x62]));
  assert.equal(bad.text, 'a\uFFFDb');
  assert.match(bad.note!, /invalid UTF-8/);
  assert.equal(decodeText(new Uint8Array([0x61, 0, 0x62])).skipped, 'binary file');
});
