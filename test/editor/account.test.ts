// Setting the Poe key: checked with Poe before it is stored.
import assert from 'node:assert/strict';
import type { Services } from '../../src/workbench/services';
import { DEMO_KEY, extension, fakeLog, resetFake } from './helpers';

describe('Poe API key', () => {
  let s: Services;
  before(async () => {
    s = (await extension()).testing.services;
  });
  beforeEach(async () => {
    await resetFake();
    await s.keys.clearPoeKey();
    delete process.env.POE_API_KEY;
  });
  after(async () => {
    await s.keys.clearPoeKey();
    process.env.POE_API_KEY = DEMO_KEY;
    await s.tree.reload();
  });

  it('a wrong key is checked with Poe and not stored', async () => {
    const outcome = await import('vscode').then((vscode) =>
      vscode.commands.executeCommand('poeBots.setApiKey', 'poe-not-a-real-key-1'),
    );
    assert.equal(outcome, 'rejected');
    assert.equal(await s.keys.poeKey(), undefined);
    const log = await fakeLog();
    assert.deepEqual(
      log.map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /bots 401'],
    );
  });

  it('a key of an account without API bots is not stored', async () => {
    const vscode = await import('vscode');
    assert.equal(
      await vscode.commands.executeCommand('poeBots.setApiKey', 'poe-noapi-key-5555555555555555'),
      'notEnabled',
    );
    assert.equal(await s.keys.poeKey(), undefined);
  });

  it('a good key is stored in secret storage and the tree shows the bots', async () => {
    const vscode = await import('vscode');
    assert.equal(await vscode.commands.executeCommand('poeBots.setApiKey', DEMO_KEY), 'stored');
    assert.deepEqual(await s.keys.poeKey(), { key: DEMO_KEY, source: 'stored', account: 'default' });
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(s.tree.bots().length, 3);
    await vscode.commands.executeCommand('poeBots.clearApiKey');
    assert.equal(await s.keys.poeKey(), undefined);
    assert.equal(await s.tree.reload(), 'noKey');
  });
});
