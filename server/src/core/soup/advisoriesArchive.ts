/**
 * Offline OSV database archives → advisories (docs/vulnerabilities.md, Advisory data). The
 * OSV project publishes one `all.zip` per ecosystem (`<Ecosystem>/all.zip`, one OSV JSON
 * record per entry, `<ID>.json`); `osv-scanner --offline` keeps the same files in its cache.
 * The extracted layout (`<dir>/<Ecosystem>/<ID>.json`) needs nothing here: each file is one
 * OSV record, read by `parseAdvisories`.
 *
 * A zip is untrusted input, so every step is bounded. The central directory is read here (its
 * entry count checked against the file size first); each entry's declared uncompressed size,
 * the total, and the number of entries are bounded ({@link ARCHIVE_LIMITS}). fflate's
 * `unzipSync` would allocate only the declared size but keep decoding a lying entry (a zip
 * bomb) to its end, which bounds memory but not time; so entries are inflated here: small
 * compressed data (≤ 16 KB, at most ~17 MB of decoding) in one `inflateSync` call into a
 * buffer of the declared size, larger data with the streaming `Inflate` in 16 KB steps,
 * stopped as soon as the output passes the declared size. Each entry's CRC-32 is checked (a
 * lie cut short at the declared size fails it), and after 20 corrupt entries the rest of
 * the archive is given up, so lies cost a bounded amount of decoding in all. Names that are not plain relative `*.json` paths (absolute, `..`, backslashes,
 * control characters), duplicates, encrypted entries and unknown compression methods are
 * skipped with a problem; a corrupt entry loses only itself. Problems become config-error
 * findings at 1:1 of the archive (a zip has no lines); every advisory has `file` = the
 * archive, range 1:1, and `entry` = the zip entry it was read from.
 */
import { Inflate, inflateSync } from 'fflate';
import { AdvisoriesIndex, configErrorAtStart, emptyIndex } from '../fileIndex';
import { Advisory } from './advisory';
import { osvDates } from './advisories';
import { osvToAdvisories } from './advisoriesOsv';
import { normalizeName } from './ecosystems';

export interface ArchiveLimits {
  /** Largest declared uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest total uncompressed size read from one archive; the rest is not read. */
  maxTotalBytes: number;
  /** Most entries looked at. */
  maxEntries: number;
  /** Corrupt entries tolerated before the rest of the archive is given up. */
  maxBadEntries: number;
  /**
   * Compressed entries up to this size are inflated in one call (deflate decodes to at most
   * ~1032× its input, so the work is bounded); larger ones in 16 KB steps with a budget.
   */
  inflateInOneCall: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 500_000,
  maxBadEntries: 20,
  inflateInOneCall: 16 * 1024,
};

const MAX_PROBLEMS = 100;
const ZERO_RANGE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export interface ParsedArchive {
  advisories: Advisory[];
  /** Messages about the archive or an entry (located at 1:1 by the caller). */
  problems: string[];
  /** Records read (including withdrawn ones). */
  records: number;
  /** The newest `modified` of its records: an OSV export has no timestamp of its own. */
  generatedAt?: string;
}

/** An OSV database archive → the advisories index (config-error findings at 1:1 for problems). */
export function parseAdvisoryArchive(
  path: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): AdvisoriesIndex {
  const index = emptyIndex(path, 'advisories');
  let parsed: ParsedArchive;
  try {
    parsed = readAdvisoryArchive(path, bytes, limits);
  } catch (e) {
    // Not expected (every step is guarded); a throw must still not lose the workspace check.
    parsed = { advisories: [], problems: [`${path} could not be read: ${String(e).slice(0, 200)}`], records: 0 };
  }
  index.findings = parsed.problems.map((message) => configErrorAtStart(path, `advisory file: ${message}`));
  index.advisories = parsed.advisories;
  if (parsed.generatedAt) index.generatedAt = parsed.generatedAt;
  index.notes.push(`${path}: ${parsed.records} OSV records, ${parsed.advisories.length} advisories`);
  return index;
}

interface DirectoryEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

const u16 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8)) >>> 0;
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
/** A zip64 8-byte field; above 2^53 it is not exact, but then it is far beyond any bound anyway. */
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;
const latin1 = new TextDecoder('latin1');
const utf8Lenient = new TextDecoder('utf-8');

