/**
 * VEX documents → {@link VexStatement}s (docs/vulnerabilities.md, Where VEX comes from): the
 * format is told by the content — an OpenVEX `@context`, a CycloneDX `bomFormat`, a CSAF
 * `document.category` of `csaf_vex`. Problems become located `config-error` findings; a file
 * that is no VEX document is one finding at its start and no statements.
 */
import { Finding } from '../findings';
import { configErrorAtStart, emptyIndex, VexIndex } from '../fileIndex';
import { child, parseJsonDocument, quoted, stringAt } from './manifestCommon';
import { parseCsafVex } from './vexCsaf';
import { parseCycloneDxVex } from './vexCyclonedx';
import { isOpenVexContext, parseOpenVex } from './vexOpenvex';
import { VexParseResult } from './vexStatement';

/** What every VEX problem message ends with: the rest of the file still counts. */
const REST_READ = 'the other statements of the file are used';

export function parseVexFile(path: string, text: string): VexIndex {
  const index = emptyIndex(path, 'vex');
  const name = path.slice(path.lastIndexOf('/') + 1);
  const doc = parseJsonDocument(path, text, 'JSON');
  const syntax = doc.problems.map<Finding>((p) => ({
    code: 'config-error',
    severity: 'error',
    file: path,
    ...p.range,
    message: `${p.message}; no VEX statement of it is used until it is fixed`,
  }));
  if (syntax.length > 0 || !doc.tree) {
    index.findings = syntax.length > 0 ? syntax : [configErrorAtStart(path, `${path} cannot be read as VEX`)];
    return index;
  }
  const root = doc.tree;
  let result: VexParseResult;
  const category = stringAt(child(root, 'document'), 'category')?.trim();
  if (isOpenVexContext(stringAt(root, '@context'))) {
    index.format = 'openvex';
    result = parseOpenVex(path, root, doc.lines);
  } else if (stringAt(root, 'bomFormat') === 'CycloneDX') {
    index.format = 'cyclonedx';
    result = parseCycloneDxVex(path, root, doc.lines);
  } else if (category === 'csaf_vex') {
    index.format = 'csaf';
    result = parseCsafVex(path, root, doc.lines);
  } else {
    index.findings.push(
      configErrorAtStart(
        path,
        category !== undefined
          ? `${name}: CSAF document category ${quoted(category)} is not csaf_vex; no VEX statement was read`
          : `${name} is not a VEX document (expected an OpenVEX '@context', a CycloneDX 'bomFormat' or a CSAF 'document.category' of csaf_vex); no VEX statement was read`,
      ),
    );
    return index;
  }
  index.vex = result.statements;
  for (const p of result.problems)
    index.findings.push({
      code: 'config-error',
      severity: 'error',
      file: path,
      ...p.range,
      message: `${p.message.startsWith(path) ? '' : `${name}: `}${p.message}; ${REST_READ}`,
    });
  for (const n of result.notes) index.notes.push(`${path}: ${n}`);
  return index;
}
