/**
 * SPDX 2.2/2.3 tag-value SBOMs (`SPDXVersion: SPDX-2.3`, usually `*.spdx`), recognized by
 * content under any name (docs/soup.md, Which manifests are read). Line-based: `Tag: value`
 * lines; a value that starts with `<text>` runs to the line holding `</text>` and is skipped.
 * A package starts at `PackageName:` and ends at the next section (`PackageName:`,
 * `FileName:`, `SnippetSPDXID:`, `LicenseID:`); its `SPDXID:`, `PackageVersion:` and
 * `ExternalRef: PACKAGE-MANAGER purl pkg:…` are read; `Relationship: A TYPE B` lines are the
 * graph (spdxRelationships.ts).
 */
import { LineIndex } from '../../text';
import { ManifestIndex } from '../dependency';
import { Range } from '../../findings';
import { ManifestFormat } from './format';
import { badPurlMessage, componentIdentity, SbomComponent } from './sbomComponents';
import { Spdx2Relationship, spdx2Index, spdx2VersionProblem } from './spdxRelationships';

/** Cheap test: an `SPDXVersion: SPDX-…` line near the start. */
export function isSpdxTagValue(text: string): boolean {
  const head = text.length > 16384 ? text.slice(0, 16384) : text;
  return /^[ \t]*SPDXVersion:[ \t]*SPDX-/m.test(head);
}

/** A tag name (the part of a line before its first `:`). */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SECTION_TAGS = new Set(['FileName', 'SnippetSPDXID', 'LicenseID']);

interface OpenPackage {
  name: string;
  line: number;
  range: Range;
  key?: string;
  version?: string;
  purl?: string;
  purlLine?: Range;
}

export function parseSpdxTagValue(file: string, text: string): ManifestIndex {
  const problems: ManifestIndex['problems'] = [];
  const lines = new LineIndex(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  const empty = (): ManifestIndex => ({ file, kind: 'spdx-tag-value', dependencies: [], resolved: {}, problems });
  const lineRange = (n: number): Range => ({ line: n, column: 1, endLine: n, endColumn: lines.lineText(n).length + 1 });
  const components: SbomComponent[] = [];
  const relationships: Spdx2Relationship[] = [];
  const projectInfo = new Map<string, { name: string; version?: string }>();
  let version: { value: string; line: number } | undefined;
  let documentId = 'SPDXRef-DOCUMENT';
  let current: OpenPackage | undefined;
  let inDocumentHeader = true;
  let ordinal = 0;

  const finish = () => {
    const p = current;
    current = undefined;
    if (!p) return;
    ordinal++;
    const id = componentIdentity(p.name || undefined, p.version, p.purl);
    if (p.key === undefined)
      problems.push({ message: 'a package without an SPDXID: it is in no relationship', range: p.range });
    if (!id.name) {
      problems.push({ message: 'a package without a name or purl', range: p.range });
      return;
    }
    if (id.badPurl) problems.push({ message: badPurlMessage(p.purl!), range: p.purlLine ?? p.range });
    if (p.key !== undefined && p.name)
      projectInfo.set(p.key, { name: p.name, ...(p.version ? { version: p.version } : {}) });
    components.push({
      key: p.key ?? `package #${ordinal}`,
      name: id.name,
      ecosystem: id.ecosystem,
      source: id.source,
      range: p.range,
      topLevel: true,
      ...(id.version !== undefined ? { version: id.version } : {}),
      ...(p.purl !== undefined ? { purl: p.purl } : {}),
    });
  };

  for (let n = 1; n <= lines.lineCount; n++) {
    const raw = lines.lineText(n);
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const tag = colon > 0 ? line.slice(0, colon) : '';
    if (!TAG_NAME.test(tag)) {
      problems.push({ message: `not a 'Tag: value' line; it is skipped`, range: lineRange(n) });
      continue;
    }
    let value = line.slice(colon + 1).trim();
    if (value.startsWith('<text>')) {
      // A multi-line value: skip to the line that closes it.
      const startLine = n;
      let closed = value.includes('</text>');
      while (!closed && n < lines.lineCount) closed = lines.lineText(++n).includes('</text>');
      if (!closed) {
        problems.push({
          message: `a <text> value that never ends (no </text>): the rest of the file is not read`,
          range: lineRange(startLine),
        });
        break;
      }
      value = '';
      if (tag !== 'PackageName' && tag !== 'PackageVersion') continue;
    }
    if (tag === 'SPDXVersion') {
      version ??= { value, line: n };
      continue;
    }
    if (tag === 'PackageName') {
      finish();
      inDocumentHeader = false;
      current = { name: value, line: n, range: lineRange(n) };
      continue;
    }
    if (SECTION_TAGS.has(tag)) {
      finish();
      inDocumentHeader = false;
      continue;
    }
    if (tag === 'SPDXID') {
      if (current) current.key ??= value;
      else if (inDocumentHeader) documentId = value;
      continue;
    }
    if (tag === 'PackageVersion' && current) {
      if (value !== '' && value !== 'NOASSERTION') current.version = value;
      continue;
    }
    if (tag === 'ExternalRef' && current) {
      const parts = value.split(/[ \t]+/);
      if (
        parts.length >= 3 &&
        parts[1] === 'purl' &&
        (parts[0] === 'PACKAGE-MANAGER' || parts[0] === 'PACKAGE_MANAGER')
      ) {
        current.purl ??= parts[2];
        current.purlLine ??= lineRange(n);
      }
      continue;
    }
    if (tag === 'Relationship') {
      const parts = value.split(/[ \t]+/);
      if (parts.length < 3) {
        problems.push({ message: `a Relationship needs 'A TYPE B'`, range: lineRange(n) });
        continue;
      }
      relationships.push({ from: parts[0], type: parts[1], to: parts[2] });
    }
  }
  finish();

  if (!version) {
    problems.push({
      message: `${file} is not an SPDX tag-value document (no 'SPDXVersion:' line)`,
      range: lineRange(1),
    });
    return empty();
  }
  const unsupported = spdx2VersionProblem(file, version.value);
  if (unsupported) {
    problems.splice(0, problems.length, { message: unsupported, range: lineRange(version.line) });
    return empty();
  }
  return spdx2Index({
    file,
    kind: 'spdx-tag-value',
    components,
    relationships,
    describes: [],
    documentId,
    projectInfo,
    problems,
  });
}

export const spdxTagValueFormat: ManifestFormat = {
  id: 'spdx-tag-value',
  ecosystem: 'generic',
  role: 'sbom',
  sniff: isSpdxTagValue,
  discovery: { names: /\.spdx$/, folders: 'any' },
  parse: parseSpdxTagValue,
};