/** Zip64 extra field (0x0001): the 8-byte sizes and offset that the header set to 0xFFFFFFFF. */
function zip64Fields(bytes: Uint8Array, from: number, to: number, entry: DirectoryEntry): void {
  for (let at = from; at + 4 <= to; ) {
    const id = u16(bytes, at);
    const length = u16(bytes, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const take = () => {
        const v = p + 8 <= at + 4 + length ? u64(bytes, p) : Number.POSITIVE_INFINITY;
        p += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.offset === 0xffffffff) entry.offset = take();
      return;
    }
    at += 4 + length;
  }
}

/**
 * The central directory's entries, in order, or why it cannot be read. The entry count is
 * checked against the file size first, so a forged count cannot make the walk long.
 */
function readDirectory(bytes: Uint8Array): DirectoryEntry[] | string {
  if (bytes.length < 22) return 'it is not a zip archive (too short)';
  let end = bytes.length - 22;
  const lowest = Math.max(0, bytes.length - 65_558);
  while (end >= lowest && u32(bytes, end) !== 0x06054b50) end--;
  if (end < lowest) return 'it is not a zip archive (no end of central directory record)';
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
    const zip64 = u64(bytes, end - 12);
    if (zip64 + 56 <= bytes.length && u32(bytes, zip64) === 0x06064b50) {
      count = u64(bytes, zip64 + 32);
      offset = u64(bytes, zip64 + 48);
    }
  }
  if (offset > bytes.length || count * 46 > bytes.length - offset)
    return `its central directory claims ${count} entries that do not fit in the file (truncated or forged)`;
  const entries: DirectoryEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50)
      return `its central directory is damaged at entry ${i + 1} (truncated file?)`;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const next = at + 46 + nameLength + extraLength + u16(bytes, at + 32);
    if (next > bytes.length) return `its central directory is damaged at entry ${i + 1} (truncated file?)`;
    const flags = u16(bytes, at + 8);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: DirectoryEntry = {
      name: (flags & 0x800 ? utf8Lenient : latin1).decode(rawName),
      flags,
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    zip64Fields(bytes, at + 46 + nameLength, at + 46 + nameLength + extraLength, entry);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/**
 * An entry's data, inflated in 16 KB steps with an output budget of its declared size: an
 * entry whose data is larger than it declares (a zip bomb that lies) is stopped at the
 * budget instead of being decoded to the end. Throws (caught by the caller) when damaged.
 */
function entryData(bytes: Uint8Array, entry: DirectoryEntry, oneCall: number): Uint8Array {
  const local = entry.offset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50)
    throw new Error('no local header where the directory points');
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new Error('its data runs past the end of the file (truncated)');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  if (data.length <= oneCall) {
    // Small data decodes to at most ~1000× its size (deflate's limit): one call is bounded. A lie
    // about the size is cut at the declared size and then fails the length or CRC check.
    const out = inflateSync(data, { out: new Uint8Array(entry.size) });
    if (out.length !== entry.size)
      throw new Error(`it inflates to ${out.length} bytes, not the ${entry.size} it declares`);
    return out;
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length)
      throw new Error(`it inflates to more than the ${out.length} bytes it declares`);
    out.set(chunk, written);
    written += chunk.length;
    if (final) done = true;
  });
  const step = 16 * 1024;
  for (let p = 0; p < data.length || (p === 0 && data.length === 0); p += step) {
    const last = p + step >= data.length;
    inflate.push(data.subarray(p, p + step), last);
    if (last) break;
  }
  if (!done || written !== out.length)
    throw new Error(`it inflates to ${written} bytes, not the ${out.length} it declares`);
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC, as zip uses). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Why an entry name is not read, if it is not (a traversal, absolute path, or not JSON). */
function nameProblem(name: string): string | undefined {
  if (name === '' || name.endsWith('/')) return ''; // a folder: skipped silently
  if (/[\u0000-\u001f\\]/.test(name) || name.startsWith('/') || /^[A-Za-z]:/.test(name))
    return `entry '${printable(name)}' has an unsafe name (absolute, backslash or control characters); skipped`;
  if (name.split('/').some((s) => s === '..'))
    return `entry '${printable(name)}' has an unsafe name (a '..' path segment); skipped`;
  if (!name.toLowerCase().endsWith('.json')) return `entry '${printable(name)}' is not a .json file; skipped`;
  return undefined;
}

