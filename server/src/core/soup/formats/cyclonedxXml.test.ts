import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { pathLabel, reachableFrom } from '../dependencyGraph';
import { cycloneDxXmlFormat, isCycloneDxXml, parseCycloneDxXml } from './cyclonedxXml';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/sbom');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: { range: Dependency['range'] }) =>
  `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;

test('CycloneDX XML 1.6 from cyclonedx-npm: components at their start tags, nested ones in the graph, no tools', () => {
  const index = parseCycloneDxXml('bom.cdx.xml', read('bom.cdx.xml'));
  assert.equal(index.kind, 'cyclonedx-xml');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'pump-gateway', version: '1.0.0' });
  const qs = index.dependencies.find((d) => d.name === 'qs')!;
  // `<component type="library" bom-ref="pump-gateway@1.0.0|qs@6.13.0">`
  assert.equal(at(qs), '761:5-761:70');
  assert.deepEqual(qs.node, { file: 'bom.cdx.xml', key: 'pump-gateway@1.0.0|qs@6.13.0' });
  const graph = index.graph!;
  const nested = reachableFrom(graph, graph.importers[''].express).find(
    (r) => r.pkg.name === 'encodeurl' && r.pkg.version === '1.0.4',
  )!;
  assert.equal(pathLabel(nested), 'encodeurl@1.0.4 via express@4.21.2 > send@0.19.0');
  assert.equal(index.resolved!.encodeurl, '2.0.3');
  assert.ok(
    !index.dependencies.some((d) =>
      ['npm', '@cyclonedx/cyclonedx-npm', '@cyclonedx/cyclonedx-library'].includes(d.name),
    ),
  );
  assert.deepEqual(
    index.dependencies.filter((d) => d.dev).map((d) => d.name),
    ['is-number'],
  );
});

const BOM_14 = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
  <metadata>
    <component type="application" bom-ref="app"><group>com.acme</group><name>gateway</name><version>2.0.0</version></component>
  </metadata>
  <components>
    <component type="library" bom-ref="django">
      <name>Django</name>
      <version>4.2.11</version>
      <purl>pkg:pypi/django@4.2.11</purl>
    </component>
    <component type="library">
      <group>org.apache.commons</group>
      <name>commons-lang3</name>
      <version>3.14.0</version>
      <scope>excluded</scope>
      <purl>pkg:maven/org.apache.commons/commons-lang3@3.14.0?type=jar</purl>
    </component>
    <component type="library">
      <name>openssl</name>
      <version>3.0.13</version>
      <scope>optional</scope>
      <components>
        <component type="file"><name>libcrypto.so.3</name><version><![CDATA[3.0.13]]></version></component>
      </components>
    </component>
    <component type="library"><name>a &amp; b</name><purl>not a purl</purl></component>
    <component type="library"><version>1</version></component>
  </components>
</bom>
`;

test('CycloneDX XML 1.4 without a graph: top-level components direct, nested not; purls, groups, scope, CDATA', () => {
  const index = parseCycloneDxXml('bom.xml', BOM_14);
  assert.deepEqual(index.project, { name: 'com.acme/gateway', version: '2.0.0' });
  assert.deepEqual(
    index.dependencies.map((d) => [
      d.name,
      d.version,
      d.ecosystem,
      d.direct,
      d.dev === true,
      d.optional === true,
      d.node?.key,
    ]),
    [
      ['django', '4.2.11', 'pypi', true, false, false, 'django'],
      ['org.apache.commons:commons-lang3', '3.14.0', 'maven', true, true, false, 'component #3'],
      ['openssl', '3.0.13', 'generic', true, false, true, 'component #4'],
      ['libcrypto.so.3', '3.0.13', 'generic', false, false, false, 'component #5'],
      ['a & b', undefined, 'generic', true, false, false, 'component #6'],
    ],
  );
  assert.equal(index.graph!.edges, false);
  assert.deepEqual(
    index.problems.map((p) => [p.message, p.range.line]),
    [
      ["not a package URL: 'not a purl'", 27],
      ['a component without a name or purl', 28],
    ],
  );
  assert.equal(index.resolved!.django, '4.2.11');
});

test('CycloneDX XML: a prefixed namespace, the root graph, elements of other namespaces ignored', () => {
  const text = `<c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.5" xmlns:x="urn:other">
  <c:metadata><c:component bom-ref="root"><c:name>app</c:name></c:component></c:metadata>
  <c:components>
    <c:component bom-ref="a"><c:name>a</c:name><c:version>1</c:version><c:purl>pkg:npm/a@1</c:purl></c:component>
    <c:component bom-ref="b"><c:name>b</c:name><c:version>2</c:version><c:purl>pkg:npm/b@2</c:purl></c:component>
    <x:components><x:component bom-ref="x"><x:name>ext</x:name></x:component></x:components>
    <component xmlns="urn:other"><name>also-ext</name></component>
  </c:components>
  <c:dependencies>
    <c:dependency ref="root"><c:dependency ref="a"/></c:dependency>
    <c:dependency ref="a"><c:dependency ref="b"/></c:dependency>
  </c:dependencies>
</c:bom>`;
  const index = parseCycloneDxXml('bom.xml', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct]),
    [
      ['a', true],
      ['b', false],
    ],
  );
  assert.deepEqual(reachableFrom(index.graph!, 'a').map(pathLabel), ['b@2 via a@1']);
  // An empty root entry: the project depends on nothing listed.
  const none = parseCycloneDxXml(
    'bom.xml',
    '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><metadata><component bom-ref="r"><name>r</name></component></metadata><components><component bom-ref="a"><name>a</name></component></components><dependencies><dependency ref="r"/></dependencies></bom>',
  );
  assert.deepEqual(
    none.dependencies.map((d) => [d.name, d.direct]),
    [['a', false]],
  );
});

