/** `report.md`: the release evidence as Markdown (reads as plain text, renders on any forge). */
import { pushAll } from '../../core/arrays';
import { escapeMarkdownInline } from '../../core/markdown/escapeInline';
import { ReportFinding, ReportModel } from '../../core/report/reportModel';
import { basisText, resultText } from '../verificationText';
import { formatLocation } from './matrixCsv';
import { itemsLine, RESULT_FILE_HEADERS, resultFileCells, verificationIntro } from './reportVerification';

/** Text for a Markdown table cell or line: Markdown and HTML syntax escaped, one line. */
export function md(text: string | number | undefined): string {
  if (text === undefined || text === '') return '';
  return escapeMarkdownInline(String(text).replace(/(?<!\s)\s*[\r\n]+\s*/g, ' '));
}

/**
 * A Markdown table. No table's first header is `ID`: a report written into a documents
 * folder must not read back as item definitions.
 */
function table(header: string[], rows: Array<Array<string | number | undefined>>): string[] {
  if (rows.length === 0) return ['None.', ''];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(md).join(' | ')} |`),
    '',
  ];
}

/** A code fence longer than any backtick run in the text. */
function fence(text: string, lang: string): string[] {
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = '`'.repeat(longest + 1);
  return [`${f}${lang}`, text.trimEnd(), f, ''];
}

const at = (f: ReportFinding) => `${f.file}:${f.line}:${f.column}`;

