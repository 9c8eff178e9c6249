/** The SBOM formats (any ecosystem) (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { cycloneDxFormat } from './cyclonedx';
import { cycloneDxXmlFormat } from './cyclonedxXml';
import { spdx3Format } from './spdx3';
import { spdxJsonFormat } from './spdxJson';
import { spdxTagValueFormat } from './spdxTagValue';

/** Each claims its files by content (`sniff`); their discovery names are in each file. */
export const SBOM_FORMATS: readonly ManifestFormat[] = [
  cycloneDxFormat,
  cycloneDxXmlFormat,
  spdxJsonFormat,
  spdxTagValueFormat,
  spdx3Format,
];
