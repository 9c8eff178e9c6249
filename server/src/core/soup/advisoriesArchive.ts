/** Offline OSV database archives (`all.zip` per ecosystem) → advisories (docs/vulnerabilities.md, Advisory data). */
import { AdvisoriesIndex, configErrorAtStart, emptyIndex } from '../fileIndex';

export function parseAdvisoryArchive(path: string, _bytes: Uint8Array): AdvisoriesIndex {
  const index = emptyIndex(path, 'advisories');
  index.findings.push(configErrorAtStart(path, `${path}: OSV database archives are not read yet`));
  return index;
}
