/**
 * A small PEP 440 implementation (https://peps.python.org/pep-0440/): version parsing,
 * ordering (epoch, release, pre, post, dev, local) and specifier sets (`~=`, `==`, `!=`,
 * `<=`, `>=`, `<`, `>`, `===`, `.*` wildcards), following the `packaging` library's rules:
 * versionMatchPep440.test.ts checks every row of a table packaging 21.3 wrote
 * (test/fixtures/versions/README.md). In particular `>V` admits no post-release of V (unless V
 * is one) and no local version of V, `<V` no pre-release of V (unless V is one); only an
 * inclusive specifier (`==`, `>=`, `<=`, `~=`, `===`) naming a pre-release turns pre-releases on.
 * Pure; invalid input gives `undefined`/`false`, never a throw.
 */

export interface Pep440Version {
  epoch: number;
  release: number[];
  /** Pre-release: `a` | `b` | `rc` and its number. */
  pre?: { label: 'a' | 'b' | 'rc'; n: number };
  post?: number;
  dev?: number;
  /** Local label segments (`+ubuntu.1` → ['ubuntu', 1]). */
  local?: Array<string | number>;
}

const VERSION = new RegExp(
  '^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)' +
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' +
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' +
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_LABEL: Record<string, 'a' | 'b' | 'rc'> = {
  alpha: 'a',
  a: 'a',
  beta: 'b',
  b: 'b',
  preview: 'rc',
  pre: 'rc',
  c: 'rc',
  rc: 'rc',
};
const PRE_RANK = { a: 0, b: 1, rc: 2 };

export function parsePep440(text: string): Pep440Version | undefined {
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  const v: Pep440Version = { epoch: num(m[1]), release: m[2].split('.').map(Number) };
  if (v.release.some((n) => !Number.isSafeInteger(n))) return undefined;
  if (m[3]) v.pre = { label: PRE_LABEL[m[3].toLowerCase()], n: num(m[4]) };
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = num(m[7]);
  if (m[8]) v.dev = num(m[9]);
  if (m[10])
    v.local = m[10]
      .toLowerCase()
      .split(/[-_.]/)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return v;
}

/** The normal form of a version, as `str(Version(...))` writes it (`1.0alpha1` → `1.0a1`, `1.0-1` → `1.0.post1`). */
export function formatPep440(v: Pep440Version): string {
  let out = `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`;
  if (v.pre) out += `${v.pre.label}${v.pre.n}`;
  if (v.post !== undefined) out += `.post${v.post}`;
  if (v.dev !== undefined) out += `.dev${v.dev}`;
  if (v.local) out += `+${v.local.join('.')}`;
  return out;
}

export function isPep440PreRelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function compareLocal(a: Array<string | number> | undefined, b: Array<string | number> | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1; // numeric segments sort after alphanumeric ones
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders two parsed versions: negative, zero or positive. `1.0.dev0 < 1.0a1 < 1.0 < 1.0.post1`. */
export function comparePep440(a: Pep440Version, b: Pep440Version, ignoreLocal = false): number {
  // A dev release without a pre-release sorts before all pre-releases of the same release.
  const preKey = (v: Pep440Version): [number, number] =>
    v.pre ? [PRE_RANK[v.pre.label], v.pre.n] : v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0];
  const [pa, pna] = preKey(a);
  const [pb, pnb] = preKey(b);
  return (
    Math.sign(a.epoch - b.epoch) ||
    compareRelease(a.release, b.release) ||
    Math.sign(pa - pb) ||
    Math.sign(pna - pnb) ||
    Math.sign((a.post ?? -1) - (b.post ?? -1)) ||
    Math.sign((a.dev ?? Infinity) - (b.dev ?? Infinity) || 0) ||
    (ignoreLocal ? 0 : compareLocal(a.local, b.local))
  );
}

function sameBase(a: Pep440Version, b: Pep440Version): boolean {
  return a.epoch === b.epoch && compareRelease(a.release, b.release) === 0;
}

export type Pep440Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface Pep440Specifier {
  op: Pep440Operator;
  /** The version as written (without `.*`). */
  text: string;
  version?: Pep440Version;
  wildcard: boolean;
}

const SPEC = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*$/;

/** Parses one specifier (`>=2.31`, `==2.31.*`); `undefined` when malformed. */
export function parsePep440Specifier(text: string): Pep440Specifier | undefined {
  const m = SPEC.exec(text);
  if (!m) return undefined;
  const op = m[1] as Pep440Operator;
  if (op === '===') return { op, text: m[2], wildcard: false };
  const wildcard = m[2].endsWith('.*');
  const body = wildcard ? m[2].slice(0, -2) : m[2];
  const version = parsePep440(body);
  if (!version) return undefined;
  if (wildcard) {
    // Only `==`/`!=` take a prefix, and the prefix is an epoch and release segments.
    if (
      (op !== '==' && op !== '!=') ||
      version.pre ||
      version.post !== undefined ||
      version.dev !== undefined ||
      version.local
    )
      return undefined;
  }
  if (version.local && op !== '==' && op !== '!=') return undefined;
  if (op === '~=' && version.release.length < 2) return undefined;
  return { op, text: body, version, wildcard };
}

/** Parses a comma-separated specifier set (`>=2.31,<3`); `undefined` if any part is malformed. */
export function parsePep440SpecifierSet(text: string): Pep440Specifier[] | undefined {
  const parts = text.split(',');
  const specs: Pep440Specifier[] = [];
  for (const part of parts) {
    const spec = parsePep440Specifier(part);
    if (!spec) return undefined;
    specs.push(spec);
  }
  return specs.length > 0 ? specs : undefined;
}

const isSuffix = (item: string) => /^(dev|a|b|rc|post)/.test(item);
const PRE_SPLIT = /^(\d+)((?:a|b|c|rc)\d+)$/;

/** packaging's `_version_split`: dot-separated items, `0a1` split into `0`, `a1`. */
function versionSplit(text: string): string[] {
  const out: string[] = [];
  for (const item of text.split('.')) {
    const m = PRE_SPLIT.exec(item);
    if (m) out.push(m[1], m[2]);
    else out.push(item);
  }
  return out;
}

/** packaging's `_pad_version`: pads the leading all-digit items of both sides to the same count with `0`. */
function padVersion(left: string[], right: string[]): [string[], string[]] {
  const digits = (items: string[]) => {
    let n = 0;
    while (n < items.length && /^\d+$/.test(items[n])) n++;
    return n;
  };
  const dl = digits(left);
  const dr = digits(right);
  const pad = (items: string[], own: number, other: number) => [
    ...items.slice(0, own),
    ...Array<string>(Math.max(0, other - own)).fill('0'),
    ...items.slice(own),
  ];
  return [pad(left, dl, dr), pad(right, dr, dl)];
}

/**
 * `==V.*` as packaging compares it: the spec's items (as written) against the candidate's public
 * normal form cut to the same number of items, release items padded with zeros.
 */
function wildcardMatch(candidate: Pep440Version, specText: string): boolean {
  const spec = versionSplit(specText);
  const shortened = versionSplit(formatPep440(public_(candidate))).slice(0, spec.length);
  const [a, b] = padVersion(spec, shortened);
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function public_(v: Pep440Version): Pep440Version {
  return { ...v, local: undefined };
}

/**
 * Whether one specifier admits a version (pre-release filtering is the set's job). With
 * `plainOrder`, `<` and `>` compare by version order only (OSV range semantics: `<3.0` admits
 * `3.0rc1`), without PEP 440's exclusions of pre-, post- and local releases of the bound itself.
 */
export function pep440SpecifierAdmits(
  spec: Pep440Specifier,
  candidateText: string,
  candidate: Pep440Version | undefined,
  plainOrder = false,
): boolean {
  // `===` compares strings: a PEP 440 candidate by its normal form, anything else as written.
  if (spec.op === '===')
    return (candidate ? formatPep440(candidate) : candidateText.trim()).toLowerCase() === spec.text.toLowerCase();
  const v = spec.version;
  if (!candidate || !v) return false;
  switch (spec.op) {
    case '==':
    case '!=': {
      const eq = spec.wildcard
        ? wildcardMatch(candidate, spec.text)
        : comparePep440(v.local ? candidate : public_(candidate), v) === 0;
      return spec.op === '==' ? eq : !eq;
    }
    case '~=': {
      // packaging: `>=V` and `==P.*`, P = V's items up to the first suffix, less the last one.
      const items = versionSplit(spec.text);
      const cut = items.findIndex(isSuffix);
      const prefix = (cut < 0 ? items : items.slice(0, cut)).slice(0, -1);
      return comparePep440(public_(candidate), v) >= 0 && wildcardMatch(candidate, prefix.join('.'));
    }
    case '<=':
      return comparePep440(public_(candidate), v) <= 0;
    case '>=':
      return comparePep440(public_(candidate), v) >= 0;
    case '<':
      if (comparePep440(candidate, v) >= 0) return false;
      if (plainOrder) return true;
      // `<3.0` does not admit `3.0rc1` unless the specifier itself is a pre-release.
      return !(!isPep440PreRelease(v) && isPep440PreRelease(candidate) && sameBase(candidate, v));
    case '>':
      // PEP 440 exclusive ordered comparison: `>V` admits no post-release of V (unless V is
      // one) and no local version of V, though both sort after V.
      if (comparePep440(candidate, v) <= 0) return false;
      if (plainOrder) return true;
      if (v.post === undefined && candidate.post !== undefined && sameBase(candidate, v)) return false;
      return !(candidate.local && sameBase(candidate, v));
  }
}

/** packaging's `Specifier.prereleases`: an inclusive specifier (`==`, `>=`, `<=`, `~=`, `===`) naming a pre-release. */
function turnsOnPreReleases(spec: Pep440Specifier): boolean {
  if (spec.op === '>' || spec.op === '<' || spec.op === '!=') return false;
  const version = spec.version ?? parsePep440(spec.text);
  return version !== undefined && isPep440PreRelease(version);
}

/**
 * Whether a specifier set admits a version. Pre-releases are admitted only when
 * `includePrerelease` is set or a specifier names a pre-release itself (PEP 440).
 */
export function pep440Satisfies(
  specs: Pep440Specifier[],
  versionText: string,
  includePrerelease = false,
  plainOrder = false,
): boolean {
  const candidate = parsePep440(versionText);
  if (!candidate) return specs.every((s) => s.op === '===' && pep440SpecifierAdmits(s, versionText, undefined));
  const allowPre = includePrerelease || specs.some(turnsOnPreReleases);
  if (!allowPre && isPep440PreRelease(candidate)) return false;
  return specs.every((s) => pep440SpecifierAdmits(s, versionText, candidate, plainOrder));
}
