import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as protocol from './protocol';
import { REPO_ROOT } from './testing/workspaces';

/** `{ trace: { server: 'off' } }` → `[['trace.server', 'off']]`. */
function flatten(value: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(value).flatMap(
    ([k, v]): Array<[string, unknown]> =>
      v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0
        ? flatten(v, `${prefix}${k}.`)
        : [[`${prefix}${k}`, v]],
  );
}

test('the settings type is package.json contributes.configuration: the same keys and defaults', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
  const declared = Object.entries(properties)
    .map(([key, p]): [string, unknown] => [key, p.default])
    .sort();
  const typed = flatten(protocol.DEFAULT_SETTINGS)
    .map(([key, v]): [string, unknown] => [`${protocol.SETTINGS_SECTION}.${key}`, v])
    .sort();
  assert.deepEqual(typed, declared);
});

test('every custom request is a RequestType with its own seclife/ method', () => {
  const methods = Object.entries(protocol)
    .filter(([name]) => name.endsWith('Request'))
    .map(([name, value]) => {
      assert.equal(typeof (value as { method?: unknown }).method, 'string', name);
      return (value as { method: string }).method;
    });
  assert.deepEqual(methods.sort(), [
    'seclife/coverage',
    'seclife/findings',
    'seclife/kinds',
    'seclife/reindex',
    'seclife/sarif',
    'seclife/traceTree',
    'seclife/vulnerabilities',
  ]);
});