function printable(name: string): string {
  const shown = name.replace(/[\u0000-\u001f]/g, '?');
  return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads an archive: advisories and problems (see the module comment). */
export function readAdvisoryArchive(
  path: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): ParsedArchive {
  const problems: string[] = [];
  let dropped = 0;
  const problem = (message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(message);
    else dropped++;
  };
  const byKey = new Map<string, Advisory>();
  let records = 0;
  let newest: string | undefined;
  const finish = (): ParsedArchive => {
    if (dropped > 0) problems.push(`${dropped} more problems in ${path} not shown`);
    return { advisories: [...byKey.values()], problems, records, ...(newest && { generatedAt: newest }) };
  };

  const directory = readDirectory(bytes);
  if (typeof directory === 'string') {
    problem(`${path} is not read: ${directory}`);
    return finish();
  }
  if (directory.length === 0) {
    problem(`${path} is an empty zip archive`);
    return finish();
  }

  let total = 0;
  let bad = 0;
  const names = new Set<string>();
  for (let i = 0; i < directory.length; i++) {
    const entry = directory[i];
    if (i >= limits.maxEntries) {
      problem(`${path} has more than ${limits.maxEntries} entries; the rest are not read`);
      break;
    }
    const why = nameProblem(entry.name);
    if (why !== undefined) {
      if (why) problem(why);
      continue;
    }
    const shown = printable(entry.name);
    if (names.has(entry.name)) {
      problem(`entry '${shown}' appears twice; the second is skipped`);
      continue;
    }
    names.add(entry.name);
    if (entry.flags & 1) {
      problem(`entry '${shown}' is encrypted; skipped`);
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      problem(`entry '${shown}' uses compression method ${entry.method} (only stored and deflate are read); skipped`);
      continue;
    }
    if (entry.size > limits.maxEntryBytes) {
      problem(`entry '${shown}' is ${entry.size} bytes uncompressed (more than ${limits.maxEntryBytes}); skipped`);
      continue;
    }
    if (entry.method === 0 && entry.compressedSize !== entry.size) {
      problem(`entry '${shown}' is stored with two different sizes (${entry.compressedSize}, ${entry.size}); skipped`);
      continue;
    }
    if (total + entry.size > limits.maxTotalBytes) {
      problem(
        `${path} holds more than ${limits.maxTotalBytes} bytes uncompressed; entries from '${shown}' on are not read`,
      );
      break;
    }
    total += entry.size;
    let data: Uint8Array | undefined;
    try {
      data = entryData(bytes, entry, limits.inflateInOneCall);
      if (crc32(data) !== entry.crc) {
        problem(`entry '${shown}' fails its CRC check (damaged, truncated or larger than it declares); skipped`);
        data = undefined;
      }
    } catch (e) {
      problem(`entry '${shown}' is corrupt (${(e instanceof Error ? e.message : String(e)).slice(0, 120)}); skipped`);
    }
    if (data) {
      readEntry(entry, data);
      continue;
    }
    // Each corrupt entry may have cost up to its budget of decoding: a few are tolerated, not many.
    if (++bad >= limits.maxBadEntries) {
      problem(`${path} has ${bad} corrupt entries; the rest is not read`);
      break;
    }
  }
  return finish();

  function readEntry(entry: DirectoryEntry, data: Uint8Array): void {
    const name = entry.name;
    const shown = printable(name);
    let record: unknown;
    try {
      record = JSON.parse(utf8.decode(data).replace(/^\uFEFF/, ''));
    } catch (e) {
      const reason = e instanceof RangeError ? 'it is nested too deeply' : e instanceof Error ? e.message : String(e);
      problem(`entry '${shown}' is not valid UTF-8 JSON (${reason.slice(0, 120)}); skipped`);
      return;
    }
    let result: ReturnType<typeof osvToAdvisories>;
    try {
      result = osvToAdvisories(record);
    } catch (e) {
      problem(`entry '${shown}' could not be read as an OSV record (${String(e).slice(0, 120)}); skipped`);
      return;
    }
    records++;
    for (const message of result.problems) problem(`entry '${shown}': ${message}`);
    const dates = osvDates(record);
    if (dates.modified && (newest === undefined || dates.modified > newest)) newest = dates.modified;
    for (const advisory of result.advisories) {
      const key = `${advisory.id}\0${advisory.ecosystem}\0${normalizeName(advisory.package, advisory.ecosystem)}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.affected = [...new Set([...existing.affected, ...advisory.affected])];
        existing.aliases = [...new Set([...existing.aliases, ...advisory.aliases])];
        continue;
      }
      byKey.set(key, {
        ...advisory,
        ...dates,
        source: 'osv-database',
        file: path,
        range: { ...ZERO_RANGE },
        entry: name,
      });
    }
  }
}
