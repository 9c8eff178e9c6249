import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { goModFormat, parseGoMod } from './goMod';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/go');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.alias ?? d.name, d]));

test('go.mod: module, require blocks and lines, // indirect is not direct', () => {
  const index = parseGoMod('go.mod', read('module/go.mod'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'go.mod');
  assert.equal(goModFormat.role, 'declaration');
  assert.deepEqual(index.project, { name: 'example.com/infusion/pumpd' });
  const deps = byName(index.dependencies);
  assert.equal(deps.size, 11);
  const gin = deps.get('github.com/gin-gonic/gin')!;
  assert.equal(gin.direct, true);
  assert.equal(gin.spec, 'v1.9.1');
  assert.equal(gin.version, 'v1.9.1');
  assert.equal(gin.purl, 'pkg:golang/github.com/gin-gonic/gin@v1.9.1');
  assert.deepEqual(gin.range, { line: 8, column: 2, endLine: 8, endColumn: 26 });
  const net = deps.get('golang.org/x/net')!;
  assert.equal(net.direct, false);
  assert.equal(net.version, 'v0.21.0');
  assert.equal(deps.get('github.com/pkg/errors')!.direct, true, 'a single require line');
  assert.equal(deps.get('github.com/pkg/errors')!.range.line, 23);
});

test('go.mod: replace with a local path is a file source, with another version is that version', () => {
  const deps = byName(parseGoMod('go.mod', read('module/go.mod')).dependencies);
  const local = deps.get('example.com/infusion/protocol')!;
  assert.equal(local.source, 'file');
  assert.equal(local.spec, '../protocol');
  assert.equal(local.version, undefined);
  const text = deps.get('golang.org/x/text')!;
  assert.equal(text.version, 'v0.14.1-0.20240208174533-1f2b5ad9e2c4');
  assert.equal(text.spec, 'v0.14.0');
  const renamed = parseGoMod(
    'go.mod',
    'module m\nrequire old.example/a v1.0.0\nreplace old.example/a => fork.example/a v1.0.1 // fork\n',
  ).dependencies[0];
  assert.equal(renamed.name, 'fork.example/a');
  assert.equal(renamed.alias, 'old.example/a');
  assert.equal(renamed.version, 'v1.0.1');
});

test('go.mod: an excluded required version, an unclosed block and bad lines are located problems', () => {
  const excluded = parseGoMod('go.mod', 'module m\nrequire a.example/x v1.0.0\nexclude a.example/x v1.0.0\n');
  assert.equal(excluded.problems.length, 1);
  assert.match(excluded.problems[0].message, /excluded/);
  assert.equal(excluded.problems[0].range.line, 2);
  const broken = parseGoMod('go.mod', 'module m\nrequire b\nreplace => x\nrequire (\n\ta.example/x v1.0.0\n');
  assert.deepEqual(
    broken.problems.map((p) => p.range.line),
    [2, 3, 4],
  );
  assert.match(broken.problems[2].message, /not closed/);
  assert.equal(broken.dependencies.length, 1);
  assert.match(parseGoMod('go.mod', '').problems[0].message, /no module directive/);
  assert.doesNotThrow(() => parseGoMod('go.mod', '"\u0000`\n)\n(\n'));
});
