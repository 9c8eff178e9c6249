import { FINDINGS_DOC_INTRO, findingCodeSpec, isTraceCode, Severity, TRACE_CODES, TraceCode } from './findingCodes';

/** What a finding code means and how to fix it; feeds SARIF `rules[]` and `codeDescription`. A view of findingCodes.ts. */
export interface CodeInfo {
  code: TraceCode;
  severity: Severity;
  /** One line. */
  summary: string;
  /** Markdown: why it matters and what to do. */
  help: string;
  /** IEC 81001-5-1 clause the check supports. */
  clause?: string;
}

export function codeInfo(code: string): CodeInfo | undefined {
  if (!isTraceCode(code)) return undefined;
  const { severity, summary, help, clause } = findingCodeSpec(code);
  return { code, severity, summary, help, ...(clause ? { clause } : {}) };
}

export function allCodeInfos(): CodeInfo[] {
  return TRACE_CODES.map((c) => codeInfo(c)!);
}

/** docs/findings.md, generated from the table by `npm run build` (scripts/bundle.mjs); a test checks it is fresh. */
export function findingsMarkdown(): string {
  const rows = TRACE_CODES.map((c) => {
    const spec = findingCodeSpec(c);
    return `| [\`${c}\`](#${c}) | ${spec.severity} | ${spec.where} |`;
  });
  const sections = TRACE_CODES.map((c) => [`## ${c}`, ...findingCodeSpec(c).doc, ''].join('\n'));
  return [...FINDINGS_DOC_INTRO, '', '| code | default | where |', '|---|---|---|', ...rows, '', ...sections].join(
    '\n',
  );
}
