/** The SBOM formats (any ecosystem) (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { cycloneDxFormat } from './cyclonedx';
export const SBOM_FORMATS: readonly ManifestFormat[] = [cycloneDxFormat];
