/** Optional YAML front matter (`---` … `---` at the very top): only top-level `key: value` scalars are read. */
export interface FrontMatter {
  values: Record<string, string>;
  /** Number of lines the block occupies (0 when absent). */
  lineCount: number;
}

export function readFrontMatter(lines: string[]): FrontMatter {
  if (lines.length === 0 || lines[0].trim() !== '---') return { values: {}, lineCount: 0 };
  const values: Record<string, string> = {};
  for (let i = 1; i < lines.length && i < 200; i++) {
    const line = lines[i];
    if (line.trim() === '---' || line.trim() === '...') return { values, lineCount: i + 1 };
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (m) values[m[1].toLowerCase()] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return { values: {}, lineCount: 0 };
}