test('CycloneDX XML: unsupported versions and other documents say what they are and read nothing', () => {
  const v13 = parseCycloneDxXml(
    'bom.xml',
    '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.3"><components><component><name>a</name></component></components></bom>',
  );
  assert.deepEqual(v13.dependencies, []);
  assert.deepEqual(
    v13.problems.map((p) => [p.message, p.range.line, p.range.column]),
    [
      [
        'bom.xml: CycloneDX spec version "1.3" is not read (Seclife reads CycloneDX 1.4–1.6); its components are not checked',
        2,
        1,
      ],
    ],
  );
  const other = parseCycloneDxXml('bom.xml', '<project xmlns="http://maven.apache.org/POM/4.0.0"/>');
  assert.match(other.problems[0].message, /not a CycloneDX XML BOM/);
  assert.match(parseCycloneDxXml('bom.xml', '').problems[0].message, /bom\.xml is empty/);
});

test('CycloneDX XML: malformed input is a located problem; the components before it are kept', () => {
  const truncated = BOM_14.slice(0, BOM_14.indexOf('<component type="library">\n      <name>openssl'));
  const index = parseCycloneDxXml('bom.xml', `${truncated}<component><name>x</nam></component>`);
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /^bom\.xml is not valid XML: /);
  assert.equal(index.problems[0].range.line, 19);
  assert.deepEqual(
    index.dependencies.map((d) => d.name),
    ['django', 'org.apache.commons:commons-lang3'],
  );
  for (const text of [
    '<',
    '<bom',
    '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5">',
    '\ud800<bom/>',
    '<a></b>',
  ]) {
    assert.ok(Array.isArray(parseCycloneDxXml('bom.xml', text).problems), text);
  }
});

test('CycloneDX XML: DOCTYPE entities (billion laughs, external files) are never expanded', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE bom [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5">
  <components>
    <component bom-ref="a"><name>a</name><version>1</version></component>
    <component bom-ref="b"><name>&lol3;</name><version>&xxe;</version></component>
  </components>
</bom>`;
  const index = parseCycloneDxXml('bom.xml', laughs);
  assert.deepEqual(
    index.problems.map((p) => [p.message, p.range.line]),
    [
      ['the DOCTYPE declares an internal subset; it is ignored (declared entities are never expanded)', 2],
      [
        'bom.xml is not valid XML: undefined entity &lol3;: only the five predefined XML entities and character references are read (entities a DOCTYPE declares are never expanded)',
        11,
      ],
    ],
  );
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version]),
    [['a', '1']],
  );
  assert.ok(!JSON.stringify(index).includes('lollol'));
  assert.ok(!JSON.stringify(index).includes('root:'));
});

test('CycloneDX XML: deep nesting is bounded; sniffing and the format entry', () => {
  let deep = '<component><name>leaf</name></component>';
  for (let i = 0; i < 80; i++) deep = `<component><name>n${i}</name><components>${deep}</components></component>`;
  const index = parseCycloneDxXml(
    'bom.xml',
    `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>${deep}</components></bom>`,
  );
  assert.equal(index.dependencies.length, 64);
  assert.match(index.problems[0].message, /nested too deeply/);
  assert.equal(isCycloneDxXml(read('bom.cdx.xml')), true);
  assert.equal(isCycloneDxXml('<project xmlns="http://maven.apache.org/POM/4.0.0"/>'), false);
  assert.equal(isCycloneDxXml('{"note": "http://cyclonedx.org/schema/bom/1.5"}'), false);
  assert.equal(cycloneDxXmlFormat.discovery.names.test('bom.xml'), true);
  assert.equal(cycloneDxXmlFormat.discovery.names.test('app.cdx.xml'), true);
  assert.equal(cycloneDxXmlFormat.discovery.names.test('sbom.xml'), true);
  assert.equal(cycloneDxXmlFormat.discovery.names.test('pom.xml'), false);
});

test('CycloneDX XML: CRLF and a byte-order mark keep lines and columns', () => {
  const lf = read('bom.cdx.xml');
  const positions = (t: string) => parseCycloneDxXml('b', t).dependencies.map(at);
  assert.deepEqual(positions(lf.replace(/\n/g, '\r\n')), positions(lf));
  assert.deepEqual(positions(`\ufeff${lf}`).slice(0, 3), positions(lf).slice(0, 3));
});
