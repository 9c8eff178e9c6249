import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, contextFor } from '../testing/serviceContext';
import { codeActions } from './codeActions';
import { diagnosticsFor } from './diagnostics';

test("a secure-coding finding offers a justified suppression in the file's comment syntax", async () => {
  const ctx = await contextFor({
    'src/a.ts': 'declare const x: string;\nfunction f() {\n  eval(x);\n}\n',
    'src/b.py': 'import subprocess\nsubprocess.run(c, shell=True)\n',
  });
  for (const [file, expected] of [
    ['src/a.ts', 'function f() {\n  // seclife-ignore-next-line js/eval-dynamic -- <why this is safe>\n  eval(x);'],
    ['src/b.py', '# seclife-ignore-next-line py/shell-true -- <why this is safe>\nsubprocess.run('],
  ]) {
    const d = diagnosticsFor(ctx, file).find((x) => String(x.code).includes('/'))!;
    const actions = codeActions(ctx, file, {
      textDocument: { uri: ctx.uri(file) },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    const after = applyEdits(ctx.text(file)!, suppress.edit!.changes![ctx.uri(file)]);
    assert.ok(after.includes(expected), after);
    // The inserted suppression still needs a real reason, but it silences the finding.
    ctx.edit(file, after);
    assert.ok(ctx.engine.findingsFor(file).find((f) => f.code.includes('/'))?.suppression);
  }
});
