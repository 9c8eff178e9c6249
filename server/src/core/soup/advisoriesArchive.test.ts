import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { strToU8, zipSync, Zippable } from 'fflate';
import { affects, parseAdvisories } from './advisories';
import { ARCHIVE_LIMITS, crc32, parseAdvisoryArchive, readAdvisoryArchive } from './advisoriesArchive';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/advisories');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const record = (id: string, name = 'left-pad', fixed = '1.3.0') =>
  JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [
      {
        package: { ecosystem: 'npm', name },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  });
const zip = (files: Record<string, string | Uint8Array>) => {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = [
      typeof content === 'string' ? strToU8(content) : content,
      { mtime: new Date('2024-01-01T00:00:00Z') },
    ];
  return zipSync(entries);
};
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const set32 = (b: Uint8Array, o: number, v: number) => {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
};
/** Offsets of the central directory headers of a zip (to forge fields in tests). */
const central = (b: Uint8Array) => {
  let end = b.length - 22;
  while (u32(b, end) !== 0x06054b50) end--;
  const out: number[] = [];
  let at = u32(b, end + 16);
  for (let i = 0; i < (b[end + 10] | (b[end + 11] << 8)); i++) {
    out.push(at);
    at += 46 + (b[at + 28] | (b[at + 29] << 8)) + (b[at + 30] | (b[at + 31] << 8)) + (b[at + 32] | (b[at + 33] << 8));
  }
  return { end, entries: out };
};
const messages = (bytes: Uint8Array, limits = ARCHIVE_LIMITS) =>
  readAdvisoryArchive('db/all.zip', bytes, limits).problems;

test('OSV database all.zip (the real layout, built by scripts/make-osv-zip-fixture.mjs): every record read', () => {
  const index = parseAdvisoryArchive('osv/npm/all.zip', fixture('osv-offline/npm/all.zip'));
  assert.deepEqual(index.findings, []);
  assert.deepEqual(index.notes, ['osv/npm/all.zip: 2 OSV records, 3 advisories']);
  const advisories = index.advisories ?? [];
  assert.deepEqual(
    advisories.map((a) => `${a.id} ${a.ecosystem}:${a.package} ${a.affected.join(' | ')} ${a.entry}`),
    [
      'GHSA-35jh-r3h4-6jhm npm:lodash <4.17.21 GHSA-35jh-r3h4-6jhm.json',
      'GHSA-35jh-r3h4-6jhm npm:lodash-es <4.17.21 GHSA-35jh-r3h4-6jhm.json',
      'GHSA-c2qf-rxjj-qqgw npm:semver <5.7.2 | >=6.0.0 <6.3.1 | >=7.0.0 <7.5.2 GHSA-c2qf-rxjj-qqgw.json',
    ],
  );
  const [lodash] = advisories;
  assert.equal(lodash.source, 'osv-database');
  assert.equal(lodash.file, 'osv/npm/all.zip');
  assert.deepEqual(lodash.range, { line: 1, column: 1, endLine: 1, endColumn: 2 });
  assert.equal(lodash.modified, '2024-02-16T08:18:07Z');
  assert.equal(lodash.published, '2021-05-06T16:05:51Z');
  assert.deepEqual(lodash.aliases, ['CVE-2021-23337']);
  assert.equal(affects(lodash, 'lodash', '4.17.20', 'npm'), true);
  assert.equal(affects(lodash, 'lodash', '4.17.21', 'npm'), false);
  const parsed = readAdvisoryArchive('osv/npm/all.zip', fixture('osv-offline/npm/all.zip'));
  assert.equal(parsed.generatedAt, '2024-06-21T21:33:53Z', "the newest record's modified");
});

