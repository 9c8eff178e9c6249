import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageOf } from './languages';

test('languageOf: extensions, case-insensitive, well-known names', () => {
  assert.deepEqual(languageOf('src/a.ts'), { id: 'typescript', family: 'js' });
  assert.equal(languageOf('A.TSX')?.family, 'js');
  for (const p of ['x.mts', 'x.cts', 'x.js', 'x.jsx', 'x.mjs', 'x.cjs']) assert.equal(languageOf(p)?.family, 'js', p);
  assert.equal(languageOf('lib/x.py')?.id, 'python');
  assert.equal(languageOf('x.pyi')?.family, 'python');
  for (const p of ['x.c', 'x.h', 'x.cc', 'x.cpp', 'x.cxx', 'x.hpp', 'x.hh'])
    assert.equal(languageOf(p)?.family, 'c', p);
  assert.equal(languageOf('x.cpp')?.id, 'cpp');
  assert.equal(languageOf('x.cs')?.family, 'csharp');
  assert.equal(languageOf('x.java')?.family, 'java');
  assert.equal(languageOf('x.kt')?.family, 'kotlin');
  assert.equal(languageOf('build.gradle.kts')?.family, 'kotlin');
  assert.equal(languageOf('x.go')?.family, 'go');
  assert.equal(languageOf('x.rs')?.family, 'rust');
  assert.equal(languageOf('x.swift')?.family, 'swift');
  for (const p of ['x.sh', 'x.bash', 'x.zsh']) assert.equal(languageOf(p)?.id, 'shellscript', p);
  assert.equal(languageOf('.github/workflows/ci.yml')?.id, 'yaml');
  assert.equal(languageOf('x.yaml')?.family, 'hash');
  assert.equal(languageOf('Cargo.toml')?.id, 'toml');
  assert.equal(languageOf('x.rb')?.id, 'ruby');
  assert.equal(languageOf('db/schema.SQL')?.family, 'sql');
  for (const p of ['x.html', 'x.htm', 'x.xml', 'x.svg']) assert.equal(languageOf(p)?.family, 'html', p);
  assert.equal(languageOf('README.md')?.id, 'markdown');
  assert.equal(languageOf('x.markdown')?.family, 'markdown');
  assert.equal(languageOf('docker/Dockerfile')?.id, 'dockerfile');
  assert.equal(languageOf('Dockerfile.prod')?.id, 'dockerfile');
  assert.equal(languageOf('C:\\src\\Makefile')?.id, 'makefile');
  assert.equal(languageOf('makefile')?.family, 'hash');
  assert.equal(languageOf('x.vue'), undefined);
  assert.equal(languageOf('x.ps1'), undefined);
  assert.equal(languageOf('LICENSE'), undefined);
  assert.equal(languageOf('.ts'), undefined);
  assert.equal(languageOf(''), undefined);
});
