import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { cargoTomlFormat, parseCargoToml } from './cargoToml';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/rust');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.alias ?? d.name, d]));

test('Cargo.toml: every section, table and string forms, sources, renames, ranged at the key', () => {
  const index = parseCargoToml('crates/app/Cargo.toml', read('workspace/crates/app/Cargo.toml'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'Cargo.toml');
  assert.deepEqual(index.project, { name: 'infusion-app', version: '0.3.0' });
  const deps = byName(index.dependencies);
  assert.deepEqual(
    [...deps.keys()],
    ['infusion-core', 'reqwest', 'serde', 'log', 'json', 'tokio', 'pretty_assertions', 'cc', 'windows-sys'],
  );
  const reqwest = deps.get('reqwest')!;
  assert.equal(reqwest.spec, '0.12');
  assert.equal(reqwest.version, undefined, 'a requirement is not a version: Cargo.lock gives it');
  assert.equal(reqwest.source, 'registry');
  assert.equal(reqwest.direct, true);
  assert.deepEqual(reqwest.range, { line: 8, column: 1, endLine: 8, endColumn: 8 });
  assert.equal(deps.get('infusion-core')!.source, 'file');
  assert.equal(deps.get('infusion-core')!.spec, '../core');
  const log = deps.get('log')!;
  assert.equal(log.version, '0.4.21', 'an =x.y.z requirement is exact');
  assert.equal(log.purl, 'pkg:cargo/log@0.4.21');
  const json = deps.get('json')!;
  assert.equal(json.name, 'serde_json');
  assert.equal(json.alias, 'json');
  assert.equal(deps.get('tokio')!.spec, '1.38');
  assert.equal(deps.get('tokio')!.range.line, 13, '[dependencies.tokio] is ranged at its header');
  assert.equal(deps.get('pretty_assertions')!.dev, true);
  assert.equal(deps.get('cc')!.dev, undefined, 'build dependencies are not dev');
  const win = deps.get('windows-sys')!;
  assert.equal(win.optional, true);
  assert.equal(win.range.line, 24);
  assert.match(index.notes?.[0] ?? '', /workspace\.dependencies/);
});

test('Cargo.toml: the workspace root lists members; workspace = true inherits from the same file', () => {
  const root = parseCargoToml('Cargo.toml', read('workspace/Cargo.toml'));
  assert.deepEqual(root.problems, []);
  assert.deepEqual(root.workspaces, ['crates/*']);
  assert.deepEqual(root.dependencies, [], '[workspace.dependencies] alone declares nothing');
  assert.equal(cargoTomlFormat.workspaces, true);
  const merged = parseCargoToml(
    'Cargo.toml',
    '[package]\nname = "x"\n\n[workspace.dependencies]\nserde = "=1.0.203"\n\n[dependencies]\nserde.workspace = true\n',
  );
  assert.equal(merged.dependencies[0].spec, '=1.0.203');
  assert.equal(merged.dependencies[0].version, '1.0.203');
  assert.equal(merged.dependencies[0].range.line, 8);
  assert.equal(merged.notes, undefined);
  const member = parseCargoToml('crates/core/Cargo.toml', read('workspace/crates/core/Cargo.toml'));
  assert.equal(member.project?.name, 'infusion-core');
  assert.equal(member.project?.version, undefined, 'version.workspace is not a version');
  assert.equal(member.dependencies[0].name, 'serde');
  assert.equal(member.dependencies[0].spec, undefined);
});

test('Cargo.toml: malformed TOML and bad entries are located problems, never a throw', () => {
  const broken = parseCargoToml('Cargo.toml', '[package]\nname = "x"\n[dependencies]\nserde = \n');
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0].message, /not valid TOML/);
  assert.equal(broken.problems[0].range.line, 4);
  const bad = parseCargoToml('Cargo.toml', '[dependencies]\nserde = 1\nok = "1"\n[workspace]\nmembers = "x"\n');
  assert.deepEqual(
    bad.problems.map((p) => [p.range.line, p.message.slice(0, 30)]),
    [
      [5, "'workspace.members' must be an"],
      [2, 'dependency "serde": expected a'],
    ],
  );
  assert.equal(bad.dependencies.length, 1);
  assert.doesNotThrow(() => parseCargoToml('Cargo.toml', '\u0000[[[\n'));
  assert.equal(parseCargoToml('Cargo.toml', 'dependencies = "x"\n').problems.length, 1);
});
