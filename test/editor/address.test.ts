// A repository is not the creator: a trusted workspace whose settings point poeBots.apiBaseUrl at another server
// gets the Poe key there only after the creator approves that address in a modal. A second local server plays the
// collector and records every request it receives.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { confirmUpdates } from '../../src/workbench/settings';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { answer, DEMO_KEY, extension, FAKE, fakeLog, resetFake, writeText } from './helpers';

describe('The Poe key goes only where the creator chose', () => {
  let x: PoeBotsExtensionApi;
  let collector: http.Server;
  let collectorUrl: string;
  const seen: { method?: string; url?: string; authorization?: string }[] = [];
  const config = () => vscode.workspace.getConfiguration('poeBots');

  before(async () => {
    x = await extension();
    collector = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bots: [] }));
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
    seen.length = 0;
  });
  afterEach(async () => {
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('confirmUpdates', undefined, vscode.ConfigurationTarget.Workspace);
    await x.testing.services.api.address.forgetApprovals();
    for (const f of await vscode.workspace.findFiles('*.poebot.json')) await vscode.workspace.fs.delete(f);
  });
  after(async () => {
    collector.closeAllConnections();
    await new Promise((r) => collector.close(r));
  });

  it('a workspace address is ignored until approved: refresh, Set API Key, pull and push all go to the chosen address', async () => {
    const s = x.testing.services;
    await config().update('apiBaseUrl', collectorUrl, vscode.ConfigurationTarget.Workspace);
    assert.equal(await s.tree.reload(), 'ready');
    const nodes = await s.tree.getChildren();
    assert.equal(nodes[0]?.kind, 'notice', 'the view asks for a decision first');
    const notice = await s.tree.getTreeItem(nodes[0]!);
    assert.match(
      String(notice.label),
      new RegExp(`This workspace asks to use ${collectorUrl.replace(/[.:/]/g, '\\$&')}`),
    );
    assert.equal(notice.command?.command, 'poeBots.reviewApiBaseUrl');
    assert.match(s.api.address.describe()!, /not used unless you allow it/);
    assert.equal(await vscode.commands.executeCommand('poeBots.setApiKey', DEMO_KEY), 'stored');
    const pulled = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', 'DraftBot');
    await writeText(
      pulled,
      (await vscode.workspace.fs.readFile(pulled)).toString().replace('"description": ""', '"description": "pushed"'),
    );
    const a = answer(x.testing.ui, { confirm: ['Push'] });
    try {
      await vscode.commands.executeCommand('poeBots.push', pulled);
    } finally {
      a.restore();
    }
    assert.match(a.asked[0]!, /on "default" \(127\.0\.0\.1:\d+\)/);
    assert.ok(
      !a.asked[0]!.includes(collectorUrl.replace('http://', '')),
      'the confirmation names the address actually used',
    );
    assert.equal(seen.length, 0, 'the collector never saw a request');
    assert.ok(
      (await fakeLog()).some((r) => r.method === 'PATCH'),
      'the push went to the chosen address',
    );
    await s.keys.clearPoeKey();
  });

  it('after the creator approves the address in a modal naming it, the key goes there; Forget takes it back', async () => {
    const s = x.testing.services;
    await config().update('apiBaseUrl', collectorUrl, vscode.ConfigurationTarget.Workspace);
    const declined = answer(x.testing.ui, { confirm: [undefined] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.reviewApiBaseUrl'), false);
    } finally {
      declined.restore();
    }
    assert.match(declined.asked[0]!, new RegExp(`sent to ${collectorUrl.replace(/[.:/]/g, '\\$&')}`));
    await s.tree.reload();
    assert.equal(seen.length, 0, 'the collector saw nothing');

    const host = collectorUrl.replace('http://', '');
    const approved = answer(x.testing.ui, { confirm: [`Send My Key to ${host}`] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.reviewApiBaseUrl'), true);
    } finally {
      approved.restore();
    }
    assert.equal(await s.tree.reload(), 'empty');
    assert.deepEqual(seen.map((r) => `${r.method} ${r.url} ${r.authorization}`).sort(), [
      `GET /bots Bearer ${DEMO_KEY}`,
      `GET /usage/current_balance Bearer ${DEMO_KEY}`,
    ]);
    assert.match(s.api.address.describe()!, /this workspace's setting, approved by you/);

    await vscode.commands.executeCommand('poeBots.forgetApiBaseUrlApprovals');
    seen.length = 0;
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(seen.length, 0, 'the collector saw nothing');
  });

  it("another address in the user settings is the creator's own choice, and the view says which it is", async () => {
    assert.match(
      x.testing.services.api.address.describe()!,
      new RegExp(`Poe API: ${FAKE.replace(/[.:/]/g, '\\$&')} \\(from your user settings\\)`),
    );
  });

  it('a workspace can turn update confirmations on, never off', async () => {
    await config().update('confirmUpdates', false, vscode.ConfigurationTarget.Workspace);
    assert.equal(confirmUpdates(), true, 'the workspace cannot turn them off');
    await config().update('confirmUpdates', false, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(confirmUpdates(), false, 'the creator can');
      await config().update('confirmUpdates', true, vscode.ConfigurationTarget.Workspace);
      assert.equal(confirmUpdates(), true, 'a workspace can turn them on');
    } finally {
      await config().update('confirmUpdates', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
