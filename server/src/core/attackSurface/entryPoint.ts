/**
 * The attack surface as the core knows it (docs/attack-surface.md): entry points found
 * statically in code and in declarative files — never by running anything — with what
 * joins them across files (routers, blueprints, controllers mounted under a prefix).
 *
 * A detector turns one file's text into a {@link FileSurface}; the attack-surface state
 * (attackSurfaceState.ts) joins every file's surface, resolves mounts to full paths, links
 * entry points to IF items and threats, and reports the findings.
 */
import type { Range } from '../findings';

/** What an entry point is: how data or commands get in. */
export type EntryPointKind = 'http' | 'socket' | 'message' | 'rpc' | 'cli' | 'ipc';

/** Where a listener binds: all addresses (`0.0.0.0`, `::`, or a default that means it), loopback, another address, or not known. */
export type Bind = 'all' | 'loopback' | 'unspecified' | { address: string };

/**
 * One entry point. For an HTTP route inside a router the `path` is the route's own
 * (`/:id`); the state joins it with the prefixes the router is mounted under.
 */
export interface EntryPoint {
  kind: EntryPointKind;
  /**
   * The detector family that found it (docs/attack-surface.md, Detectors): `express`,
   * `fastify`, `koa`, `nest`, `next`, `node-net`, `websocket`, `socket.io`, `mqtt`, `grpc`,
   * `electron`, `cli-js`, `package-bin`, `flask`, `fastapi`, `django`, `aiohttp`,
   * `python-socket`, `python-cli`, `c-socket`, `c-main`, `c-embedded`, `openapi`,
   * `asyncapi`, `proto`, `dockerfile`, `kubernetes`, `compose`, `custom`.
   */
  framework: string;
  /** HTTP method in upper case (`GET`, `POST`, `ALL` for every method, `WS` for a WebSocket upgrade route). */
  method?: string;
  /**
   * HTTP path, message topic/channel, RPC `Service/Method`, CLI command (`seclife check`),
   * IPC channel. Path parameters as written (`/:id`, `/<int:id>`, `/{id}`). A part that is
   * not a constant is `*` and `dynamic` is set.
   */
  path?: string;
  /** The path (or topic) holds a part Seclife could not read as a constant (a variable, a template with `${…}`). */
  dynamic?: boolean;
  /** TCP/UDP port when it is a constant; `protocol` says which. */
  port?: number;
  protocol?: 'tcp' | 'udp';
  bind: Bind;
  /** The file and range of the registration statement (the call, decorator or spec entry). */
  file: string;
  range: Range;
  /** The handler's declaration, when it is a function declared in the same file. */
  handler?: Range;
  /** Middleware named in front of it where it is syntactically visible (`requireAuth`, `passport.authenticate`), route-level first. */
  middleware: string[];
  /**
   * The line spans where an `@interface IF-x` annotation declares this entry point: the
   * comment block directly above the registration statement (decorators included) and the
   * statement's own lines; the same for the handler declaration (docs/attack-surface.md,
   * Declaring). 1-based, inclusive.
   */
  declaredAt: Array<{ line: number; endLine: number }>;
  /** The router (blueprint, controller, plugin) it is registered on, by {@link RouterDef.key} in the same file. */
  router?: string;
  /** The application or server object it is registered on (its variable name), for bind addresses found at `listen`. */
  app?: string;
}

/**
 * Something routes are registered on that is itself mounted somewhere: an Express
 * `Router()`, a function returning one, a Fastify plugin, a Koa router, a NestJS
 * controller, a Flask blueprint, a FastAPI `APIRouter`, a Django `urlpatterns` module.
 */
