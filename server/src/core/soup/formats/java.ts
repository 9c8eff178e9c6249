/** The Java (Maven, Gradle) formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { ManifestFormat } from './format';
import { gradleBuildFormat } from './gradleBuild';
import { gradleLockFormat } from './gradleLock';
import { pomXmlFormat } from './pomXml';

export const JAVA_FORMATS: readonly ManifestFormat[] = [pomXmlFormat, gradleBuildFormat, gradleLockFormat];