test('OSV database: the extracted layout <Ecosystem>/<ID>.json is one OSV record per file', () => {
  const name = 'osv-database/PyPI/GHSA-j8r2-6x86-q33q.json';
  const result = parseAdvisories(`advisories/${name}`, fixture(name).toString('utf8'));
  assert.equal(result.format, 'osv');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.advisories.map((a) => `${a.id} ${a.ecosystem}:${a.package} ${a.modified}`),
    ['GHSA-j8r2-6x86-q33q pypi:requests 2024-11-19T21:17:52Z'],
  );
  // The same records zipped in the test, in folders, stored or deflated: the same advisories.
  const records = {
    'PyPI/GHSA-j8r2-6x86-q33q.json': fixture(name),
    'npm/GHSA-c2qf-rxjj-qqgw.json': fixture('osv-database/npm/GHSA-c2qf-rxjj-qqgw.json'),
  };
  for (const level of [0, 6] as const) {
    const entries: Zippable = {};
    for (const [n, data] of Object.entries(records)) entries[n] = [new Uint8Array(data), { level }];
    const parsed = readAdvisoryArchive('db.zip', zipSync(entries));
    assert.deepEqual(parsed.problems, [], `level ${level}`);
    assert.deepEqual(
      parsed.advisories.map((a) => `${a.id} ${a.ecosystem}:${a.package} ${a.entry}`),
      [
        'GHSA-j8r2-6x86-q33q pypi:requests PyPI/GHSA-j8r2-6x86-q33q.json',
        'GHSA-c2qf-rxjj-qqgw npm:semver npm/GHSA-c2qf-rxjj-qqgw.json',
      ],
    );
  }
});

test('archives: bad entries are problems at 1:1 and lose only themselves', () => {
  const bytes = zip({
    'GHSA-aaaa-aaaa-aaaa.json': record('GHSA-aaaa-aaaa-aaaa'),
    'README.txt': 'not a record',
    '../evil.json': record('GHSA-evil-evil-evil'),
    '/abs.json': record('GHSA-abso-lute-path'),
    'C:/win.json': record('GHSA-winx-winx-winx'),
    'dir/': new Uint8Array(0),
    'broken.json': '{"id": "GHSA-bbbb',
    'latin1.json': new Uint8Array([0x7b, 0xff, 0x7d]),
    'withdrawn.json': JSON.stringify({ id: 'GHSA-wwww-wwww-wwww', withdrawn: '2024-01-01T00:00:00Z', affected: [] }),
    'noid.json': JSON.stringify({ affected: [] }),
    'GHSA-zzzz-zzzz-zzzz.json': record('GHSA-zzzz-zzzz-zzzz', 'right-pad'),
  });
  const index = parseAdvisoryArchive('db/all.zip', bytes);
  assert.deepEqual(
    index.advisories?.map((a) => `${a.id} ${a.package}`),
    ['GHSA-aaaa-aaaa-aaaa left-pad', 'GHSA-zzzz-zzzz-zzzz right-pad'],
  );
  assert.deepEqual(
    // The JSON and UTF-8 error details are the runtime's own words.
    index.findings.map(
      (f) => `${f.code} ${f.severity} ${f.line}:${f.column} ${f.message.replace(/JSON \(.*\);/, 'JSON (…);')}`,
    ),
    [
      "config-error error 1:1 advisory file: entry 'README.txt' is not a .json file; skipped",
      "config-error error 1:1 advisory file: entry '../evil.json' has an unsafe name (a '..' path segment); skipped",
      "config-error error 1:1 advisory file: entry '/abs.json' has an unsafe name (absolute, backslash or control characters); skipped",
      "config-error error 1:1 advisory file: entry 'C:/win.json' has an unsafe name (absolute, backslash or control characters); skipped",
      "config-error error 1:1 advisory file: entry 'broken.json' is not valid UTF-8 JSON (…); skipped",
      "config-error error 1:1 advisory file: entry 'latin1.json' is not valid UTF-8 JSON (…); skipped",
      "config-error error 1:1 advisory file: entry 'noid.json': an OSV record without an 'id'",
    ],
  );
});