export function renderReportMarkdown(m: ReportModel): string {
  const out: string[] = [];
  const verdict = m.gate.passed ? 'PASSED' : 'FAILED';
  out.push(`# Release evidence: ${md(m.project)}`, '');
  out.push(`- Tool: ${md(m.tool.name)} ${md(m.tool.version)}`);
  out.push(
    `- Commit: ${m.commit ? `\`${m.commit.sha}\`${m.commit.ref ? ` (${md(m.commit.ref)})` : ''}` : 'not a git repository'}`,
  );
  if (m.date) out.push(`- Date: ${md(m.date)}`);
  out.push(`- Verification: ${md(basisText(m.verification))}`);
  out.push(`- Gate: **${verdict}**${m.gate.configured ? '' : ' (no gate in seclife.json; default failOn error)'}`);
  out.push(
    `- Review baseline: ${m.baseline ? `.seclife/baseline.json, ${m.suspectLinks.length} suspect link${m.suspectLinks.length === 1 ? '' : 's'}` : 'none'}`,
    '',
  );

  out.push('## Summary', '', '### Gate', '');
  pushAll(
    out,
    table(
      ['Check', 'Result', 'Detail'],
      m.gate.checks.map((c) => [c.name, c.passed ? 'pass' : 'FAIL', c.message]),
    ),
  );
  out.push('### Coverage', '');
  pushAll(
    out,
    table(
      ['Kind', 'Title', 'Covered', 'Total', 'Coverage'],
      m.coverage.map((c) => [c.kind, c.title, c.covered, c.total, `${c.percent}%`]),
    ),
  );
  out.push('### Findings', '');
  pushAll(
    out,
    table(
      ['Errors', 'Warnings', 'Notes', 'Suppressed'],
      [[m.counts.error, m.counts.warning, m.counts.note, m.counts.suppressed]],
    ),
  );

  out.push('## Verification results', '');
  for (const line of verificationIntro(m.verification)) out.push(md(line), '');
  if (m.verification.resultFiles.length > 0)
    pushAll(
      out,
      table(
        RESULT_FILE_HEADERS,
        m.verification.resultFiles.map((f) => resultFileCells(f, m.commit !== undefined)),
      ),
    );
  out.push(md(itemsLine(m.verification)), '');

  out.push('## Traceability matrix', '', `${m.items.length} items; also in matrix.csv.`, '');
  pushAll(
    out,
    table(
      [
        'Item',
        'Kind',
        'Title',
        'Status',
        'Up',
        'Down',
        'Code',
        'Tests',
        'Verification',
        'Unmet needs',
        'Suspect links',
      ],
      m.items.map((i) => [
        i.id,
        i.kind,
        i.title,
        i.status,
        i.up.join(', '),
        i.down.join(', '),
        i.code.map(formatLocation).join(', '),
        i.tests.map(formatLocation).join(', '),
        i.verification ? resultText(i.verification) : '',
        i.unmet.length ? i.unmet.join(', ') : 'none',
        i.suspect || '',
      ]),
    ),
  );

  out.push('## Threats', '');
  pushAll(
    out,
    table(
      ['Threat', 'Title', 'Category', 'Severity', 'Status', 'Controls', 'Mitigated'],
      m.threats.map((t) => [
        t.id,
        t.title,
        t.category,
        t.severity,
        t.status,
        t.controls.join(', '),
        t.mitigated ? 'yes' : 'no',
      ]),
    ),
  );
  out.push('### Residual risks', '', 'Threats accepted or transferred instead of mitigated.', '');
  pushAll(
    out,
    table(
      ['Threat', 'Title', 'Severity', 'Status', 'Accepted by', 'Rationale'],
      m.residualRisks.map((r) => [r.id, r.title, r.severity, r.status, r.acceptedBy, r.rationale]),
    ),
  );

  out.push('## Suspect links', '');
  if (!m.baseline) out.push('No review baseline (.seclife/baseline.json): run `seclife review` to record one.', '');
  else {
    out.push('Links whose target changed after they were reviewed.', '');
    pushAll(
      out,
      table(
        ['Target', 'Link', 'Location'],
        m.suspectLinks.map((s) => [s.target, s.role, formatLocation(s)]),
      ),
    );
  }

  out.push('## Traceability findings', '');
  pushAll(
    out,
    table(
      ['Location', 'Severity', 'Code', 'Item', 'Message'],
      m.traceFindings.map((f) => [at(f), f.severity, f.code, f.itemId, f.message]),
    ),
  );

  out.push('## Secure-coding findings', '');
  if (m.rules.length === 0) out.push('None.', '');
  for (const r of m.rules) {
    const open = r.findings.filter((f) => !f.suppression).length;
    out.push(`### ${md(r.rule)}${r.title ? ` — ${md(r.title)}` : ''}${r.cwe ? ` (${r.cwe})` : ''}`, '');
    out.push(`${open} open, ${r.findings.length - open} suppressed.`, '');
    pushAll(
      out,
      table(
        ['Location', 'Severity', 'Message', 'Suppressed with'],
        r.findings.map((f) => [at(f), f.severity, f.message, f.suppression]),
      ),
    );
  }

  out.push('## Suppressions', '');
  pushAll(
    out,
    table(
      ['Location', 'Scope', 'Rules', 'Justification', 'Silenced'],
      m.suppressions.map((s) => [
        `${s.file}:${s.line}`,
        s.scope,
        s.rules.length ? s.rules.join(', ') : 'all rules',
        s.justification,
        s.silenced,
      ]),
    ),
  );

  out.push('## SOUP', '');
  pushAll(
    out,
    table(
      ['Item', 'Title', 'Version', 'Supplier', 'Class', 'Dependencies', 'Vulnerabilities'],
      m.soup.map((s) => [
        s.id,
        s.title,
        s.version,
        s.supplier,
        s.class,
        s.dependencies.join(', '),
        s.vulnerabilities.map((v) => `${v.id}: ${v.disposition}${v.note ? ` (${v.note})` : ''}`).join('; '),
      ]),
    ),
  );
  const indirect = m.soup.flatMap((s) => s.indirect.map((p) => [s.id, p.package, p.via, p.advisories.join(', ')]));
  if (indirect.length > 0) {
    out.push('### Indirect packages', '');
    pushAll(out, table(['Item', 'Package', 'Via', 'Advisories'], indirect));
  }
  if (m.unownedVulnerabilities.length > 0) {
    out.push('### Advisories no SOUP item answers for', '');
    pushAll(
      out,
      table(
        ['Advisory', 'Package', 'Via', 'Where'],
        m.unownedVulnerabilities.map((v) => [v.id, v.package, v.via, `${v.file}:${v.line}`]),
      ),
    );
  }
  if (m.unreadDependencyFiles.length > 0) {
    out.push('### Dependency files not read', '');
    pushAll(
      out,
      table(
        ['File', 'Why'],
        m.unreadDependencyFiles.map((u) => [u.file, u.message]),
      ),
    );
  }

  out.push('## Configuration', '');
  if (m.configText === undefined) out.push('No seclife.json: the defaults apply.', '');
  else pushAll(out, ['seclife.json as read:', '', ...fence(m.configText, 'json')]);
  return out.join('\n').replace(/(?<!\n)\n+$/, '\n');
}
