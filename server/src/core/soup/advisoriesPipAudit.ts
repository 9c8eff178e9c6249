/**
 * pip-audit JSON reports (`pip-audit -f json`) → advisories (docs/vulnerabilities.md, Advisory
 * data). pip-audit 2.x writes `{ "dependencies": [ { "name", "version", "vulns": [ { "id",
 * "fix_versions", "aliases", "description" } ] } ], "fixes": [...] }`; older versions the bare
 * array of dependencies. Every package is a PyPI package. A dependency pip-audit could not audit
 * (`skip_reason`) becomes a note. The affected ranges are the installed version and the
 * versions up to the nearest fix (see `scannerAffected`).
 */
import { Node } from 'jsonc-parser';
import { encodeUriComponentSafe } from '../text';
import { firstLine, fixVersions, isObject, prop, Reader, scannerAffected, str, nodeValue } from './advisoryReader';

/** Whether a document is a pip-audit report: `{ dependencies: [...] }` or a bare array of `{ name, vulns }`. */
export function isPipAuditReport(root: Node): boolean {
  if (root.type === 'array') {
    const first = root.children?.[0];
    return (
      first !== undefined &&
      prop(first, 'name') !== undefined &&
      prop(first, 'id') === undefined &&
      (prop(first, 'vulns') !== undefined || prop(first, 'skip_reason') !== undefined)
    );
  }
  return prop(root, 'dependencies')?.type === 'array';
}

export function readPipAudit(reader: Reader, root: Node, notes: string[]): void {
  const list = root.type === 'array' ? root : prop(root, 'dependencies');
  for (const dependency of list?.children ?? [])
    reader.entry('a pip-audit dependency', dependency, () => readDependency(reader, dependency, notes));
}

function readDependency(reader: Reader, node: Node, notes: string[]): void {
  const d = nodeValue(node);
  const name = isObject(d) ? str(d.name) : undefined;
  if (!isObject(d) || !name) {
    reader.problem("a pip-audit dependency without a 'name'", node);
    return;
  }
  const skipped = str(d.skip_reason);
  if (skipped) {
    if (notes.length < 100) notes.push(`pip-audit did not audit ${name}: ${skipped}`);
    return;
  }
  const version = str(d.version);
  const vulns = prop(node, 'vulns');
  if (vulns === undefined) return;
  if (vulns.type !== 'array') {
    reader.problem(`pip-audit dependency '${name}': 'vulns' must be an array`, vulns);
    return;
  }
  for (const item of vulns.children ?? []) {
    const v = nodeValue(item);
    const id = isObject(v) ? str(v.id) : undefined;
    if (!isObject(v) || !id) {
      reader.problem(`pip-audit dependency '${name}': a vulnerability without an 'id'`, item);
      continue;
    }
    const aliases = [
      ...new Set(
        (Array.isArray(v.aliases) ? v.aliases : []).map((a) => str(a)).filter((a): a is string => !!a && a !== id),
      ),
    ];
    const description = str(v.description);
    reader.add(
      {
        id,
        aliases,
        ecosystem: 'pypi',
        package: name,
        affected: scannerAffected(version, fixVersions(v.fix_versions), 'pypi'),
        ...(description && { summary: firstLine(description) }),
        url: `https://osv.dev/vulnerability/${encodeUriComponentSafe(id)}`,
        source: 'pip-audit',
      },
      item,
    );
  }
}
