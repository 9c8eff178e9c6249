/** VEX documents → {@link VexStatement}s (docs/vulnerabilities.md, Where VEX comes from). */
import { VexIndex, emptyIndex } from '../fileIndex';

export function parseVexFile(path: string, _text: string): VexIndex {
  const index = emptyIndex(path, 'vex');
  index.vex = [];
  return index;
}
