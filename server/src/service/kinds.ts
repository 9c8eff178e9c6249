import { KindConfig } from '../core/config';
import { KindInfo, KindsParams, KindsResult, KindTemplate } from '../protocol';
import { displayKey } from './completionItems';
import { ServiceContext } from './context';
import type { FolderContext } from './views';

/** Where the first items of the default kinds go, as `seclife init` lays them out (docs/vscode.md). */
const STARTERS: Record<string, { path: string; title: string }> = {
  SR: { path: 'docs/security/requirements.md', title: 'Security requirements' },
  TH: { path: 'docs/security/threats.md', title: 'Threat model' },
  RC: { path: 'docs/security/controls.md', title: 'Risk controls' },
};

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** The directory part of a glob before its first wildcard segment (`docs/security/**\/*.md` → `docs/security`). */
function staticDir(glob: string): string {
  const segments = glob.split('/');
  const out: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(s)) break;
    out.push(s);
  }
  return out.join('/');
}

/** A plain path inside the folder: relative, no `.`/`..` or empty segment, no `\\` or `:` (the client creates it). */
function insideFolder(p: string): boolean {
  if (p.includes('\\') || p.includes(':')) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * A path for a kind's first document that the folder reads as a lifecycle document: the
 * usual `docs/security/<name>.md`, else that name under the fixed part of a `documents` glob
 * (or the glob itself when it names one file), else the usual path.
 */
function starterPath(ctx: ServiceContext, wanted: string): string {
  const isDocument = (p: string) => insideFolder(p) && ctx.engine.filter.classify(p)?.role === 'document';
  if (isDocument(wanted)) return wanted;
  const base = wanted.slice(wanted.lastIndexOf('/') + 1);
  for (const glob of ctx.engine.config.documents) {
    const candidate = GLOB_CHARS.test(glob) ? [staticDir(glob), base].filter(Boolean).join('/') : glob;
    if (isDocument(candidate)) return candidate;
  }
  return wanted;
}

/** Attribute values as the folder's documents write them (`Spoofing`), by normalized attribute name and lower-case value. */
function writtenValues(ctx: ServiceContext): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const state of ctx.engine.items()) {
    for (const a of state.def.attributes) {
      const value = a.value.trim();
      if (!value) continue;
      const byValue = out.get(a.name) ?? out.set(a.name, new Map()).get(a.name)!;
      if (!byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), value);
    }
  }
  return out;
}

/** A new item's attribute block: required attributes, then links, then attributes with allowed values. */
export function kindTemplate(ctx: ServiceContext, kind: KindConfig, written = writtenValues(ctx)): KindTemplate {
  const names: string[] = [];
  for (const name of [...kind.required, ...Object.keys(kind.links), ...Object.keys(kind.allowed)]) {
    if (!names.includes(name)) names.push(name);
  }
  return {
    attributes: names.map((name) => {
      const allowed = kind.allowed[name];
      const target = kind.links[name]?.targets[0];
      return {
        key: displayKey(ctx, name),
        ...(allowed?.length ? { values: allowed.map((v) => written.get(name)?.get(v) ?? v) } : {}),
        placeholder: target ? `${target}-` : '',
        required: kind.required.includes(name),
      };
    }),
    description: 'Description.',
  };
}

function kindInfo(ctx: ServiceContext, kind: KindConfig, written: Map<string, Map<string, string>>): KindInfo {
  const starter = STARTERS[kind.prefix] ?? { path: `docs/security/${kind.prefix.toLowerCase()}.md`, title: kind.title };
  return {
    prefix: kind.prefix,
    title: kind.title,
    needs: [...kind.needs],
    starter: { path: starterPath(ctx, starter.path), content: `---\nkind: ${kind.prefix}\n---\n# ${starter.title}\n` },
    template: kindTemplate(ctx, kind, written),
  };
}

/** `seclife/kinds`: each folder's kinds (defaults and seclife.json `kinds`) with a template for new items. */
export function kindsReport(folders: FolderContext[], params: KindsParams): KindsResult {
  const selected = params.folderUri === undefined ? folders : folders.filter((f) => f.uriString === params.folderUri);
  return {
    indexing: folders.some((f) => f.indexing),
    folders: selected.map((ctx) => {
      const written = writtenValues(ctx);
      return {
        uri: ctx.uriString,
        name: ctx.name,
        documents: [...ctx.engine.config.documents],
        kinds: Object.values(ctx.engine.config.kinds).map((k) => kindInfo(ctx, k, written)),
      };
    }),
  };
}
