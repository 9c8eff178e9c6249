import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';

const config = {
  advisories: ['security/osv/*.json', 'security/audit.json'],
  manifests: ['package.json', 'services/*/pom.xml'],
  vex: ['security/vex/*.openvex.json'],
};

test('an advisories, manifests or vex glob that matches no file is a config-error at the glob', async () => {
  const text = JSON.stringify(config, null, 2);
  const engine = await engineFor({
    'seclife.json': text,
    'package.json': '{"name":"app","dependencies":{}}\n',
    'security/audit.json': '{"auditReportVersion":2,"vulnerabilities":{}}\n',
  });
  const errors = engine.findings().filter((f) => f.code === 'config-error' && f.file === 'seclife.json');
  assert.deepEqual(
    errors.map((f) => f.message),
    [
      'advisories[0] "security/osv/*.json" matches no file: no advisories from it are checked (fix the glob, or add the file)',
      'manifests[1] "services/*/pom.xml" matches no file: no dependencies from it are checked (fix the glob, or add the file)',
      'vex[0] "security/vex/*.openvex.json" matches no file: no vulnerability decisions are read from it (fix the glob, or add the file)',
    ],
  );
  // At the glob's string in seclife.json.
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('"security/osv/*.json"')) + 1;
  assert.equal(errors[0].line, at);
  assert.equal(errors[0].column, lines[at - 1].indexOf('"') + 1);
  assert.equal(errors[0].severity, 'error');
  // The editor shows it in seclife.json.
  assert.equal(engine.findingsFor('seclife.json').filter((f) => f.code === 'config-error').length, 3);
});

test('a glob that matches a file is no finding, and adding the file clears it', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({ advisories: ['security/*.json'] }),
    'package.json': '{"name":"app","dependencies":{}}\n',
  });
  assert.equal(engine.findings().filter((f) => f.code === 'config-error').length, 1);
  const index = engine.parse('security/osv.json', '[]\n');
  assert.ok(index);
  engine.apply([index]);
  assert.equal(engine.findings().filter((f) => f.code === 'config-error').length, 0);
});
