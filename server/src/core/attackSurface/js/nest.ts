/**
 * NestJS controllers and gateways (docs/attack-surface.md, Detectors: nest):
 * `@Controller('users')` (a RouterDef, prefix `users`) with `@Get(':id')`, `@Post()` …
 * methods (routes on it), `@MessagePattern` / `@EventPattern` (message), `@WebSocketGateway(port?)`
 * (a socket when it has its own port) with `@SubscribeMessage('evt')` (message).
 * `@UseGuards(…)` / `@UseInterceptors(…)` name the middleware.
 */
import type ts from 'typescript';
import type { RouterDef } from '../entryPoint';
import { addEntry } from './jsEmit';
import { type JsContext, unwrap } from './jsContext';

const ROUTE_DECORATORS = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Options', 'OPTIONS'],
  ['Head', 'HEAD'],
  ['All', 'ALL'],
]);

interface Decorated {
  name: string;
  node: ts.Decorator;
  args: readonly ts.Expression[];
}

function decoratorsOf(ctx: JsContext, node: ts.Node): Decorated[] {
  const t = ctx.ts;
  const list = t.canHaveDecorators(node) ? (t.getDecorators(node) ?? []) : [];
  const out: Decorated[] = [];
  for (const d of list) {
    const e = d.expression;
    const callee = t.isCallExpression(e) ? e.expression : e;
    const name = t.isIdentifier(callee) ? callee.text : t.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const mod = ctx.moduleOf(callee);
    if (!mod?.startsWith('@nestjs/')) continue;
    out.push({ name, node: d, args: t.isCallExpression(e) ? e.arguments : [] });
  }
  return out;
}

function guards(ctx: JsContext, decorators: Decorated[]): string[] {
  return decorators
    .filter((d) => d.name === 'UseGuards' || d.name === 'UseInterceptors')
    .flatMap((d) => ctx.middlewareNames(d.args));
}

export function nestClass(ctx: JsContext, cls: ts.ClassDeclaration): void {
  const t = ctx.ts;
  const own = decoratorsOf(ctx, cls);
  if (own.length === 0 && !cls.members.some((m) => decoratorsOf(ctx, m).length > 0)) return;
  const className = cls.name?.text ?? 'default';
  const controller = own.find((d) => d.name === 'Controller');
  const gateway = own.find((d) => d.name === 'WebSocketGateway');
  let def: RouterDef | undefined;
  if (controller && ctx.enabled('nest')) {
    const arg = controller.args[0];
    const prefixNode = arg && t.isObjectLiteralExpression(unwrap(t, arg)) ? ctx.property(arg, 'path') : arg;
    const prefix = prefixNode ? ctx.pathArgument(prefixNode).text : undefined;
    def = {
      key: className,
      ...(prefix !== undefined && { prefix }),
      exportedAs: ctx.exportsOf(className, cls),
      range: ctx.range(cls),
      declaredAt: [ctx.headerSpan(cls)],
      middleware: guards(ctx, own),
    };
    ctx.routerDefs.set(className, def);
    ctx.surface.routers.push(def);
  }
  if (gateway) {
    const first = gateway.args[0];
    const port = first && !t.isObjectLiteralExpression(unwrap(t, first)) ? ctx.portOf(first) : undefined;
    if (port !== undefined)
      addEntry(ctx, gateway.node, {
        kind: 'socket',
        framework: 'nest',
        port,
        protocol: 'tcp',
        bind: 'all',
        app: className,
      });
  }
  for (const member of cls.members) {
    if (!t.isMethodDeclaration(member)) continue;
    const decorators = decoratorsOf(ctx, member);
    const middleware = guards(ctx, decorators);
    for (const d of decorators) {
      const method = ROUTE_DECORATORS.get(d.name);
      if (method && def) {
        const arg = d.args[0];
        const a = arg && unwrap(t, arg);
        const paths =
          a && t.isArrayLiteralExpression(a)
            ? a.elements.map((e) => ctx.pathArgument(e))
            : [arg ? ctx.pathArgument(arg) : { text: '/', dynamic: false }];
        for (const path of paths) {
          addEntry(ctx, d.node, {
            kind: 'http',
            framework: 'nest',
            method,
            path: path.text === '' ? { text: '/', dynamic: false } : path,
            handlerDeclaration: member,
            middleware,
            routerKey: def.key,
          });
        }
      } else if (d.name === 'MessagePattern' || d.name === 'EventPattern' || d.name === 'SubscribeMessage') {
        addEntry(ctx, d.node, {
          kind: 'message',
          framework: 'nest',
          path: patternOf(ctx, d.args[0]),
          handlerDeclaration: member,
          middleware,
        });
      }
    }
  }
}

/** `'sum'`, `{ cmd: 'sum' }` → `cmd=sum` , anything else `*`. */
function patternOf(ctx: JsContext, arg: ts.Node | undefined): { text: string; dynamic: boolean } {
  const t = ctx.ts;
  if (!arg) return { text: '*', dynamic: true };
  const a = unwrap(t, arg);
  if (t.isObjectLiteralExpression(a)) {
    const parts: string[] = [];
    let dynamic = false;
    for (const p of a.properties) {
      if (!t.isPropertyAssignment(p) || !(t.isIdentifier(p.name) || t.isStringLiteralLike(p.name))) continue;
      const v = ctx.constantString(p.initializer);
      if (v === undefined) dynamic = true;
      parts.push(`${p.name.text}=${v ?? '*'}`);
    }
    return { text: parts.join(',') || '*', dynamic: dynamic || parts.length === 0 };
  }
  return ctx.pathArgument(a);
}
