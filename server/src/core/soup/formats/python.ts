/** The Python formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { pdmLockFormat } from './pdmLock';
import { pipfileFormat } from './pipfile';
import { pipfileLockFormat } from './pipfileLock';
import { poetryLockFormat } from './poetryLock';
import { pyprojectFormat } from './pyproject';
import { requirementsFormat } from './requirements';
import { uvLockFormat } from './uvLock';
export const PYTHON_FORMATS: readonly ManifestFormat[] = [
  pyprojectFormat,
  requirementsFormat,
  pipfileFormat,
  poetryLockFormat,
  uvLockFormat,
  pdmLockFormat,
  pipfileLockFormat,
];
