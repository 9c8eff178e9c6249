/** Package URLs (purl specification: `pkg:type/namespace/name@version?qualifiers#subpath`), as SBOMs give them. */
import { normalizePypiName } from '../manifestCommon';

export interface PackageUrl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Splits a package URL (`pkg:npm/%40scope/name@1.2.3?q=v#sub`); undefined when it is not one. */
export function parsePurl(purl: string): PackageUrl | undefined {
  const m = /^pkg:\/*([A-Za-z][A-Za-z0-9.+-]*)\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(purl.trim());
  if (!m) return undefined;
  let path = m[2].replace(/(?<!\/)\/+$/, '');
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > path.lastIndexOf('/') && at > 0) {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
  const name = segments.pop();
  if (!name) return undefined;
  const qualifiers: Record<string, string> = {};
  for (const pair of (m[3] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) qualifiers[pair.slice(0, eq).toLowerCase()] = decode(pair.slice(eq + 1));
  }
  const out: PackageUrl = { type: m[1].toLowerCase(), name, qualifiers };
  if (segments.length > 0) out.namespace = segments.join('/');
  if (version) out.version = version;
  return out;
}

/** The ecosystem's name for a purl: `@scope/name` for npm, the PEP 503 name for PyPI, `namespace/name` else. */
export function purlPackageName(p: PackageUrl): string {
  if (p.type === 'pypi') return normalizePypiName(p.name);
  if (p.type === 'maven' && p.namespace) return `${p.namespace}:${p.name}`;
  return p.namespace ? `${p.namespace}/${p.name}` : p.name;
}
