/** pip requirements files (`requirements*.txt`; with `manifests` set, any `*.txt`), pip-compile output included. */
import { parseRequirements } from '../pythonManifest';
import { ManifestFormat } from './format';

export const requirementsFormat: ManifestFormat = {
  id: 'requirements.txt',
  ecosystem: 'pypi',
  role: 'declaration',
  fileNames: /\.txt$/,
  discovery: { names: /^requirements[\w.-]*\.txt$/, folders: 'any' },
  parse: (path, text) => parseRequirements(path, text),
};
