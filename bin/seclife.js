#!/usr/bin/env node
'use strict';
// The seclife command (docs/ci.md, Command line). The bundle is built by `npm install` (prepare) or `npm run build`.
try {
  require('../dist/seclife.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]seclife\.js/.test(e.message)) {
    process.stderr.write('seclife: not built yet; run `npm install` (or `npm run build`) in the Seclife folder\n');
    process.exit(2);
  }
  throw e;
}
