// Synthetic ReportModel (server/src/core/report/reportModel.ts) for the report page's
// benchmark (bench/report.mjs) and browser test (test/e2e/report.test.mjs). Deterministic:
// no randomness, so the same arguments give the same model.

/** A filter term that matches exactly 1% of the items (in their titles only). */
export const FILTER_1PCT = 'tag-042';

const KINDS = [
  // kind, ID prefix, share of items (of 10), needs
  ['THREAT', 'TM', 2, ['mitigated']],
  ['CTRL', 'RC', 2, ['implemented', 'verified']],
  ['SR', 'SR', 6, ['implemented', 'verified']],
];

const pad = (n, w = 3) => String(n).padStart(w, '0');

/**
 * `n` items (20% threats, 20% risk controls, 60% security requirements) with several
 * links, code and test locations; about one in seven has an unmet need and one in
 * thirteen a suspect link. Other sections get a few hundred rows in all.
 * @param {number} [n]
 */
export function syntheticReportModel(n = 20_000) {
  const counts = KINDS.map(([, , share]) => Math.floor((n * share) / 10));
  counts[2] += n - counts.reduce((a, b) => a + b, 0);
  const ids = KINDS.map(([, prefix], k) => Array.from({ length: counts[k] }, (_, i) => `${prefix}-${i + 1}`));
  const pick = (k, i, j) => ids[k][(i * 7 + j * 13) % ids[k].length];
  const items = [];
  let serial = 0;
  KINDS.forEach(([kind, , , needs], k) => {
    ids[k].forEach((id, i) => {
      const s = serial++;
      const up = k === 0 ? [] : Array.from({ length: 1 + (s % 3) }, (_, j) => pick(k - 1, i, j));
      const down = k === 2 ? [] : Array.from({ length: s % 4 }, (_, j) => pick(k + 1, i, j));
      const code =
        k === 0
          ? []
          : Array.from({ length: s % 5 }, (_, j) => ({
              file: `src/module${pad(s % 400)}/file${pad((s + j) % 50, 2)}.ts`,
              line: 10 + ((s * 7 + j * 31) % 900),
              symbol: j % 2 ? undefined : `fn${s}_${j}`,
            }));
      const tests =
        k === 0
          ? []
          : Array.from({ length: s % 3 }, (_, j) => ({ file: `test/module${pad(s % 400)}.test.ts`, line: 5 + j * 20 }));
      const unmet = s % 7 === 3 ? [needs[needs.length - 1]] : [];
      items.push({
        id,
        kind,
        title: `${kind === 'SR' ? 'The system shall' : kind === 'CTRL' ? 'Control for' : 'Attacker may'} handle case ${s} (${`tag-${pad(s % 100)}`})`,
        file: `docs/security/${kind.toLowerCase()}-${pad(Math.floor(i / 500), 2)}.md`,
        line: 3 + (i % 500) * 6,
        status: ['approved', 'draft', 'implemented', undefined][s % 4],
        up,
        down,
        code,
        tests,
        needs,
        unmet,
        suspect: s % 13 === 5 ? 1 + (s % 2) : 0,
      });
    });
  });
  const covered = (kind) => items.filter((i) => i.kind === kind && i.unmet.length === 0).length;
  const total = (kind) => items.filter((i) => i.kind === kind).length;
  const coverage = KINDS.map(([kind]) => ({
    kind,
    title: kind,
    total: total(kind),
    covered: covered(kind),
    percent: total(kind) ? Math.round((covered(kind) * 1000) / total(kind)) / 10 : 100,
  }));
  const threats = ids[0].slice(0, 200).map((id, i) => ({
    id,
    title: `Threat ${i}`,
    file: 'docs/security/threats.md',
    line: 10 + i,
    category: ['Spoofing', 'Tampering', 'Repudiation'][i % 3],
    severity: ['high', 'medium', 'low'][i % 3],
    status: i % 10 === 0 ? 'accepted' : 'mitigated',
    controls: [pick(1, i, 0)],
    mitigated: i % 10 !== 0,
  }));
  const finding = (code, i, suppressed) => ({
    code,
    severity: ['error', 'warning', 'note'][i % 3],
    message: `Finding ${i} of ${code}`,
    file: `src/module${pad(i % 400)}/file00.ts`,
    line: 1 + i,
    column: 1 + (i % 40),
    ...(suppressed ? { suppression: `Reviewed: case ${i} is not reachable` } : {}),
  });
  return {
    tool: { name: 'seclife', version: '0.1.0-bench' },
    project: 'synthetic',
    commit: { sha: '0123456789abcdef0123456789abcdef01234567', ref: 'main' },
    configText: '{\n  "gate": { "failOn": "error", "coverage": { "SR": 90 } }\n}\n',
    gate: {
      configured: true,
      passed: false,
      checks: [
        { name: 'failOn', passed: false, message: 'failOn error: 40 open findings at error; the gate allows none' },
        { name: 'coverage.SR', passed: coverage[2].percent >= 90, message: `SR coverage ${coverage[2].percent}%` },
      ],
    },
    coverage,
    counts: { error: 40, warning: 40, note: 40, suppressed: 10 },
    items,
    threats,
    residualRisks: threats
      .filter((t) => t.status === 'accepted')
      .map((t) => ({
        id: t.id,
        title: t.title,
        status: 'accepted',
        acceptedBy: 'Product security board',
        rationale: 'Low exposure',
        severity: t.severity,
      })),
    traceFindings: Array.from({ length: 60 }, (_, i) => ({
      ...finding('trace/unverified', i, false),
      itemId: `SR-${i + 1}`,
    })),
    rules: ['js/sql-concat', 'js/eval', 'js/weak-hash'].map((rule, r) => ({
      rule,
      cwe: ['CWE-89', 'CWE-95', 'CWE-328'][r],
      title: `Rule ${rule}`,
      findings: Array.from({ length: 20 }, (_, i) => finding(rule, i + r * 20, i % 5 === 0)),
    })),
    suppressions: Array.from({ length: 10 }, (_, i) => ({
      file: `src/module${pad(i)}/file00.ts`,
      line: i + 1,
      scope: 'next-line',
      rules: ['js/sql-concat'],
      justification: `Reviewed ${i}`,
      silenced: 1,
    })),
    soup: Array.from({ length: 30 }, (_, i) => ({
      id: `SOUP-${i + 1}`,
      title: `Library ${i}`,
      version: `1.${i}.0`,
      supplier: 'Vendor',
      class: 'B',
      dependencies: [`lib${i}@1.${i}.0`],
      indirect: i % 5 ? [] : [{ package: `dep${i}@2.0.0`, via: `lib${i}@1.${i}.0`, advisories: [] }],
      vulnerabilities:
        i % 4 ? [] : [{ id: `CVE-2024-${1000 + i}`, disposition: i % 8 ? 'not-affected' : 'undispositioned' }],
      covered: i % 6 !== 0,
    })),
    suspectLinks: items
      .filter((i) => i.suspect > 0)
      .slice(0, 50)
      .map((i) => ({ target: i.id, role: 'derivedFrom', file: i.file, line: i.line })),
    unreadDependencyFiles: [],
    unownedVulnerabilities: [],
    baseline: true,
  };
}
