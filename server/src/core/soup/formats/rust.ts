/** The Rust (Cargo) formats (docs/soup.md, Which manifests are read): one file per format in this folder, listed here. */
import { cargoLockFormat } from './cargoLock';
import { cargoTomlFormat } from './cargoToml';
import { ManifestFormat } from './format';

export const RUST_FORMATS: readonly ManifestFormat[] = [cargoTomlFormat, cargoLockFormat];
