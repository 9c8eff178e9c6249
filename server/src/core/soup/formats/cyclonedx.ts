/**
 * CycloneDX JSON SBOMs (1.4–1.6), recognized by content (`"bomFormat": "CycloneDX"`) under
 * any name, found by default as `bom.json`, `sbom.json` or `*.cdx.json` in any folder
 * (docs/soup.md, Which manifests are read). It is also the format of a selected file that
 * no format recognizes: its one problem says the file is not a CycloneDX SBOM.
 */
import { ManifestIndex } from '../dependency';
import { isCycloneDx, parseCycloneDx } from '../cyclonedx';
import { ManifestFormat } from './format';

function notCycloneDx(path: string): ManifestIndex {
  return {
    file: path,
    kind: 'cyclonedx',
    dependencies: [],
    problems: [
      {
        message: 'not a CycloneDX JSON SBOM (no "bomFormat": "CycloneDX")',
        range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      },
    ],
  };
}

export const cycloneDxFormat: ManifestFormat = {
  id: 'cyclonedx',
  ecosystem: 'generic',
  role: 'sbom',
  sniff: isCycloneDx,
  discovery: { names: /^(?:bom|sbom)\.json$|\.cdx\.json$/, folders: 'any' },
  parse: (path, text) => (isCycloneDx(text) ? parseCycloneDx(path, text) : notCycloneDx(path)),
};
