import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../testing/workspaces';
import { formatText } from './text';

test('text output: the SOUP coverage line is followed by the dependency files it did not read', async () => {
  const files: Record<string, string> = {
    'docs/soup.md': '# SOUP\n\n## SOUP-001: express\n\nPackage: express\n',
    'package.json': '{"name":"app","dependencies":{"express":"4.21.2"}}\n',
  };
  for (const d of ['a', 'b', 'c', 'd', 'e', 'f']) files[`services/${d}/yarn.lock`] = '# yarn lockfile v1\n';
  const engine = await engineFor(files);
  const text = formatText(engine.findings(), engine.coverage(), engine.notes(), { showPath: (f) => f, color: false });
  assert.ok(
    text.includes(
      'dependency files not read (soup-input-unread): services/a/yarn.lock, services/b/yarn.lock, services/c/yarn.lock, services/d/yarn.lock, services/e/yarn.lock, and 1 more\n',
    ),
    text,
  );
  const none = await engineFor({ 'package.json': files['package.json'] });
  assert.ok(
    !formatText(none.findings(), none.coverage(), none.notes(), { showPath: (f) => f, color: false }).includes(
      'not read',
    ),
  );
});
