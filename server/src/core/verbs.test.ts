import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConfig } from './configLoader';
import { REPO_ROOT } from '../testing/workspaces';
import {
  ANNOTATION_BEFORE_CURSOR,
  ANNOTATION_PATTERN,
  isVerb,
  VERB_CANDIDATE,
  VERB_NAMES,
  VERB_TOKEN_PATTERN,
  verbCountsIn,
  verbMayName,
  VERBS,
} from './verbs';

test('the verb table has one row per verb name', () => {
  assert.deepEqual(Object.keys(VERBS), [...VERB_NAMES]);
  assert.ok(isVerb('mitigates'));
  assert.ok(!isVerb('link') && !isVerb('justification') && !isVerb('toString'));
});

test('which kinds each verb may name, and where it counts (default kinds)', () => {
  const { kinds } = parseConfig(undefined).config;
  const named = Object.fromEntries(
    VERB_NAMES.map((v) => [
      v,
      Object.values(kinds)
        .filter((k) => verbMayName(v, k))
        .map((k) => k.prefix),
    ]),
  );
  assert.deepEqual(named, {
    implements: ['SR', 'RC', 'IF'],
    verifies: ['SR', 'RC', 'IF'],
    mitigates: ['TH'],
    interface: ['IF'],
  });
  assert.equal(verbMayName('implements', undefined), false);
  assert.deepEqual(
    VERB_NAMES.map((v) => `${v}:${verbCountsIn(v, true)}/${verbCountsIn(v, false)}`),
    ['implements:false/true', 'verifies:true/false', 'mitigates:false/true', 'interface:false/true'],
  );
});

test('the patterns built from the table', () => {
  assert.ok(VERB_CANDIDATE.test('x // @interface IF-1') && !VERB_CANDIDATE.test('@implementsX'));
  const content = ' @implements SR-1, SR-2 -- note @verifies SR-3 a@mitigates TH-1';
  assert.deepEqual(
    [...content.matchAll(new RegExp(ANNOTATION_PATTERN.source, ANNOTATION_PATTERN.flags))].map(
      (m) => `${m[1]}|${m[2]}`,
    ),
    ['implements|SR-1, SR-2 -- note ', 'verifies|SR-3 a'],
  );
  assert.deepEqual(ANNOTATION_BEFORE_CURSOR.exec('// @mitigates TH-1, T')?.slice(1), ['mitigates', 'TH-1, T']);
  assert.deepEqual(
    [...'@verifies x.@implements @interface'.matchAll(VERB_TOKEN_PATTERN)].map((m) => m[1]),
    ['verifies', 'interface'],
  );
});

test('the TextMate grammar and the code snippets name exactly the verbs of the table', () => {
  const grammar = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'syntaxes/seclife-annotations.injection.tmLanguage.json'), 'utf8'),
  );
  const match = /@\(\?:([a-z|]+)\)/.exec(grammar.repository.annotation.match);
  assert.deepEqual(match?.[1].split('|'), [...VERB_NAMES], 'syntaxes/seclife-annotations.injection.tmLanguage.json');
  for (const file of ['snippets/annotations-slash.json', 'snippets/annotations-hash.json']) {
    const snippets = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(snippets).filter((k) => k.startsWith('@')),
      VERB_NAMES.map((v) => `@${v}`),
      file,
    );
  }
});
