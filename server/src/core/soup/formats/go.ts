/** The Go module formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { goModFormat } from './goMod';
import { goSumFormat } from './goSum';

export const GO_FORMATS: readonly ManifestFormat[] = [goModFormat, goSumFormat];
