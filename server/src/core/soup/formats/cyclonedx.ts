/**
 * CycloneDX JSON SBOMs (1.4–1.6), recognized by content (`"bomFormat": "CycloneDX"`) under
 * any name, found by default as `bom.json`, `sbom.json` or `*.cdx.json` in any folder
 * (docs/soup.md, Which manifests are read). It is also the format of a selected file that
 * no format recognizes: its one problem says the file is not a CycloneDX SBOM.
 */
import { ManifestIndex } from '../dependency';
import { isCycloneDx, parseCycloneDx } from '../cyclonedx';
import { ManifestFormat } from './format';

/** Names the other SBOM formats are found by (an XML or SPDX name): their problem names every SBOM format read. */
const OTHER_SBOM_NAMES = /^(?:bom|sbom)\.xml$|\.cdx\.xml$|\.spdx(?:\.json|\.jsonld)?$/;

function notCycloneDx(path: string): ManifestIndex {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    file: path,
    kind: 'cyclonedx',
    dependencies: [],
    problems: [
      {
        message: OTHER_SBOM_NAMES.test(name)
          ? 'not a CycloneDX or SPDX SBOM that Seclife reads (CycloneDX JSON or XML 1.4–1.6, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0 JSON-LD)'
          : 'not a CycloneDX JSON SBOM (no "bomFormat": "CycloneDX")',
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
