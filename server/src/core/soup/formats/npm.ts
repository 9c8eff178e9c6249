/** The npm formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { bunLockFormat } from './bunLock';
import { ManifestFormat } from './format';
import { packageJsonFormat } from './packageJson';
import { packageLockFormat } from './packageLock';
import { pnpmLockFormat } from './pnpmLock';
import { yarnLockFormat } from './yarnLock';
export const NPM_FORMATS: readonly ManifestFormat[] = [
  packageJsonFormat,
  packageLockFormat,
  pnpmLockFormat,
  yarnLockFormat,
  bunLockFormat,
];
