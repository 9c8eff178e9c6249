/** The Java (Maven, Gradle) formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';

export const JAVA_FORMATS: readonly ManifestFormat[] = [];
