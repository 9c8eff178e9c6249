/** Public addresses of the project's documentation (used for SARIF help links and LSP codeDescription). */
export const HOMEPAGE = 'https://github.com/seclife/seclife';
const DOCS = `${HOMEPAGE}/blob/main/docs`;

/** Help page of a finding code or rule ID. */
export function helpUri(code: string): string {
  return code.includes('/') ? `${DOCS}/rules/${code.replace('/', '-')}.md` : `${DOCS}/findings.md#${code}`;
}
