import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText, ForwardPositions, LineIndex } from './text';

test('LineIndex and ForwardPositions agree on \\n, \\r\\n and \\r texts, in any order', () => {
  for (const text of ['a\nbc\n\ndef\n', 'a\r\nbc\r\n\r\ndef', 'a\rbc\r\rdef', 'no breaks at all']) {
    const full = new LineIndex(text);
    const forward = new ForwardPositions(text);
    const offsets = [...Array(text.length + 1).keys()];
    for (const o of [...offsets, ...offsets.reverse()])
      assert.deepEqual(forward.positionAt(o), full.positionAt(o), `${JSON.stringify(text)}@${o}`);
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

test('decodeText: UTF-16 with a byte-order mark (LE and BE) is text, not binary', () => {
  const text = 'x // @implements SR-001 — ü\r\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le);
  for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  assert.deepEqual(decodeText(new Uint8Array(le)), { text });
  assert.deepEqual(decodeText(new Uint8Array(be)), { text });
  // a lone surrogate and an odd trailing byte are replaced, with a note
  const broken = decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62]));
  assert.match(broken.note!, /invalid UTF-16/);
  assert.equal(broken.text[0], 'a');
  // FF FE followed by NUL characters: a binary format, not text
  assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0, 0, 0, 0, 1, 2])).skipped, 'binary file');
});
