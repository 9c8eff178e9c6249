#!/usr/bin/env node
// The declarative entry-point detectors (server/src/core/attackSurface/specs/) on a generated
// corpus of 1,000 files — OpenAPI (YAML and JSON), AsyncAPI, Compose, Dockerfiles, Kubernetes
// streams (Services, Ingresses and Deployments that give nothing), .proto files and names that
// are no spec at all — on the compiled engine (server/out). Prints files/s and entry points
// found; asserts nothing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'server', 'out', 'core', 'attackSurface', 'specs', 'specFiles.js');
if (!existsSync(out)) throw new Error('server/out is missing: run npm run build first');
const require = createRequire(import.meta.url);
const { detectSpecSurface, isEntryPointSpec } = require(out);
const options = { enabled: () => true, patterns: [] };

function openapi(i) {
  let t = `openapi: 3.0.3\ninfo: { title: api${i}, version: 1.0.0 }\nservers: [{ url: https://x.example/v1 }]\nsecurity: [{ bearer: [] }]\npaths:\n`;
  for (let p = 0; p < 40; p++)
    t += `  /r${p}/{id}:\n    # @interface IF-${p}\n    get:\n      summary: read ${p}\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n    post:\n      security: []\n      responses: { "201": { description: created } }\n`;
  return t;
}
function openapiJson(i) {
  const paths = {};
  for (let p = 0; p < 40; p++) paths[`/j${p}`] = { get: { responses: { 200: { description: 'ok' } } }, delete: {} };
  return JSON.stringify({ swagger: '2.0', info: { title: `j${i}`, version: '1' }, basePath: '/api', paths }, null, 2);
}
const asyncapi = (i) =>
  `asyncapi: 2.6.0\ninfo: { title: a${i}, version: 1.0.0 }\nchannels:\n${Array.from({ length: 20 }, (_, c) => `  dev/{id}/c${c}:\n    publish:\n      message: { payload: { type: string } }\n    subscribe:\n      message: { payload: { type: string } }\n`).join('')}`;
const compose = (i) =>
  `services:\n${Array.from({ length: 8 }, (_, s) => `  s${s}:\n    image: img${i}:${s}\n    environment: [A=1, B=2]\n    ports:\n      - "${8000 + s}:80"\n      - "127.0.0.1:${9000 + s}:9000"\n`).join('')}`;
const dockerfile = (i) =>
  `FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nRUN npm run build\n# @interface IF-${i}\nEXPOSE 8080 8443/tcp\nCMD ["node", "server.js"]\n`;
const k8s = (i) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d${i} }\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers: [{ name: c, image: img, ports: [{ containerPort: 80 }] }]\n---\napiVersion: v1\nkind: Service\nmetadata: { name: s${i} }\nspec:\n  type: ClusterIP\n  ports: [{ port: 80 }, { port: 443 }]\n---\nkind: Ingress\nspec:\n  rules: [{ host: h${i}.example, http: { paths: [{ path: /a }, { path: /b }] } }]\n`;
const deployment = (i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: only${i} }\nspec:\n  replicas: 1\n`;
const proto = (i) =>
  `syntax = "proto3";\npackage p${i};\n// c\nmessage M { string a = 1; }\nservice S${i} {\n${Array.from({ length: 10 }, (_, r) => `  // rpc doc\n  rpc R${r} (M) returns (M);\n`).join('')}}\n`;

const kinds = [
  [150, (i) => [`api${i}/openapi.yaml`, openapi(i)]],
  [50, (i) => [`api${i}/swagger.json`, openapiJson(i)]],
  [50, (i) => [`events${i}/asyncapi.yaml`, asyncapi(i)]],
  [100, (i) => [`svc${i}/docker-compose.yml`, compose(i)]],
  [150, (i) => [`svc${i}/Dockerfile`, dockerfile(i)]],
  [150, (i) => [`k8s/app${i}.yaml`, k8s(i)]],
  [100, (i) => [`deploy/only${i}.yaml`, deployment(i)]],
  [100, (i) => [`proto/p${i}.proto`, proto(i)]],
  [150, (i) => [`src/config${i}.yaml`, deployment(i)]],
];
const corpus = [];
for (const [n, make] of kinds) for (let i = 0; i < n; i++) corpus.push(make(i));
const bytes = corpus.reduce((s, [, t]) => s + t.length, 0);

function pass() {
  let entries = 0;
  let problems = 0;
  for (const [file, text] of corpus) {
    if (!isEntryPointSpec(file)) continue;
    const s = detectSpecSurface(file, text, options);
    entries += s.entryPoints.length;
    problems += s.problems.length;
  }
  return { entries, problems };
}

pass(); // warm-up
const runs = 5;
const start = process.hrtime.bigint();
let result;
for (let r = 0; r < runs; r++) result = pass();
const seconds = Number(process.hrtime.bigint() - start) / 1e9 / runs;
console.log(
  `attack-surface specs: ${corpus.length} files (${(bytes / 1e6).toFixed(1)} MB), ${result.entries} entry points, ${result.problems} problems`,
);
console.log(
  `  ${(seconds * 1000).toFixed(1)} ms per pass, ${Math.round(corpus.length / seconds)} files/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
);
// Per kind of file (the name's kind decides the reader).
const byKind = new Map();
for (const [file, text] of corpus) {
  const kind = file.replace(/(\D)\d+(?=[./])/g, '$1');
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) if (isEntryPointSpec(file)) detectSpecSurface(file, text, options);
  const k = byKind.get(kind) ?? { files: 0, ns: 0n, bytes: 0 };
  k.files++;
  k.bytes += text.length;
  k.ns += process.hrtime.bigint() - t0;
  byKind.set(kind, k);
}
for (const [kind, k] of byKind) {
  const s = Number(k.ns) / 1e9 / runs;
  console.log(
    `  ${kind.padEnd(22)} ${String(k.files).padStart(4)} files ${String(Math.round(k.files / s)).padStart(8)} files/s`,
  );
}
