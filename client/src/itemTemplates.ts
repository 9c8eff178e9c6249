/** New items from the server's kind templates (`seclife/kinds`; pure: no vscode import, unit-tested). */
import type { KindTemplate } from '../../server/src/protocol';

/** The next free ID of a kind: one above the highest number in use, keeping the usual zero padding. */
export function nextFreeId(prefix: string, existing: string[]): string {
  let max = 0;
  let width = 3;
  for (const id of existing) {
    if (!id.startsWith(`${prefix}-`)) continue;
    const digits = id.slice(prefix.length + 1);
    if (!/^\d+$/.test(digits)) continue;
    max = Math.max(max, Number(digits));
    width = digits.length;
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

/** Text inside a snippet (outside placeholders' choices): `$`, `}` and `\` are literal. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** One choice of a `${n|a,b|}` list: `,`, `|` and `\` are literal. */
function choiceText(text: string): string {
  return text.replace(/[,|\\]/g, (c) => `\\${c}`);
}

/**
 * A snippet (VS Code snippet syntax) for a heading item: `## ID: Title`, one line per
 * template attribute (a choice of its allowed values, or its placeholder), a blank line and
 * the description. Text from the configuration is escaped, so it is inserted as written.
 */
export function itemSnippet(template: KindTemplate, id: string, level = 2): string {
  let tab = 1;
  const lines = [`${'#'.repeat(level)} ${snippetText(id)}: \${${tab++}:Title}`];
  for (const a of template.attributes) {
    const value = a.values?.length
      ? `\${${tab++}|${a.values.map(choiceText).join(',')}|}`
      : `\${${tab++}${a.placeholder ? `:${snippetText(a.placeholder)}` : ''}}`;
    lines.push(`${snippetText(a.key)}: ${value}`);
  }
  return `${lines.join('\n')}\n\n\${0:${snippetText(template.description)}}\n`;
}
