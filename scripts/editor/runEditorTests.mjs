// The in-editor tier: starts the fake Poe server, copies the fixture workspace pointed at it, and has
// @vscode/test-electron's runTests() run out/test/editor inside a real VS Code. By default that "VS Code" is
// code-server through scripts/editor/code-server-shim.mjs; POE_DESKTOP_VSCODE=1 lets runTests download desktop
// VS Code instead, on a machine that can.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, log } from './codeServer.mjs';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');
const { FakePoe } = require(path.join(ROOT, 'out/test/fake-poe/server.js'));
const { DEMO_KEY } = require(path.join(ROOT, 'out/test/fake-poe/seeds.js'));

const stats = path.join(fs.mkdtempSync(path.join(ROOT, 'out', 'editor-stats-')), 'stats.json');
const workspace = fs.mkdtempSync(path.join(ROOT, 'out', 'editor-workspace-'));
fs.cpSync(path.join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
const fake = await FakePoe.start({ seed: 'demo' });
log('fake Poe API at', fake.url);
// The fake's address is the creator's own choice (user settings): a workspace's value is not used until approved.
process.env.POE_USER_SETTINGS = JSON.stringify({ 'poeBots.apiBaseUrl': fake.url });

let ok = false;
try {
  await runTests({
    ...(process.env.POE_DESKTOP_VSCODE
      ? {}
      : { vscodeExecutablePath: path.join(ROOT, 'scripts/editor/code-server-shim.mjs') }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/editor/index.js'),
    launchArgs: [workspace],
    extensionTestsEnv: {
      POE_FAKE_URL: fake.url,
      POE_TEST_STATS: stats,
      POE_API_KEY: DEMO_KEY,
      POE_TEST_WORKSPACE: workspace,
      POE_TEST_GREP: process.env.POE_TEST_GREP ?? '',
    },
  });
  ok = true;
} catch (e) {
  console.error(`in-editor suite: ${e?.message ?? e}`);
} finally {
  await fake.stop();
}

if (fs.existsSync(stats)) {
  const r = JSON.parse(fs.readFileSync(stats, 'utf8'));
  for (const t of r.tests)
    console.log(
      `  ${t.state === 'passed' ? '✔' : t.state === 'skipped' ? '-' : '✗'} ${t.title}${t.error ? `\n      ${t.error.split('\n').slice(0, 6).join('\n      ')}` : ''}`,
    );
  console.log(`${r.passes} passed, ${r.failures} failed`);
  if (process.env.POE_TEST_STATS) fs.copyFileSync(stats, process.env.POE_TEST_STATS);
} else {
  console.log('in-editor suite: no results were written (the extension host did not run the suite)');
  console.log('0 passed, 1 failed');
  if (process.env.POE_TEST_STATS)
    fs.writeFileSync(process.env.POE_TEST_STATS, JSON.stringify({ passes: 0, failures: 1, pending: 0, tests: [] }));
}
fs.rmSync(path.dirname(stats), { recursive: true, force: true });
fs.rmSync(workspace, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
