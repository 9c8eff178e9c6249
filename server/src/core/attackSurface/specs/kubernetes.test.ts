import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { blankTemplates, detectKubernetes } from './kubernetes';

const read = (text: string) => detectKubernetes('k8s/all.yaml', text, ALL_DETECTORS);

describe('Kubernetes manifests', () => {
  it('Service ports with their bind by type, in a multi-document stream', () => {
    const types = ['LoadBalancer', 'NodePort', 'ClusterIP', 'ExternalName'];
    const text = types
      .map((t, i) => `kind: Service\nmetadata: { name: s${i} }\nspec:\n  type: ${t}\n  ports: [{ port: ${80 + i} }]\n`)
      .join('---\n');
    assert.deepEqual(
      read(text).entryPoints.map((e) => [entryPointLabel(e), e.bind, e.framework]),
      [
        ['socket tcp 80 s0', 'all', 'kubernetes'],
        ['socket tcp 81 s1', 'all', 'kubernetes'],
        ['socket tcp 82 s2', { address: 'cluster' }, 'kubernetes'],
        ['socket tcp 83 s3', { address: 'cluster' }, 'kubernetes'],
      ],
    );
  });
  it('Ingress paths: host/path with a host, /path without, / by default', () => {
    const text =
      'kind: Ingress\nspec:\n  rules:\n    - host: a.example\n      http:\n        paths: [{ path: /x }, { path: y }]\n    - http:\n        paths: [{ pathType: Prefix }]\n';
    assert.deepEqual(
      read(text).entryPoints.map((e) => [entryPointLabel(e), e.bind]),
      [
        ['ALL a.example/x', 'all'],
        ['ALL a.example/y', 'all'],
        ['ALL /', 'all'],
      ],
    );
  });
  it('a Deployment only is nothing, without a problem; a syntax error is one located problem', () => {
    const d = read('kind: Deployment\nspec:\n  ports: [{ port: 1 }]\n# Service\n');
    assert.deepEqual([d.entryPoints, d.problems], [[], []]);
    const bad = read(
      'kind: Service\nspec:\n  ports: [\n---\nkind: Service\nspec: {ports: [{port: 2}]}\n---\nkind: Ingress\n  x: [\n',
    );
    assert.equal(bad.problems.length, 1);
    assert.deepEqual(
      bad.entryPoints.map((e) => entryPointLabel(e)),
      ['socket tcp 2'],
    );
  });
  it('blanks Helm template actions keeping offsets and line breaks', () => {
    const src = 'a: {{ .Values.x }}\n{{- if .Values.y }}\nb: 1\n{{ end';
    const out = blankTemplates(src);
    assert.equal(out.length, src.length);
    assert.equal(out, `a: ${' '.repeat(15)}\n${' '.repeat(19)}\nb: 1\n${' '.repeat(6)}`);
  });
});
