import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';
import { ALL_DETECTORS } from './detectorOptions';
import { detectDockerfileExpose } from './dockerfileExpose';
import { entryPointLabel } from './entryPoint';
import { detectPackageBin } from './packageBin';

const IFS = [
  '# Interfaces',
  '',
  '| ID | Title | Exposure | Assets | Entry |',
  '|---|---|---|---|---|',
  '| IF-001 | Public API | external | PHI | |',
  '| IF-002 | Ops CLI | internal | accounts | cli rpm-admin |',
  '',
].join('\n');

test('Dockerfile EXPOSE: each constant port, protocols, continuations; a variable port is a problem; comments above declare', () => {
  const s = detectDockerfileExpose(
    'Dockerfile',
    'FROM node:22\n# @interface IF-001\nEXPOSE 8443/tcp 53/udp \\\n  9100\nEXPOSE ${PORT}\nRUN echo EXPOSE 1\n',
    ALL_DETECTORS,
  );
  assert.deepEqual(
    s.entryPoints.map((e) => [entryPointLabel(e), e.range.line, e.declaredAt]),
    [
      ['socket tcp 8443', 3, [{ line: 2, endLine: 4 }]],
      ['socket udp 53', 3, [{ line: 2, endLine: 4 }]],
      ['socket tcp 9100', 3, [{ line: 2, endLine: 4 }]],
    ],
  );
  assert.deepEqual(
    s.problems.map((p) => p.message),
    ['EXPOSE ${PORT}: not a constant port; this port is not known'],
  );
  assert.deepEqual(
    detectDockerfileExpose('Dockerfile', 'EXPOSE 80', { enabled: () => false, patterns: [] }).entryPoints,
    [],
  );
});

test('package.json bin: a string is one command named after the package, an object one per key', () => {
  const one = detectPackageBin('package.json', '{"name": "@rpm/admin", "bin": "cli.js"}', ALL_DETECTORS);
  assert.deepEqual(one.entryPoints.map(entryPointLabel), ['cli admin']);
  const two = detectPackageBin(
    'package.json',
    '{"name": "x", "bin": {"rpm-admin": "a.js", "rpm-import": "b.js"}}',
    ALL_DETECTORS,
  );
  assert.deepEqual(two.entryPoints.map(entryPointLabel), ['cli rpm-admin', 'cli rpm-import']);
  assert.deepEqual(detectPackageBin('package.json', '{"name": "x", "bin": ', ALL_DETECTORS).entryPoints, []);
});

test('engine: an undeclared EXPOSE is interface-undeclared and uncovers IF; an @interface comment or an Entry declares; test files are left out', async () => {
  const files = {
    'docs/interfaces.md': IFS,
    Dockerfile: 'FROM node:22\nEXPOSE 8443\n',
    'package.json': '{"name": "rpm", "bin": {"rpm-admin": "cli.js"}}\n',
    'test/fixtures/Dockerfile': 'EXPOSE 1234\n',
  };
  const engine = await engineFor(files);
  const undeclared = engine.findings().filter((f) => f.code === 'interface-undeclared');
  assert.deepEqual(
    undeclared.map((f) => `${f.file}:${f.line}`),
    ['Dockerfile:2'],
  );
  assert.match(undeclared[0].message, /^Undeclared entry point socket tcp 8443 \(dockerfile\)/);
  assert.deepEqual(engine.coverage().IF, { total: 3, covered: 0, undeclaredEntryPoints: 1 });
  const cli = engine.attackSurface().entries.find((e) => e.label === 'cli rpm-admin');
  assert.deepEqual([cli?.declaredBy, cli?.how], [['IF-002'], 'entry-attribute']);
  assert.deepEqual(
    engine
      .findings()
      .filter((f) => f.code === 'interface-without-threats')
      .map((f) => f.itemId),
    ['IF-001'],
  );
  // Declared with a comment directly above: the finding goes, coverage counts no undeclared entry point.
  engine.update([
    { path: 'Dockerfile', content: 'FROM node:22\n# @interface IF-001 -- the public listener\nEXPOSE 8443\n' },
  ]);
  assert.deepEqual(
    engine.findings().filter((f) => f.code === 'interface-undeclared'),
    [],
  );
  assert.equal(engine.coverage().IF.undeclaredEntryPoints, undefined);
  // A threat naming IF-001 in Affects: no interface-without-threats; the STRIDE gap is a note.
  engine.update([
    {
      path: 'docs/threats.md',
      content: '# Threats\n\n## TH-001: Credential stuffing\n\nCategory: Spoofing\nAffects: IF-001\n',
    },
  ]);
  const codes = engine
    .findings()
    .filter((f) => f.itemId === 'IF-001')
    .map((f) => `${f.code} ${f.severity}`);
  assert.ok(!codes.includes('interface-without-threats warning'));
  assert.ok(codes.includes('stride-gap note'), codes.join(', '));
});

test('attackSurface.detectors and attackSurface.exclude switch detection off', async () => {
  const off = await engineFor({
    'seclife.json': JSON.stringify({ attackSurface: { detectors: { dockerfile: false }, exclude: ['tools/**'] } }),
    Dockerfile: 'EXPOSE 8443\n',
    'tools/package.json': '{"name": "t", "bin": "x.js"}',
  });
  assert.deepEqual(off.attackSurface().entries, []);
});
