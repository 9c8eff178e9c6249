import assert from 'node:assert/strict';
import { test } from 'node:test';
import { affects } from './advisories';
import { osvEventsToRanges, osvToAdvisories } from './advisoriesOsv';
import { Ecosystem } from './dependency';

/** One OSV record with one affected package (shape of https://ossf.github.io/osv-schema/). */
function record(ecosystem: string, name: string, ranges: unknown[], versions: string[] = []) {
  return {
    id: 'TEST-0001',
    affected: [{ package: { ecosystem, name }, ranges, versions }],
  };
}
const events = (...list: Array<Record<string, string>>) => list;

function convert(rec: unknown) {
  const out = osvToAdvisories(rec);
  assert.deepEqual(out.problems, []);
  assert.equal(out.advisories.length, 1);
  return out.advisories[0];
}

test('Maven (log4j-core, CVE-2021-44228): ECOSYSTEM events sorted by Maven order, read back by versionCovers', () => {
  // The events of GHSA-jfh8-c2jp-5v3q, shuffled: OSV does not require them in order.
  const advisory = convert(
    record('Maven', 'org.apache.logging.log4j:log4j-core', [
      {
        type: 'ECOSYSTEM',
        events: events(
          { introduced: '2.13.0' },
          { fixed: '2.15.0' },
          { introduced: '2.0-beta9' },
          { fixed: '2.3.1' },
          { introduced: '2.4' },
          { fixed: '2.12.2' },
        ),
      },
    ]),
  );
  assert.deepEqual(advisory.affected, ['>=2.0-beta9 <2.3.1', '>=2.4 <2.12.2', '>=2.13.0 <2.15.0']);
  const hit = (v: string) => affects(advisory, 'org.apache.logging.log4j:log4j-core', v, 'maven');
  for (const v of ['2.0-beta9', '2.0', '2.3', '2.4', '2.11.1', '2.14.1', '2.15.0-rc1']) assert.equal(hit(v), true, v);
  for (const v of ['2.0-beta8', '2.3.1', '2.12.2', '2.12.4', '2.15.0', '2.17.1']) assert.equal(hit(v), false, v);
});

test('Go (golang.org/x/net): SEMVER events without v match go.mod versions with v and pseudo-versions', () => {
  const advisory = convert(
    record('Go', 'golang.org/x/net', [
      { type: 'SEMVER', events: events({ introduced: '0' }, { fixed: '0.17.0' }) },
      {
        type: 'GIT',
        repo: 'https://go.googlesource.com/net',
        events: events({ introduced: '0' }, { fixed: 'b225e7c' }),
      },
    ]),
  );
  assert.deepEqual(advisory.affected, ['<0.17.0'], 'the GIT range is skipped');
  const hit = (v: string) => affects(advisory, 'golang.org/x/net', v, 'golang');
  assert.equal(hit('v0.0.0-20210226172049-e18ecbb05110'), true);
  assert.equal(hit('v0.16.1-0.20231010170342-8d9e4f5c2d4b'), true);
  assert.equal(hit('v0.15.0'), true);
  assert.equal(hit('v0.17.0'), false);
  assert.equal(hit('0.17.0'), false);
  assert.equal(hit('v0.23.0'), false);
});

test('crates.io: SEMVER ranges and exact versions', () => {
  const advisory = convert(
    record(
      'crates.io',
      'smallvec',
      [
        {
          type: 'SEMVER',
          events: events({ introduced: '0.6.3' }, { fixed: '0.6.14' }, { introduced: '1.0.0' }, { fixed: '1.6.1' }),
        },
      ],
      ['0.5.1'],
    ),
  );
  assert.deepEqual(advisory.affected, ['>=0.6.3 <0.6.14', '>=1.0.0 <1.6.1', '0.5.1']);
  const hit = (v: string) => affects(advisory, 'smallvec', v, 'cargo');
  for (const v of ['0.6.3', '0.6.13', '1.0.0', '1.6.0', '1.6.1-rc.1', '0.5.1']) assert.equal(hit(v), true, v);
  for (const v of ['0.6.2', '0.6.14', '1.6.1', '1.13.2', '0.5.2', '0.5.0']) assert.equal(hit(v), false, v);
});

test('NuGet (Newtonsoft.Json, GHSA-5crp-9r3c-p9vr): ECOSYSTEM ranges with four-part versions', () => {
  const advisory = convert(
    record('NuGet', 'Newtonsoft.Json', [
      { type: 'ECOSYSTEM', events: events({ introduced: '0' }, { fixed: '13.0.1' }) },
    ]),
  );
  assert.deepEqual(advisory.affected, ['<13.0.1']);
  const hit = (v: string) => affects(advisory, 'newtonsoft.json', v, 'nuget');
  assert.equal(hit('12.0.3'), true);
  assert.equal(hit('13.0.0.0'), true);
  assert.equal(hit('13.0.1'), false);
  assert.equal(hit('13.0.1.0'), false);
  assert.equal(hit('13.0.3'), false);
});

test('last_affected and open intervals in every ecosystem give ranges versionCovers reads', () => {
  const cases: Array<[Ecosystem, string, string, string, string]> = [
    ['maven', '1.0', '2.0-rc1', '2.0-beta1', '2.0'],
    ['golang', '0.1.0', '0.3.0', 'v0.3.0', 'v0.3.1'],
    ['cargo', '0.1.0', '0.3.0', '0.3.0', '0.3.1'],
    ['nuget', '1.0', '2.0.0.1', '2.0.0.1', '2.0.0.2'],
    ['npm', '1.0.0', '2.0.0', '2.0.0', '2.0.1'],
    ['pypi', '1.0', '2.0', '2.0', '2.0.1'],
  ];
  for (const [eco, from, last, inside, outside] of cases) {
    const { ranges, problems } = osvEventsToRanges(
      events({ last_affected: last }, { introduced: from }),
      eco,
      'ECOSYSTEM',
    );
    assert.deepEqual(problems, [], eco);
    assert.equal(ranges.length, 1, eco);
    const advisory = { id: 'X', aliases: [], ecosystem: eco, package: 'p', affected: ranges, source: 'osv' as const };
    assert.equal(affects(advisory, 'p', inside, eco), true, `${eco} ${ranges[0]} ∋ ${inside}`);
    assert.equal(affects(advisory, 'p', outside, eco), false, `${eco} ${ranges[0]} ∌ ${outside}`);
    const open = osvEventsToRanges(events({ introduced: from }), eco, 'ECOSYSTEM').ranges;
    const all = osvEventsToRanges(events({ introduced: '0' }), eco, 'ECOSYSTEM').ranges;
    assert.equal(affects({ ...advisory, affected: open }, 'p', outside, eco), true, `${eco} ${open[0]}`);
    assert.equal(affects({ ...advisory, affected: all }, 'p', outside, eco), true, `${eco} ${all[0]}`);
  }
});

test('OSV versions that the ecosystem cannot read are problems, not throws', () => {
  const out = osvToAdvisories(
    record('crates.io', 'x', [{ type: 'SEMVER', events: events({ introduced: '0' }, { fixed: 'not a version' }) }]),
  );
  assert.equal(out.advisories.length, 1);
  assert.match(out.problems.join('\n'), /'<not a version' is not a valid cargo version or range/);
});