export interface RouterDef {
  /** Unique within the file: the variable, function or class name (`router`, `vitalsRouter`, `UsersController`, `urlpatterns`). */
  key: string;
  /** Its own prefix (`APIRouter(prefix="/users")`, `Blueprint(url_prefix=…)`, `@Controller('users')`, a Koa `new Router({prefix})`). */
  prefix?: string;
  /** The names other files import it by (`default` for a default export; Python: the module-level name). */
  exportedAs: string[];
  range: Range;
  /** Where an `@interface` declares every route of it (its definition's comment block and first line). */
  declaredAt: Array<{ line: number; endLine: number }>;
  /** Middleware applied to every route of it (`router.use(requireAuth)`). */
  middleware: string[];
}

/** What a mount names: a router of the same file, or one imported from a module. */
export type RouterRef = { local: string } | { module: string; export: string };

/** `app.use('/api', router)`, `app.register(plugin, {prefix})`, `app.register_blueprint(bp, url_prefix=…)`, `include_router`, Django `include()`. */
export interface Mount {
  /** The mounted router. */
  target: RouterRef;
  /** The prefix it is mounted under (`''` for none). */
  prefix: string;
  /** The prefix holds a part that is not a constant. */
  dynamic?: boolean;
  /** The router it is mounted on (key in this file), or absent for the application itself. */
  on?: string;
  /** The application object it is mounted on, when not a router. */
  app?: string;
  file: string;
  range: Range;
  declaredAt: Array<{ line: number; endLine: number }>;
  middleware: string[];
}

/** A module-level import that may name a router: `import { adminRouter } from './api/admin.js'`, `from .views import bp`. */
export interface SurfaceImport {
  local: string;
  /** The module as written (`./api/admin.js`, `.views`, `app.urls`). */
  module: string;
  /** The exported name (`default` for a default import, `*` for a namespace). */
  export: string;
}

/** Where an application object listens: `app.listen(3000, '127.0.0.1')`, `server.listen(port)`, `uvicorn.run(app, host=…)`. */
export interface Listener {
  /** The application or server variable it is called on (or that is passed to it). */
  app?: string;
  port?: number;
  bind: Bind;
  file: string;
  range: Range;
}

/** What one file contributes to the attack surface. */
export interface FileSurface {
  entryPoints: EntryPoint[];
  routers: RouterDef[];
  mounts: Mount[];
  imports: SurfaceImport[];
  listeners: Listener[];
  /** What the detector could not read (an unparseable spec, a path it gave up on), each located. */
  problems: Array<{ message: string; range: Range }>;
}

export function emptySurface(): FileSurface {
  return { entryPoints: [], routers: [], mounts: [], imports: [], listeners: [], problems: [] };
}

/** Whether a file's surface holds nothing (the index then carries no `surface`). */
export function isEmptySurface(s: FileSurface): boolean {
  return (
    s.entryPoints.length === 0 &&
    s.routers.length === 0 &&
    s.mounts.length === 0 &&
    s.listeners.length === 0 &&
    s.problems.length === 0
  );
}

/** `0.0.0.0`, `::`, `*`, `[::]` and the empty host bind all addresses; `localhost`, `127.x`, `::1` are loopback. */
export function bindOf(host: string | undefined): Bind {
  if (host === undefined) return 'unspecified';
  const h = host.trim().toLowerCase();
  if (h === '' || h === '0.0.0.0' || h === '::' || h === '[::]' || h === '*' || h === '0') return 'all';
  if (h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h))
    return 'loopback';
  return { address: host.trim() };
}

/** `GET /api/v1/login`, `socket tcp 8443`, `message rpm/+/vitals`, `rpc Vitals/Get`, `cli seclife check`, `ipc save-file`. */
export function entryPointLabel(e: Pick<EntryPoint, 'kind' | 'method' | 'path' | 'port' | 'protocol'>): string {
  switch (e.kind) {
    case 'http':
      return `${e.method ?? 'ALL'} ${e.path ?? '*'}`;
    case 'socket':
      return `socket ${e.protocol ?? 'tcp'} ${e.port ?? '*'}${e.path ? ` ${e.path}` : ''}`;
    default:
      return `${e.kind} ${e.path ?? '*'}`;
  }
}
