// npm run sandbox: the extension in a real editor (code-server in your browser) against a local fake Poe account
// with demo bots. Builds and packages the extension, installs it into a fresh profile, starts the fake Poe API,
// opens a demo workspace, and prints the address. Ctrl-C stops everything it started.
//   --port N      the editor's port (default 8080; 0 = any free port)
//   --fake-port N the fake Poe API's port (default any free port)
//   --endpoint-port N  the fake OpenAI-compatible endpoint's port (default any free port); the demo bots' endpoint
import './ensureDeps.mjs'; // first: on a fresh clone, npm ci before anything needs a dependency
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, TOOLS, freePort, installVsix, log, startCodeServer } from './editor/codeServer.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const step = (what, cmd, args) => {
  log(what);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error(`sandbox: ${what} failed`);
    process.exit(1);
  }
};

step('installing the editor tools if missing (first time: about two minutes)', 'bash', ['scripts/setup-editor.sh']);
step('building the extension and the fake Poe server', 'node', ['esbuild.js', '--tests']);
const home = path.join(TOOLS, 'sandbox');
fs.rmSync(home, { recursive: true, force: true });
fs.mkdirSync(home, { recursive: true });
const vsix = path.join(home, 'poe-bots-sandbox.vsix');
step('packaging', 'npx', ['vsce', 'package', '--no-dependencies', '--out', vsix]);

const require = createRequire(import.meta.url);
const { FakePoe } = require(path.join(ROOT, 'out/test/fake-poe/server.js'));
const { DEMO_KEY } = require(path.join(ROOT, 'out/test/fake-poe/seeds.js'));
const { FakeEndpoint } = require(path.join(ROOT, 'out/test/fake-endpoint/server.js'));
const CA = path.join(ROOT, 'test/fake-endpoint/tls/cert.pem');

const runDir = path.join(home, 'run');
const workspace = path.join(home, 'workspace');
// The demo bots' endpoint: the fake OpenAI-compatible one, over https with the test certificate the editor trusts.
const endpoint = await FakeEndpoint.start({
  tls: true,
  port: Number(arg('endpoint-port', '0')),
  contextLength: 131072,
});
const responsesEndpoint = await FakeEndpoint.start({ tls: true, mode: 'responses' }); // ThinkingTutor speaks the Responses API
fs.cpSync(path.join(ROOT, 'sandbox/workspace'), workspace, { recursive: true });
for (const f of fs.readdirSync(workspace).filter((n) => n.endsWith('.poebot.json'))) {
  const file = path.join(workspace, f);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('https://localhost:8788/v1', endpoint.url));
}
await installVsix(runDir, vsix);
const fake = await FakePoe.start({ seed: 'demo', port: Number(arg('fake-port', '0')) });
for (const [handle, url] of [
  ['GlmHelper', endpoint.url],
  ['ThinkingTutor', responsesEndpoint.url],
  ['DraftBot', endpoint.url],
]) {
  const { bot } = fake.peek(handle);
  fake.putBehindTheBack({ ...bot, api_bot_settings: { ...bot.api_bot_settings, base_url: url } });
}
const wanted = Number(arg('port', '8080'));
const server = await startCodeServer({
  runDir,
  port: wanted === 0 ? await freePort() : wanted,
  env: { POE_API_KEY: DEMO_KEY, SANDBOX_ENDPOINT_KEY: endpoint.key, NODE_EXTRA_CA_CERTS: CA },
  userSettings: { 'poeBots.apiBaseUrl': fake.url, 'workbench.colorTheme': 'Default Dark Modern' },
});
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
console.log(`
Poe Bots sandbox is running.
  Editor:        ${url}
  Fake Poe API:  ${fake.url}   (demo key: ${DEMO_KEY}, given to the editor as POE_API_KEY)
  Endpoint:      ${endpoint.url}   (the demo bots' fake endpoint, key ${endpoint.key}: SANDBOX_ENDPOINT_KEY in the editor)
  Workspace:     ${workspace}  (a fresh copy of sandbox/workspace each run)
Open the editor address in a browser. Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await server.stop();
  await fake.stop();
  await endpoint.stop();
  await responsesEndpoint.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => {
  void stop();
});
process.on('SIGTERM', () => {
  void stop();
});
