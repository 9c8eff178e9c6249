import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexWorkspace } from './indexer';
import { MemoryWorkspace } from './memoryWorkspace';
import { BASELINE_FILE } from './review/baseline';

test('indexing classifies each file twice (the walk, the parse), not a third time for the size limit asked before every read', async () => {
  const files: Record<string, string> = { 'docs/req.md': '## SR-001: Lock accounts\n' };
  for (let i = 0; i < 20; i++) files[`src/f${i}.ts`] = '// @implements SR-001\n';
  const classified = new Map<string, number>();
  const engine = await indexWorkspace(new MemoryWorkspace(files), {
    onEngine: (e) => {
      const classify = e.filter.classify.bind(e.filter);
      e.filter.classify = (path) => (classified.set(path, (classified.get(path) ?? 0) + 1), classify(path));
    },
  });
  for (const path of Object.keys(files)) assert.equal(classified.get(path), 2, path);
  classified.clear();
  assert.equal(engine.sizeLimit('src/f0.ts'), engine.config.maxFileSize);
  assert.equal(engine.sizeLimit(BASELINE_FILE), 64 * 1024 * 1024);
  assert.equal(classified.size, 0);
  // too large or unreadable: the baseline is a config-error, any other file a note (no finding)
  assert.equal(engine.tooLarge(BASELINE_FILE, 65 * 1024 * 1024)?.findings[0].code, 'config-error');
  assert.deepEqual(engine.tooLarge('src/f0.ts', 5 * 1024 * 1024)?.findings, []);
  assert.equal(engine.unreadable(BASELINE_FILE, 'a FIFO')?.findings[0].code, 'config-error');
  assert.equal(engine.unreadable('src/f0.ts', 'a FIFO'), undefined);
});
