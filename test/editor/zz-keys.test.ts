// Keys never reach the log (at trace level), a workspace file or workspace state. Runs last, after every suite
// has handled keys, and adds a few more key-handling steps of its own.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { answer, DEMO_KEY, extension, resetFake, waitFor, workspaceUri, writeText } from './helpers';

function logFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? logFiles(p) : /Poe Bots\.log$/.test(e.name) ? [p] : [];
  });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('Keys stay secret', () => {
  let x: PoeBotsExtensionApi;
  const endpointKey = 'sk-endpoint-never-logged-31337';
  const wrongKey = 'poe-wrong-key-never-logged-4242';
  before(async () => { x = await extension(); await resetFake(); process.env.POE_API_KEY = DEMO_KEY; });
  after(async () => { await x.testing.services.keys.clearPoeKey(); });

  it('at trace level, the log has request bodies but no Poe key and no endpoint key', async function () {
    this.timeout(60_000);
    const s = x.testing.services;
    await vscode.commands.executeCommand('poeBots.setApiKey', wrongKey);
    await vscode.commands.executeCommand('poeBots.setApiKey', DEMO_KEY);
    await s.keys.storeEndpointSecret('SECRET_TEST', endpointKey);
    const uri = workspaceUri('Secretive.poebot.json');
    await writeText(uri, JSON.stringify({ handle: 'Secretive', api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1', api_key: '${secret:SECRET_TEST}' } }));
    const a = answer(x.testing.ui, { confirm: ['Push', 'Push'] });
    try {
      await vscode.commands.executeCommand('poeBots.create', uri);
      await vscode.commands.executeCommand('poeBots.replace', uri);
    } finally { a.restore(); }
    const marker = `scan-marker-${Date.now()}`;
    s.log.info(marker);
    const exthost = path.dirname(s.context.logUri.fsPath);
    const text = await waitFor('the log to be written', () => {
      const all = logFiles(exthost).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      return all.includes(marker) ? all : undefined;
    });
    assert.match(text, /\[trace\] POST \/bots request body: .*Secretive/, 'request bodies are logged at trace');
    assert.match(text, /PUT \/bots\/Secretive request body: .*"api_key":"«redacted»"/);
    for (const secret of [DEMO_KEY, wrongKey, endpointKey]) assert.ok(!text.includes(secret), `the log holds ${secret.slice(0, 8)}…`);
  });

  it('no workspace file and no workspace state holds a key', async () => {
    const s = x.testing.services;
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    for (const f of filesUnder(root)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const secret of [DEMO_KEY, endpointKey, 'sk-demo-endpoint', 'sk-my-endpoint-secret-42', 'sk-literal-key-777']) {
        assert.ok(!text.includes(secret), `${path.relative(root, f)} holds a key`);
      }
    }
    const state = JSON.stringify(s.context.workspaceState.keys().map((k) => [k, s.context.workspaceState.get(k)]));
    assert.ok(state.includes('poeBots.baseline:'), 'baselines were recorded');
    for (const secret of [DEMO_KEY, endpointKey]) assert.ok(!state.includes(secret));
  });
});
