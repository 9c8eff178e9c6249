import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../testing/workspaces';
import { formatText } from './text';

test('text output: the SOUP coverage line is followed by the dependency files it did not read', async () => {
  const files: Record<string, string> = {
    'docs/soup.md': '# SOUP\n\n## SOUP-001: express\n\nPackage: express\n',
    'package.json': '{"name":"app","dependencies":{"express":"4.21.2"}}\n',
  };
  for (const d of ['a', 'b', 'c', 'd', 'e', 'f']) files[`services/${d}/Gemfile.lock`] = 'GEM\n';
  const engine = await engineFor(files);
  const text = formatText(engine.findings(), engine.coverage(), engine.notes(), { showPath: (f) => f, color: false });
  assert.ok(
    text.includes(
      'dependency files not read (soup-input-unread): services/a/Gemfile.lock, services/b/Gemfile.lock, services/c/Gemfile.lock, services/d/Gemfile.lock, services/e/Gemfile.lock, and 1 more\n',
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

test('text output: a vulnerabilities line counts the advisories on packages in use by state', () => {
  const text = formatText([], {}, [], {
    showPath: (f) => f,
    color: false,
    vulnerabilities: { undecided: 1, 'under-investigation': 0, decided: 2 },
  });
  assert.ok(
    text.includes(
      'vulnerabilities (direct and indirect dependencies): 1 undecided, 0 under investigation, 2 decided\n',
    ),
    text,
  );
  const none = formatText([], {}, [], {
    showPath: (f) => f,
    color: false,
    vulnerabilities: { undecided: 0, 'under-investigation': 0, decided: 0 },
  });
  assert.ok(!none.includes('vulnerabilities'));
});