test('archives: bounds on entry size, total size and entry count', () => {
  const files = {
    'a.json': record('GHSA-aaaa-aaaa-aaaa'),
    'b.json': record('GHSA-bbbb-bbbb-bbbb', 'x'.repeat(3000)),
    'c.json': record('GHSA-cccc-cccc-cccc'),
    'd.json': record('GHSA-dddd-dddd-dddd'),
  };
  const bytes = zip(files);
  const small = { ...ARCHIVE_LIMITS, maxEntryBytes: 2000 };
  const bigEntry = readAdvisoryArchive('db/all.zip', bytes, small);
  assert.deepEqual(bigEntry.problems, [
    `entry 'b.json' is ${strToU8(files['b.json']).length} bytes uncompressed (more than 2000); skipped`,
  ]);
  assert.equal(bigEntry.advisories.length, 3);

  const total = readAdvisoryArchive('db/all.zip', bytes, { ...small, maxTotalBytes: 500 });
  assert.deepEqual(total.problems, [
    `entry 'b.json' is ${strToU8(files['b.json']).length} bytes uncompressed (more than 2000); skipped`,
    "db/all.zip holds more than 500 bytes uncompressed; entries from 'd.json' on are not read",
  ]);
  assert.deepEqual(
    total.advisories.map((a) => a.id),
    ['GHSA-aaaa-aaaa-aaaa', 'GHSA-cccc-cccc-cccc'],
  );

  const count = readAdvisoryArchive('db/all.zip', bytes, { ...ARCHIVE_LIMITS, maxEntries: 2 });
  assert.deepEqual(count.problems, ['db/all.zip has more than 2 entries; the rest are not read']);
  assert.equal(count.advisories.length, 2);

  // A zip bomb: 2 MB of zeros deflates to about 2 KB; its declared size is over the bound (1 MB
  // here), so it is not inflated. A declared size of 4 GB is not allocated either.
  const bomb = zipSync({ 'bomb.json': [new Uint8Array(2 * 1024 * 1024), { level: 1 }] });
  assert.ok(bomb.length < 20_000);
  assert.deepEqual(messages(bomb, { ...ARCHIVE_LIMITS, maxEntryBytes: 1024 * 1024 }), [
    `entry 'bomb.json' is ${2 * 1024 * 1024} bytes uncompressed (more than ${1024 * 1024}); skipped`,
  ]);
  const huge = zip({ 'huge.json': record('GHSA-aaaa-aaaa-aaaa') });
  set32(huge, central(huge).entries[0] + 24, 0xfffffff0);
  assert.deepEqual(messages(huge), [
    `entry 'huge.json' is ${0xfffffff0} bytes uncompressed (more than ${8 * 1024 * 1024}); skipped`,
  ]);
});

