import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dispositionFor, matchesAdvisory, parseDispositions } from './dispositions';

test('entries separated by ; with and without justification', () => {
  const value =
    'GHSA-rv95-896h-c2vc not-affected -- we never pass user input to res.redirect; CVE-2024-1234 fixed -- upgraded in 1.2.4;GHSA-29mw-wpgm-hmr9 mitigated -- see RC-004 ; CVE-2023-0001 accepted -- low impact, internal only; PYSEC-2023-74 under-investigation; GHSA-35jh-r3h4-6jhm affected';
  const { dispositions, problems } = parseDispositions(value);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    dispositions.map(({ id, status, justification }) => [id, status, justification]),
    [
      ['GHSA-rv95-896h-c2vc', 'not-affected', 'we never pass user input to res.redirect'],
      ['CVE-2024-1234', 'fixed', 'upgraded in 1.2.4'],
      ['GHSA-29mw-wpgm-hmr9', 'mitigated', 'see RC-004'],
      ['CVE-2023-0001', 'accepted', 'low impact, internal only'],
      ['PYSEC-2023-74', 'under-investigation', undefined],
      ['GHSA-35jh-r3h4-6jhm', 'affected', undefined],
    ],
  );
  for (const d of dispositions) {
    const text = value.slice(d.start, d.end);
    assert.ok(text.startsWith(d.id) && text === text.trim(), text);
  }
  assert.equal(value.slice(dispositions[1].start, dispositions[1].end), 'CVE-2024-1234 fixed -- upgraded in 1.2.4');
  assert.equal('justification' in dispositions[4], false, 'no justification key when there is none');
});

test('line breaks separate, and a comma before another ID and status', () => {
  const { dispositions, problems } = parseDispositions(
    'CVE-2024-1 fixed -- upgraded, see RC-004, CVE-2024-2 not_affected: code path unused\nCVE-2024-3 Under Investigation\r\n`GHSA-aaaa-bbbb-cccc` Fixed — 2.0.1, [CVE-2024-4](https://nvd.nist.gov/vuln/detail/CVE-2024-4): mitigated - RC-007',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    dispositions.map(({ id, status, justification }) => [id, status, justification]),
    [
      ['CVE-2024-1', 'fixed', 'upgraded, see RC-004'],
      ['CVE-2024-2', 'not-affected', 'code path unused'],
      ['CVE-2024-3', 'under-investigation', undefined],
      ['GHSA-aaaa-bbbb-cccc', 'fixed', '2.0.1'],
      ['CVE-2024-4', 'mitigated', 'RC-007'],
    ],
  );
});

test('problems: unknown or missing status, missing justification, not an ID, duplicates', () => {
  const value =
    'GHSA-aaaa-bbbb-cccc wontfix -- later; CVE-2024-5; CVE-2024-6 not-affected; CVE-2024-7 accepted --  ; see RC-004; CVE-2024-8 fixed; cve-2024-8 mitigated -- RC-1';
  const { dispositions, problems } = parseDispositions(value);
  assert.deepEqual(
    problems.map((p) => [p.message, value.slice(p.start, p.end)]),
    [
      [
        "unknown status 'wontfix' for GHSA-aaaa-bbbb-cccc; expected one of not-affected, affected, fixed, mitigated, accepted, under-investigation",
        'wontfix',
      ],
      [
        'CVE-2024-5 has no status; expected one of not-affected, affected, fixed, mitigated, accepted, under-investigation',
        'CVE-2024-5',
      ],
      ["CVE-2024-6 is 'not-affected' without a justification; add one after ' -- '", 'CVE-2024-6 not-affected'],
      ["CVE-2024-7 is 'accepted' without a justification; add one after ' -- '", 'CVE-2024-7 accepted --'],
      ["'see' is not an advisory ID (expected e.g. GHSA-xxxx-xxxx-xxxx or CVE-2024-1234 followed by a status)", 'see'],
      ['cve-2024-8 has more than one disposition; the first one counts', 'cve-2024-8'],
    ],
  );
  // Entries without a justification are still returned; unknown statuses are not.
  assert.deepEqual(
    dispositions.map((d) => `${d.id} ${d.status}`),
    ['CVE-2024-6 not-affected', 'CVE-2024-7 accepted', 'CVE-2024-8 fixed', 'cve-2024-8 mitigated'],
  );
});

test('empty and "none" values', () => {
  for (const value of ['', '  ', 'none', 'None', 'n/a', '-', ' ; ;\n']) {
    assert.deepEqual(parseDispositions(value), { dispositions: [], problems: [] }, JSON.stringify(value));
  }
});

test('a disposition matches an advisory by its ID or any alias', () => {
  const advisory = { id: 'GHSA-j8r2-6x86-q33q', aliases: ['CVE-2023-32681', 'PYSEC-2023-74'] };
  const { dispositions } = parseDispositions('cve-2023-32681 not-affected -- no proxies; GHSA-xxxx-yyyy-zzzz fixed');
  assert.equal(matchesAdvisory(dispositions[0], advisory), true);
  assert.equal(matchesAdvisory(dispositions[1], advisory), false);
  assert.equal(matchesAdvisory({ id: 'ghsa-J8R2-6x86-q33q' }, advisory), true);
  assert.equal(matchesAdvisory({ id: 'PYSEC-2023-74' }, advisory), true);
  assert.equal(dispositionFor(dispositions, advisory)?.justification, 'no proxies');
  assert.equal(dispositionFor(dispositions, { id: 'CVE-1999-0001', aliases: [] }), undefined);
});
