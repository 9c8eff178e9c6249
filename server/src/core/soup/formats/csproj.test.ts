import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { csprojFormat, nugetExactVersion, parseCentralPackageVersions, parseCsproj } from './csproj';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/dotnet');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.name, d]));

test('csproj: PackageReference attribute and element forms, properties, ranges, PrivateAssets as dev', () => {
  const index = parseCsproj('project/Infusion.Pump.csproj', read('project/Infusion.Pump.csproj'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'csproj');
  assert.deepEqual(index.project, { name: 'Infusion.Pump', version: '2.4.0' });
  const deps = byName(index.dependencies);
  assert.deepEqual(
    [...deps.keys()],
    ['Serilog', 'Serilog.Sinks.Console', 'System.Text.Json', 'Polly', 'StyleCop.Analyzers'],
  );
  assert.equal(deps.get('Serilog')!.spec, '3.1.1', 'from $(SerilogVersion)');
  assert.equal(deps.get('Serilog')!.version, '3.1.1');
  const sink = deps.get('Serilog.Sinks.Console')!;
  assert.equal(sink.version, '5.0.1');
  assert.equal(sink.purl, 'pkg:nuget/Serilog.Sinks.Console@5.0.1');
  assert.deepEqual(sink.range, { line: 13, column: 5, endLine: 13, endColumn: 22 });
  assert.equal(deps.get('System.Text.Json')!.version, '8.0.4', 'the <Version> element, [x] is exact');
  assert.equal(deps.get('Polly')!.spec, '[8.0.0,9.0.0)');
  assert.equal(deps.get('Polly')!.version, undefined, 'a range is left to the lockfile');
  assert.equal(deps.get('StyleCop.Analyzers')!.dev, true);
  assert.equal(deps.get('Serilog')!.dev, undefined);
  assert.ok(csprojFormat.fileNames!.test('App.fsproj') && csprojFormat.fileNames!.test('App.vbproj'));
});

test('csproj: Central Package Management leaves the version to Directory.Packages.props, VersionOverride wins', () => {
  const index = parseCsproj('central/Infusion.Gateway.csproj', read('central/Infusion.Gateway.csproj'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.project?.name, 'Infusion.Gateway');
  const deps = byName(index.dependencies);
  assert.equal(deps.get('Microsoft.Extensions.Http')!.spec, undefined);
  assert.equal(deps.get('xunit')!.version, '2.9.2');
  assert.equal(deps.get('xunit')!.dev, true, 'PrivateAssets="All" in any case');
  assert.match(index.notes![0], /1 PackageReference has no version.*Directory\.Packages\.props/);
  const central = parseCentralPackageVersions(
    'central/Directory.Packages.props',
    read('central/Directory.Packages.props'),
  );
  assert.deepEqual(central.problems, []);
  assert.equal(central.versions.get('microsoft.extensions.http')?.version, '8.0.0');
  assert.equal(central.versions.get('xunit')?.range.line, 9);
});

test('csproj: an undefined property stays as written, with a note', () => {
  const index = parseCsproj(
    'a.csproj',
    '<Project><ItemGroup><PackageReference Include="A;B" Version="$(Missing)" /></ItemGroup></Project>',
  );
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.spec, d.version]),
    [
      ['A', '$(Missing)', undefined],
      ['B', '$(Missing)', undefined],
    ],
  );
  assert.match(index.notes![0], /MSBuild property/);
  assert.equal(nugetExactVersion('1.2.3'), '1.2.3');
  assert.equal(nugetExactVersion('[1.2.3'), undefined);
  assert.equal(nugetExactVersion('1.*'), undefined);
});

test('csproj: malformed XML, entities and another root are located problems, never a throw', () => {
  const broken = parseCsproj(
    'a.csproj',
    '<Project>\n  <ItemGroup>\n    <PackageReference Include="A" Version="1.0.0" />\n  </ItemGrup>\n</Project>\n',
  );
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0].message, /not valid XML/);
  assert.equal(broken.problems[0].range.line, 4);
  assert.equal(broken.dependencies.length, 1, 'what was read before the error is kept');
  const entity = parseCsproj(
    'a.csproj',
    '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project><ItemGroup><PackageReference Include="&x;" /></ItemGroup></Project>',
  );
  assert.match(entity.problems[0].message, /undefined entity &x;/);
  assert.equal(entity.problems[0].range.line, 2);
  assert.match(parseCsproj('a.csproj', '<packages/>').problems[0].message, /not an MSBuild project/);
  assert.match(parseCsproj('a.csproj', '').problems[0].message, /must contain a root element/);
  const deep = `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`;
  assert.match(parseCsproj('a.csproj', deep).problems[0].message, /nested deeper/);
  assert.doesNotThrow(() => parseCsproj('a.csproj', '<Project>\ud800</Project>'));
});

test('csproj: an error at the very end does not claim the rest of the file is unread', () => {
  const cut = parseCsproj(
    'a.csproj',
    '<Project>\n  <ItemGroup>\n    <PackageReference Include="A" Version="1.0.0" />\n',
  );
  assert.equal(cut.problems.length, 1);
  assert.doesNotMatch(cut.problems[0].message, /the rest of the file/);
  assert.equal(cut.dependencies.length, 1);
  assert.match(
    parseCsproj('a.csproj', '<Project><x a="1" a="2"/></Project>').problems[0].message,
    /the rest of the file/,
  );
});
