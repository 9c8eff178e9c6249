/** The .NET (NuGet) formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { csprojFormat } from './csproj';
import { ManifestFormat } from './format';
import { nugetLockFormat } from './nugetLock';

export const DOTNET_FORMATS: readonly ManifestFormat[] = [csprojFormat, nugetLockFormat];
