import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathLabel, reachableFrom } from '../dependencyGraph';
import { parseCsproj } from './csproj';
import { nugetLockFormat, parseNugetLock } from './nugetLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/dotnet');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('packages.lock.json: Direct packages are the direct dependencies, Project entries are not packages', () => {
  const lock = parseNugetLock('project/packages.lock.json', read('project/packages.lock.json'));
  assert.deepEqual(lock.problems, []);
  assert.equal(lock.kind, 'packages.lock.json');
  assert.deepEqual(
    lock.dependencies.map((d) => [d.name, d.spec, d.version, d.node?.key]),
    [
      ['Polly', '[8.0.0, 9.0.0)', '8.0.0', 'polly@8.0.0'],
      ['Serilog', '[3.1.1, )', '3.1.1', 'serilog@3.1.1'],
      ['Serilog.Sinks.Console', '[5.0.1, )', '5.0.1', 'serilog.sinks.console@5.0.1'],
      ['StyleCop.Analyzers', '[1.2.0-beta.556, )', '1.2.0-beta.556', 'stylecop.analyzers@1.2.0-beta.556'],
      ['System.Text.Json', '[8.0.4, 8.0.4]', '8.0.4', 'system.text.json@8.0.4'],
    ],
  );
  assert.equal(lock.dependencies[0].range.line, 5);
  assert.ok(!lock.graph!.packages.some((p) => p.name === 'infusion.protocol'));
  assert.equal(lock.resolved!['Polly.Core'], '8.0.0');
});

test('packages.lock.json: a transitive package is reachable from the direct one that brings it in', () => {
  const lock = parseNugetLock('project/packages.lock.json', read('project/packages.lock.json'));
  assert.deepEqual(reachableFrom(lock.graph!, 'polly@8.0.0').map(pathLabel), ['Polly.Core@8.0.0 via Polly@8.0.0']);
  assert.deepEqual(reachableFrom(lock.graph!, 'serilog.sinks.console@5.0.1').map(pathLabel), [
    'Serilog@3.1.1 via Serilog.Sinks.Console@5.0.1',
  ]);
});

test('packages.lock.json: target frameworks merge; CentralTransitive is transitive; lockedVersion ignores case', () => {
  const lock = parseNugetLock('central/packages.lock.json', read('central/packages.lock.json'));
  assert.deepEqual(lock.problems, []);
  assert.deepEqual(Object.keys(lock.graph!.importers['']), ['Microsoft.Extensions.Http', 'xunit']);
  assert.deepEqual(lock.graph!.packages.find((p) => p.name === 'Microsoft.Extensions.Http')!.dependsOn, [
    'microsoft.extensions.logging.abstractions@8.0.1',
    'microsoft.extensions.options@8.0.0',
  ]);
  const csproj = parseCsproj('central/Infusion.Gateway.csproj', read('central/Infusion.Gateway.csproj'));
  const http = csproj.dependencies.find((d) => d.name === 'Microsoft.Extensions.Http')!;
  assert.equal(nugetLockFormat.lockedVersion!(lock, '', { ...http, name: 'microsoft.extensions.HTTP' }), '8.0.0');
});

test('packages.lock.json: malformed JSON, unknown version and bad entries are located problems', () => {
  const broken = parseNugetLock('packages.lock.json', '{\n  "version": 1,\n  "dependencies": {\n');
  assert.match(broken.problems[0].message, /not valid JSON/);
  const odd = parseNugetLock(
    'packages.lock.json',
    '{\n  "version": 7,\n  "dependencies": {\n    "net8.0": {\n      "A": 3,\n      "B": { "type": "Direct", "resolved": "1.0.0" }\n    }\n  }\n}\n',
  );
  assert.deepEqual(
    odd.problems.map((p) => p.range.line),
    [2, 5],
  );
  assert.equal(odd.dependencies.length, 1);
  assert.match(parseNugetLock('packages.lock.json', '{"version": 1}').problems[0].message, /'dependencies' must be/);
});
