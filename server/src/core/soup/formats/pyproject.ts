/** pyproject.toml: PEP 621 `[project]`, PEP 735 groups, Poetry and PDM dependencies. */
import { parsePyproject } from '../pythonManifest';
import { ManifestFormat } from './format';

export const pyprojectFormat: ManifestFormat = {
  id: 'pyproject.toml',
  ecosystem: 'pypi',
  role: 'declaration',
  fileNames: /^pyproject\.toml$/,
  discovery: { names: /^pyproject\.toml$/, folders: 'any' },
  parse: (path, text) => parsePyproject(path, text),
};
