import { Rule } from './ruleTypes';

/** File name of a rule's help page under docs/rules/ (`js/eval-dynamic` → `js-eval-dynamic.md`). */
export function ruleDocFile(id: string): string {
  return `${id.replace('/', '-')}.md`;
}

const FENCE: Record<string, string> = { js: 'ts', py: 'python', c: 'c' };

/** The Markdown help of a rule: what, why, CWE link, bad and good example (docs/rules, SARIF help, hovers). */
export function ruleHelpMarkdown(rule: Rule): string {
  const lang = FENCE[rule.id.split('/')[0]] ?? '';
  const cwe = rule.cwe.map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`).join(', ');
  return [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Default severity: **${rule.severity}** · precision: ${rule.precision} · security severity: ${rule.securitySeverity} · ${cwe}`,
    '',
    rule.description,
    '',
    '## Reported',
    '',
    '```' + lang,
    rule.bad,
    '```',
    '',
    '## Safe',
    '',
    '```' + lang,
    rule.good,
    '```',
    '',
    '## Suppressing',
    '',
    `When the code is safe for a reason the rule cannot see, say so next to it: \`seclife-ignore-next-line ${rule.id} -- <why this is safe>\` (the justification is required).`,
    '',
  ].join('\n');
}