test('archives: forged headers — a lying size, a bad CRC, corrupt data, encryption, methods, duplicates, counts', () => {
  // A bomb that lies: 1 MB of zeros declared as 100 bytes is stopped at the budget, not inflated to the end.
  const liar = zipSync({
    'a.json': strToU8(record('GHSA-aaaa-aaaa-aaaa')),
    'bomb.json': [new Uint8Array(1024 * 1024), { level: 1 }],
  });
  set32(liar, central(liar).entries[1] + 24, 100);
  // Small compressed data is inflated in one call, cut at the declared size: the CRC tells the lie.
  assert.deepEqual(messages(liar), [
    "entry 'bomb.json' fails its CRC check (damaged, truncated or larger than it declares); skipped",
  ]);
  // Larger compressed data is inflated in steps and stopped at the budget.
  assert.deepEqual(messages(liar, { ...ARCHIVE_LIMITS, inflateInOneCall: 0 }), [
    "entry 'bomb.json' is corrupt (it inflates to more than the 100 bytes it declares); skipped",
  ]);
  assert.equal(readAdvisoryArchive('x.zip', liar).advisories.length, 1, 'the other entry is still read');
  // Both paths read honest entries alike.
  assert.deepEqual(
    readAdvisoryArchive('x.zip', fixture('osv-offline/npm/all.zip'), {
      ...ARCHIVE_LIMITS,
      inflateInOneCall: 0,
    }).advisories.map((a) => a.id),
    ['GHSA-35jh-r3h4-6jhm', 'GHSA-35jh-r3h4-6jhm', 'GHSA-c2qf-rxjj-qqgw'],
  );

  const base = () => zip({ 'a.json': record('GHSA-aaaa-aaaa-aaaa'), 'b.json': record('GHSA-bbbb-bbbb-bbbb') });
  const crc = base();
  const at = central(crc).entries[0];
  set32(crc, at + 16, u32(crc, at + 16) ^ 1);
  assert.deepEqual(messages(crc), [
    "entry 'a.json' fails its CRC check (damaged, truncated or larger than it declares); skipped",
  ]);

  // Corrupt entries are tolerated up to a bound, then the rest is given up.
  const many = zip(Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`${n}.json`, record(`GHSA-${n}`)])));
  for (const entry of central(many).entries) set32(many, entry + 16, 0);
  assert.deepEqual(messages(many, { ...ARCHIVE_LIMITS, maxBadEntries: 3 }), [
    "entry '1.json' fails its CRC check (damaged, truncated or larger than it declares); skipped",
    "entry '2.json' fails its CRC check (damaged, truncated or larger than it declares); skipped",
    "entry '3.json' fails its CRC check (damaged, truncated or larger than it declares); skipped",
    'db/all.zip has 3 corrupt entries; the rest is not read',
  ]);

  const corrupt = base();
  const local = u32(corrupt, central(corrupt).entries[0] + 42);
  const dataStart = local + 30 + corrupt[local + 26] + corrupt[local + 28];
  corrupt.fill(0xff, dataStart, dataStart + 8);
  const corruptProblems = messages(corrupt);
  assert.equal(corruptProblems.length, 1);
  assert.match(corruptProblems[0], /^entry 'a\.json' is corrupt \(/);

  const encrypted = base();
  encrypted[central(encrypted).entries[1] + 8] |= 1;
  assert.deepEqual(messages(encrypted), ["entry 'b.json' is encrypted; skipped"]);

  const bzip2 = base();
  bzip2[central(bzip2).entries[1] + 10] = 12;
  assert.deepEqual(messages(bzip2), [
    "entry 'b.json' uses compression method 12 (only stored and deflate are read); skipped",
  ]);

  const duplicate = base();
  const second = central(duplicate).entries[1];
  duplicate[second + 46] = 'a'.charCodeAt(0);
  assert.deepEqual(messages(duplicate), ["entry 'a.json' appears twice; the second is skipped"]);

  const forgedCount = base();
  const { end } = central(forgedCount);
  forgedCount[end + 10] = 0xff;
  forgedCount[end + 11] = 0xff;
  assert.deepEqual(messages(forgedCount), [
    'db/all.zip is not read: its central directory claims 65535 entries that do not fit in the file (truncated or forged)',
  ]);

  const pointsNowhere = base();
  set32(pointsNowhere, central(pointsNowhere).entries[0] + 42, 5);
  assert.deepEqual(messages(pointsNowhere), [
    "entry 'a.json' is corrupt (no local header where the directory points); skipped",
  ]);
});

test('archives: not a zip, empty, truncated — one problem, never a throw', () => {
  const good = zip({ 'a.json': record('GHSA-aaaa-aaaa-aaaa') });
  const cases: Array<[string, Uint8Array, string]> = [
    ['empty file', new Uint8Array(0), 'db/all.zip is not read: it is not a zip archive (too short)'],
    [
      'text',
      strToU8('{"id": "not a zip, just JSON with a .zip name"}'),
      'db/all.zip is not read: it is not a zip archive (no end of central directory record)',
    ],
    ['empty zip', zipSync({}), 'db/all.zip is an empty zip archive'],
    [
      'cut at the end',
      good.subarray(0, good.length - 10),
      'db/all.zip is not read: it is not a zip archive (no end of central directory record)',
    ],
    [
      'cut inside the data, end record kept',
      new Uint8Array([...good.subarray(0, 40), ...good.subarray(good.length - 22)]),
      'db/all.zip is not read: its central directory claims 1 entries that do not fit in the file (truncated or forged)',
    ],
  ];
  for (const [what, bytes, expected] of cases) {
    const index = parseAdvisoryArchive('db/all.zip', bytes);
    assert.deepEqual(
      index.findings.map((f) => `${f.line}:${f.column} ${f.message}`),
      [`1:1 advisory file: ${expected}`],
      what,
    );
    assert.deepEqual(index.advisories, [], what);
  }
  let seed = 7;
  for (let n = 0; n < 50; n++) {
    const noise = new Uint8Array(200 + n * 13).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    // Random bytes with a real end record grafted on: damaged, never a throw.
    const bytes = new Uint8Array([...noise, ...good.subarray(good.length - 22)]);
    const index = parseAdvisoryArchive('x.zip', bytes);
    assert.ok(index.findings.length >= 1 && index.findings.every((f) => f.code === 'config-error'));
  }
});

test('crc32', () => {
  assert.equal(crc32(strToU8('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});
