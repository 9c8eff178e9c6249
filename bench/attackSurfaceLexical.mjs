#!/usr/bin/env node
// The Python and C entry-point detectors (server/src/core/attackSurface/python, /c) on a
// generated corpus of 1,000 files: four in five are ordinary code without an entry point
// (the pre-check should skip them), the others are small Flask / FastAPI / Django apps or
// C socket / embedded servers. Prints files/s and MB/s per language. Asserts nothing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'server', 'out', 'core', 'attackSurface');
if (!existsSync(join(out, 'python', 'pythonSurface.js')))
  throw new Error('server/out is missing: run npm run build first');
const require = createRequire(import.meta.url);
const { detectPythonSurface } = require(join(out, 'python', 'pythonSurface.js'));
const { detectCSurface } = require(join(out, 'c', 'cSurface.js'));
const { ALL_DETECTORS } = require(join(out, 'detectorOptions.js'));

const FILES = 1000;

function pythonPlain(i) {
  const body = Array.from(
    { length: 60 },
    (_, j) =>
      `def helper_${i}_${j}(values, scale=${j}):\n    """Scale the values."""\n    return [v * scale for v in values if v > ${j}]  # note ${j}\n`,
  );
  return `import math\nfrom dataclasses import dataclass\n\n${body.join('\n')}`;
}

function pythonApp(i) {
  const routes = Array.from(
    { length: 20 },
    (_, j) =>
      `# @interface IF-${j}\n@bp.route("/r${j}/<int:id>", methods=["GET", "POST"])\ndef view_${j}(id):\n    return str(id)\n`,
  );
  return `from flask import Blueprint, Flask\nbp = Blueprint("b${i}", __name__, url_prefix="/p${i}")\n${routes.join('\n')}\napp = Flask(__name__)\napp.register_blueprint(bp)\napp.run(host="0.0.0.0", port=${5000 + (i % 100)})\n`;
}

function cPlain(i) {
  const body = Array.from(
    { length: 60 },
    (_, j) =>
      `/* compute ${j} */\nstatic int calc_${i}_${j}(const int *v, int n)\n{\n    int s = 0;\n    for (int k = 0; k < n; k++) s += v[k] * ${j};\n    return s;\n}\n`,
  );
  return `#include <stdio.h>\n\n${body.join('\n')}`;
}

function cApp(i) {
  const handlers = Array.from(
    { length: 20 },
    (_, j) => `static int h${j}(struct mg_connection *c, void *d) { return 200; }\n`,
  );
  const regs = Array.from({ length: 20 }, (_, j) => `    mg_set_request_handler(ctx, "/api/${j}", h${j}, NULL);\n`);
  return `#include <sys/socket.h>\n${handlers.join('')}\nint main(int argc, char **argv)\n{\n    int fd = socket(AF_INET, SOCK_STREAM, 0);\n    struct sockaddr_in a;\n    a.sin_addr.s_addr = htonl(INADDR_ANY);\n    a.sin_port = htons(${8000 + (i % 100)});\n    bind(fd, (struct sockaddr *)&a, sizeof a);\n${regs.join('')}    return 0;\n}\n`;
}

function corpus(plain, app) {
  return Array.from({ length: FILES }, (_, i) => (i % 5 === 4 ? app(i) : plain(i)));
}

function measure(label, files, ext, detect) {
  const bytes = files.reduce((n, f) => n + f.length, 0);
  let entries = 0;
  for (let i = 0; i < 50; i++) detect(`warm${i}.${ext}`, files[i], ALL_DETECTORS); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < files.length; i++) entries += detect(`f${i}.${ext}`, files[i], ALL_DETECTORS).entryPoints.length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const perS = Math.round((files.length / ms) * 1000);
  const mbS = (bytes / 1e6 / (ms / 1000)).toFixed(1);
  console.log(
    `${label}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${entries} entry points in ${ms.toFixed(0)} ms — ${perS} files/s, ${mbS} MB/s`,
  );
}

measure('python', corpus(pythonPlain, pythonApp), 'py', detectPythonSurface);
measure('c', corpus(cPlain, cApp), 'c', detectCSurface);
