/**
 * Which format a test-result file is, by its content (not its name: `results.xml`,
 * `report.json`, `out.tap` are all common), and its parse. Unknown content is a problem.
 */
import { parseCtrf } from './ctrf';
import { parseJUnit } from './junit';
import { countTotals, TestResultFile, TestResultFormat } from './model';
import { parseTap } from './tap';

/** Characters looked at to decide the format. */
const SNIFF = 4096;

export function detectTestResultFormat(text: string): TestResultFormat | undefined {
  const head = text.slice(0, SNIFF).replace(/^\ufeff/, '');
  const start = head.trimStart();
  if (start.startsWith('<')) {
    // An XML declaration, comments or a DOCTYPE may come before the root element.
    if (/^<\?xml\b/.test(start) || /<testsuites?\b/.test(head)) return 'junit';
    return undefined;
  }
  if (start.startsWith('{')) {
    // A `results` object (CTRF writers put it first or after a few short keys); the
    // parser checks `results.tests`. go test -json and GoogleTest's JSON have none.
    return /"results"\s*:\s*\{/.test(text.slice(0, SNIFF * 4)) ? 'ctrf' : undefined;
  }
  if (/^TAP version \d+\s*$/m.test(head) || /^(?:ok|not ok)\b/m.test(head) || /^1\.\.\d+(?:\s*#.*)?$/m.test(head)) {
    return 'tap';
  }
  return undefined;
}

export function parseTestResultFile(file: string, text: string): TestResultFile {
  switch (detectTestResultFormat(text)) {
    case 'junit':
      return parseJUnit(file, text);
    case 'tap':
      return parseTap(file, text);
    case 'ctrf':
      return parseCtrf(file, text);
    default:
      return {
        file,
        format: guessFormat(file),
        totals: countTotals([]),
        cases: [],
        problems: [
          {
            message:
              'not a test-result file Seclife reads: expected JUnit XML (<testsuites>/<testsuite>), TAP (TAP version, ok/not ok, 1..N) or CTRF JSON (results.tests)',
            line: 1,
            column: 1,
          },
        ],
      };
  }
}

/** The format an unreadable file was probably meant to be, by its extension (the model needs one). */
function guessFormat(file: string): TestResultFormat {
  if (/\.json$/i.test(file)) return 'ctrf';
  if (/\.tap$/i.test(file)) return 'tap';
  return 'junit';
}
