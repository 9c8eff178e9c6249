/** Templates for new items (pure: no vscode import, unit-tested). */

/** The next free ID of a kind: one above the highest number in use, keeping the usual zero padding. */
export function nextFreeId(prefix: string, existing: string[]): string {
  let max = 0;
  let width = 3;
  for (const id of existing) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = m[1].length;
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

const ATTRIBUTES: Record<string, string> = {
  SR: 'Priority: ${2|high,medium,low|}\nDerived-from: ${3:TH-}',
  TH: 'Category: ${2|Spoofing,Tampering,Repudiation,Information disclosure,Denial of service,Elevation of privilege|}\nSeverity: ${3|high,medium,low,critical|}\nStatus: ${4|open,mitigated,accepted,transferred|}',
  RC: 'Mitigates: ${2:TH-}\nDerived-from: ${3:SR-}',
};

/** A snippet (VS Code snippet syntax) for a heading item. */
export function itemSnippet(prefix: string, id: string, level = 2): string {
  const attrs = ATTRIBUTES[prefix] ?? '';
  return `${'#'.repeat(level)} ${id}: \${1:Title}\n${attrs ? `${attrs}\n` : ''}\n\${0:Description.}\n`;
}

const STARTERS: Record<string, { path: string; title: string }> = {
  SR: { path: 'docs/security/requirements.md', title: 'Security requirements' },
  TH: { path: 'docs/security/threats.md', title: 'Threat model' },
  RC: { path: 'docs/security/controls.md', title: 'Risk controls' },
};

export function starterFile(prefix: string): { path: string; content: string } {
  const s = STARTERS[prefix] ?? { path: `docs/security/${prefix.toLowerCase()}.md`, title: prefix };
  return { path: s.path, content: `---\nkind: ${prefix}\n---\n# ${s.title}\n` };
}
