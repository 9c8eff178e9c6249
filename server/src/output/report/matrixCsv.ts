/** `matrix.csv`: the traceability matrix for spreadsheets (RFC 4180, CRLF line ends). */
import { ReportItem, ReportLocation, ReportModel } from '../../core/report/reportModel';
import { resultText } from '../verificationText';

export const MATRIX_COLUMNS = [
  'ID',
  'Kind',
  'Title',
  'Status',
  'File',
  'Line',
  'Up',
  'Down',
  'Code',
  'Tests',
  'Verification',
  'Needs',
  'Unmet needs',
  'Suspect links',
];

/**
 * One cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`,
 * `@`, tab or carriage return is prefixed with `'` so a spreadsheet shows the text
 * instead of running it as a formula (CWE-1236).
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatLocation(l: ReportLocation): string {
  return `${l.file}:${l.line}${l.symbol ? ` (${l.symbol})` : ''}`;
}

function row(item: ReportItem): Array<string | number> {
  return [
    item.id,
    item.kind,
    item.title,
    item.status ?? '',
    item.file,
    item.line,
    item.up.join('; '),
    item.down.join('; '),
    item.code.map(formatLocation).join('; '),
    item.tests.map(formatLocation).join('; '),
    item.verification ? resultText(item.verification) : '',
    item.needs.join('; '),
    item.unmet.join('; '),
    item.suspect,
  ];
}

export function renderMatrixCsv(model: ReportModel): string {
  const lines = [MATRIX_COLUMNS.map(csvCell).join(',')];
  for (const item of model.items) lines.push(row(item).map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
