#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches: it takes the desktop flags
// (--extensionDevelopmentPath=, --extensionTestsPath=, a folder to open) and runs the suite inside code-server's real
// extension host instead, driven by headless Chromium. Exits with the extension host's exit code.
import fs from 'node:fs';
import path from 'node:path';
import { finishRunDir, launchBrowser, log, makeRunDir, startCodeServer } from './codeServer.mjs';

const devPaths = [];
let testsPath;
let workspace;
for (const a of process.argv.slice(2)) {
  const [k, ...v] = a.split('=');
  if (k === '--extensionDevelopmentPath') devPaths.push(v.join('='));
  else if (k === '--extensionTestsPath') testsPath = v.join('=');
  else if (!a.startsWith('-')) workspace = a;
}
if (!devPaths.length || !testsPath) {
  console.error('code-server-shim: --extensionDevelopmentPath and --extensionTestsPath are required');
  process.exit(2);
}

const runDir = makeRunDir('editor');
workspace ??= fs.mkdtempSync(path.join(runDir, 'workspace-'));
const timeoutMs = Number(process.env.POE_EDITOR_TIMEOUT_MS || 600_000);
let server;
let browser;
let code = 'error';
try {
  // Trace level everywhere, so the suite can prove that no key reaches the log even at trace.
  // POE_USER_SETTINGS: settings for the profile's user settings.json (the creator's own, as opposed to the workspace's).
  const userSettings = process.env.POE_USER_SETTINGS ? JSON.parse(process.env.POE_USER_SETTINGS) : {};
  server = await startCodeServer({ runDir, smokeTestDriver: true, logLevel: 'trace', userSettings });
  log('code-server up at', server.url);
  browser = await launchBrowser(runDir);
  const page = await browser.newPage();
  const exited = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (c) => resolve(c));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (process.env.POE_VERBOSE) console.log(`[workbench ${type}]`, ...(args || []));
  });
  const authority = new URL(server.url).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [
    ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)],
  ];
  await page.goto(
    `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  log('workbench loaded; the suite runs in the extension host');
  let timer;
  code = await Promise.race([
    exited,
    new Promise((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (code !== 0) await page.screenshot({ path: path.join(runDir, 'failure.png') }).catch(() => undefined);
} catch (e) {
  console.error(e?.stack || e);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  const kept = finishRunDir(runDir, code === 0, 'editor');
  if (kept) console.error(`extension host exit: ${code}; logs kept in ${kept}`);
}
process.exit(code === 0 ? 0 : 1);
