/** pipenv's Pipfile (TOML): `[packages]` and `[dev-packages]` (docs/soup.md, Which manifests are read). */
import { parsePipfile } from '../pythonManifest';
import { ManifestFormat } from './format';

export const pipfileFormat: ManifestFormat = {
  id: 'Pipfile',
  ecosystem: 'pypi',
  role: 'declaration',
  fileNames: /^Pipfile$/,
  discovery: { names: /^Pipfile$/, folders: 'any' },
  parse: (path, text) => parsePipfile(path, text),
};
