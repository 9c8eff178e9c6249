/**
 * Entry points declared in files rather than code (docs/attack-surface.md, Detectors): API
 * descriptions (OpenAPI/Swagger, AsyncAPI, Protocol Buffers), container and deployment
 * files (Dockerfile, Docker Compose, Kubernetes manifests) and package.json `bin`. Which
 * reader runs is decided by the file's name, then by its content (a YAML under `deploy/` that
 * starts with `openapi:` is read as OpenAPI). A file that is not what its name says gives
 * nothing; a syntax error gives one located problem.
 */
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import { detectAsyncApi } from './asyncapi';
import { detectCompose } from './compose';
import { detectDockerfile } from './dockerfile';
import { detectKubernetes } from './kubernetes';
import { detectOpenApi } from './openapi';
import { detectPackageBin } from './packageBin';
import { detectProto } from './proto';
import { capProblems } from './specTree';

export { detectPackageBin };

const API_NAME = /^(?:(?:openapi|swagger|asyncapi)[^/]*|[^/]+\.openapi)\.(?:ya?ml|json)$/i;
const DOCKERFILE_NAME = /^(?:Dockerfile(?:\.[^/]+)?|Containerfile|[^/]+\.dockerfile)$/i;
const COMPOSE_NAME = /^(?:docker-compose[^/]*|compose)\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const MANIFEST_FOLDERS = new Set(['k8s', 'kubernetes', 'manifests', 'deploy']);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A `.yaml`/`.yml` under a folder named `k8s`, `kubernetes`, `manifests`, `deploy` or `helm/templates`. */
export function isManifestPath(path: string): boolean {
  if (!YAML_NAME.test(path)) return false;
  const dirs = path.split('/').slice(0, -1);
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i].toLowerCase();
    if (MANIFEST_FOLDERS.has(d)) return true;
    if (d === 'helm' && dirs[i + 1]?.toLowerCase() === 'templates') return true;
  }
  return false;
}

export type SpecKind = 'api' | 'dockerfile' | 'compose' | 'proto' | 'manifest';

/** Which reader a workspace-relative path goes to, by its name only. */
export function specKindOf(path: string): SpecKind | undefined {
  const name = baseName(path);
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (/\.proto$/i.test(name)) return 'proto';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (API_NAME.test(name)) return 'api';
  if (isManifestPath(path)) return 'manifest';
  return undefined;
}

/** A cheap name test: whether {@link detectSpecSurface} reads this file (package.json aside: see {@link detectPackageBin}). */
export function isEntryPointSpec(path: string): boolean {
  return specKindOf(path) !== undefined;
}

/**
 * What an API description says it is, by its top-level key: a YAML key at the start of a
 * line (`openapi:`, `asyncapi:`), a JSON key anywhere in the first 200 KB (minified files too).
 */
function apiKind(file: string, source: string): 'openapi' | 'asyncapi' | undefined {
  const head = source.slice(0, 200_000);
  const json = /\.json$/i.test(file);
  if (json ? /"asyncapi"\s*:/.test(head) : /^["']?asyncapi["']?[ \t]*:/m.test(head)) return 'asyncapi';
  if (json ? /"(?:openapi|swagger)"\s*:/.test(head) : /^["']?(?:openapi|swagger)["']?[ \t]*:/m.test(head))
    return 'openapi';
  return undefined;
}

/** The surface one declarative file contributes (by its name, then its content). Never throws. */
export function detectSpecSurface(file: string, text: string, options: DetectorOptions): FileSurface {
  return capProblems(detectByKind(file, text, options));
}

function detectByKind(file: string, text: string, options: DetectorOptions): FileSurface {
  try {
    if (baseName(file) === 'package.json') return detectPackageBin(file, text, options);
    const kind = specKindOf(file);
    switch (kind) {
      case 'dockerfile':
        return detectDockerfile(file, text, options);
      case 'compose':
        return detectCompose(file, text, options);
      case 'proto':
        return detectProto(file, text, options);
      case 'api':
      case 'manifest': {
        const api = apiKind(file, text);
        if (api === 'openapi') return detectOpenApi(file, text, options);
        if (api === 'asyncapi') return detectAsyncApi(file, text, options);
        return kind === 'manifest' ? detectKubernetes(file, text, options) : emptySurface();
      }
      default:
        return emptySurface();
    }
  } catch (e) {
    const surface = emptySurface();
    surface.problems.push({
      message: `${file}: its entry points could not be read (${e instanceof Error ? e.message : String(e)})`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    });
    return surface;
  }
}
