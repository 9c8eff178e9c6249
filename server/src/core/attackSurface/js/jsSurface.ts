/**
 * The JS/TS entry-point detector (docs/attack-surface.md, Detectors: express, fastify, koa,
 * nest, next, node-net, websocket, socket.io, mqtt, grpc, electron, cli-js, custom).
 *
 * A bounded textual pre-check decides, without parsing, that most files register nothing:
 * only a file that imports a framework module, registers a `/`-path route, carries a NestJS
 * decorator, reads `process.argv`, names a custom pattern's callee, or is a Next.js route
 * file by its path is parsed. The TypeScript-based part loads on first use (it pulls in
 * the compiler), as core/rules/registry.ts does for the JS rules.
 */
import type { DetectorOptions } from '../detectorOptions';
import { type FileSurface, emptySurface } from '../entryPoint';
import type * as WalkModule from './jsSurfaceWalk';
import { isNextRouteFile } from './nextRoutes';

/**
 * Framework modules imported or required (`from 'express'`, `require("node:http")`), a route
 * with a path (`.get('/`), NestJS decorators, `process.argv`. Every alternative starts with
 * a fixed token and has no nested quantifier: linear.
 */
const TRIGGER =
  /(?:from|require\(|import\()\s*['"](?:node:)?(?:express|fastify|fastify-plugin|koa|@koa\/router|koa-router|@nestjs\/[a-z-]+|https?|http2|spdy|net|tls|dgram|ws|socket\.io|mqtt|async-mqtt|@grpc\/grpc-js|grpc|electron|commander|yargs|yargs\/yargs)['"]|\.(?:get|post|put|patch|delete|del|all|use|route|options|head)\(\s*['"`]\/|@(?:Controller|WebSocketGateway|MessagePattern|EventPattern)\(|process\.argv/;

let walk: typeof WalkModule | undefined;

/** Whether a JS/TS file may register an entry point (no parse). */
export function mayHaveJsSurface(file: string, text: string, options: DetectorOptions): boolean {
  if (isNextRouteFile(file)) return true;
  if (TRIGGER.test(text)) return true;
  for (const p of options.patterns)
    if ((!p.languages || p.languages.includes('js')) && p.callee !== '' && text.includes(p.callee)) return true;
  return false;
}

export function detectJsSurface(file: string, text: string, options: DetectorOptions): FileSurface {
  if (!mayHaveJsSurface(file, text, options)) return emptySurface();
  walk ??= require('./jsSurfaceWalk') as typeof WalkModule;
  return walk.walkJsSurface(file, text, options);
}
