/** The Python formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { pyprojectFormat } from './pyproject';
import { requirementsFormat } from './requirements';
export const PYTHON_FORMATS: readonly ManifestFormat[] = [pyprojectFormat, requirementsFormat];
