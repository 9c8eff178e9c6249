/** npm's package.json: the declared dependencies (devDependencies read and marked `dev`). */
import { parsePackageJson } from '../npmManifest';
import { ManifestFormat } from './format';

export const packageJsonFormat: ManifestFormat = {
  id: 'package.json',
  ecosystem: 'npm',
  role: 'declaration',
  fileNames: /^package\.json$/,
  discovery: { names: /^package\.json$/, folders: 'any' },
  // devDependencies are always read, so a SOUP item for one is matched and not stale; whether
  // they need an item is the SOUP check's `devDependencies` setting.
  parse: (path, text) => parsePackageJson(path, text, { includeDev: true }),
  workspaces: true,
};
