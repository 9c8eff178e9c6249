import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { indexWorkspace } from '../core/indexer';
import { byId, itemViews } from '../core/itemView';
import { buildReportModel } from '../core/report/buildReport';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { buildJsonReport } from '../output/json';
import { engineFor, fixturePath, REPO_ROOT } from '../testing/workspaces';
import { coverageReport, FolderContext, traceTree } from './views';

const folder = (engine: FolderContext['engine']): FolderContext => ({
  engine,
  name: 'ws',
  uriString: 'file:///ws',
  indexing: false,
  text: () => undefined,
  uri: (p) => `file:///ws/${p}`,
});

/** Every host reads core/itemView.ts: JSON, the report's matrix, the trace tree and the coverage gaps agree item by item. */
for (const [name, root] of [
  ['examples', path.join(REPO_ROOT, 'examples', 'remote-monitoring')],
  ['all-findings', fixturePath('all-findings')],
  ['soup', fixturePath(path.join('soup', 'workspace-check'))],
]) {
  test(`JSON, report, trace tree and coverage gaps show the same status, coverage and unmet needs (${name})`, async () => {
    const engine = await indexWorkspace(new FileSystemWorkspace(root));
    const views = itemViews(engine);
    assert.ok(views.length > 0);
    const json = new Map(buildJsonReport(engine).items.map((i) => [i.id, i]));
    const report = new Map(
      buildReportModel(engine, { tool: { name: 'seclife', version: '0' }, project: name }).items.map((i) => [i.id, i]),
    );
    const tree = new Map(
      traceTree([folder(engine)], {})
        .folders[0].kinds.flatMap((k) => k.items)
        .map((i) => [i.id, i]),
    );
    const gaps = new Map(coverageReport([folder(engine)]).gaps.map((g) => [g.id, g]));
    for (const v of views) {
      const [j, r, t] = [json.get(v.id)!, report.get(v.id)!, tree.get(v.id)!];
      assert.deepEqual([j.status, r.status, t.status], [v.status, v.status, v.status], v.id);
      assert.deepEqual([t.covered, r.unmet.length === 0, !gaps.has(v.id)], [v.covered, v.covered, v.covered], v.id);
      assert.deepEqual([gaps.get(v.id)?.missing ?? [], t.missing], [r.unmet, r.unmet], v.id);
      assert.deepEqual(r.unmet, v.unmet, v.id);
      assert.deepEqual([[...new Set(j.links.map((l) => l.target))].sort(byId), r.up], [v.up, v.up], v.id);
      assert.equal(r.suspect, v.suspects.length, v.id);
    }
    const covered = views.filter((v) => v.covered).length;
    assert.equal(
      covered,
      Object.values(engine.coverage()).reduce((n, c) => n + c.covered, 0),
      'engine coverage counts the same items',
    );
  });
}

test('the gaps-only tree holds exactly the items that are not covered', async () => {
  const engine = await engineFor({
    'docs/req.md': '## SR-1: Covered\n\n## SR-2: Gap\n',
    'src/a.ts': '// @implements SR-1\nexport function a() {}\n',
    'test/a.test.ts': '// @verifies SR-1\n',
  });
  const items = traceTree([folder(engine)], { gapsOnly: true }).folders[0].kinds.flatMap((k) => k.items);
  assert.deepEqual(
    items.map((i) => [i.id, i.covered]),
    [['SR-2', false]],
  );
});

test('a trace-tree item says what it misses, an invalid required attribute included (the tooltip read needs against met)', async () => {
  const engine = await engineFor({
    'docs/if.md': '## IF-1: Export\nExposure: public\nAssets: records\n',
    'src/a.ts': '// @interface IF-1\nexport function a() {}\n',
    'test/a.test.ts': '// @verifies IF-1\n',
  });
  const [item] = traceTree([folder(engine)], { kinds: ['IF'] }).folders[0].kinds.flatMap((k) => k.items);
  assert.deepEqual(
    [item.id, item.covered, item.met, item.missing],
    ['IF-1', false, ['implemented', 'verified'], ['valid Exposure']],
  );
});
