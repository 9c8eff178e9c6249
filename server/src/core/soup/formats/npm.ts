/** The npm formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { packageJsonFormat } from './packageJson';
import { packageLockFormat } from './packageLock';
export const NPM_FORMATS: readonly ManifestFormat[] = [packageJsonFormat, packageLockFormat];
