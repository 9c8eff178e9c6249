/** The files of `seclife report` (docs/release.md, "The report"), rendered from the report model; the CLI writes them. */
import { ReportModel } from '../../core/report/reportModel';
import { renderMatrixCsv } from './matrixCsv';
import { renderReportHtml } from './reportHtml';
import { renderReportMarkdown } from './reportMarkdown';

/** The three report files, by name. */
export function renderReportFiles(model: ReportModel): Record<string, string> {
  return {
    'index.html': renderReportHtml(model),
    'report.md': renderReportMarkdown(model),
    'matrix.csv': renderMatrixCsv(model),
  };
}
