// Named Poe accounts: add (checked with Poe first), switch (the tree, the balance and the confirmations follow),
// remove; a workspace that names the account it is for is asked about once, and can never supply a key.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { Services } from '../../src/workbench/services';
import { OTHER_KEY } from '../fake-poe/seeds';
import { answer, DEMO_KEY, extension, resetFake, workspaceUri, writeText } from './helpers';

describe('Poe accounts', () => {
  let x: PoeBotsExtensionApi;
  let s: Services;
  const config = () => vscode.workspace.getConfiguration('poeBots');
  before(async () => {
    x = await extension();
    s = x.testing.services;
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
    await s.keys.storePoeKey(DEMO_KEY);
  });
  afterEach(async () => {
    await config().update('account', undefined, vscode.ConfigurationTarget.Workspace);
    await s.context.workspaceState.update('poeBots.accountAsked', undefined);
    for (const name of s.keys.names()) await s.keys.removeAccount(name);
    await s.keys.switchTo('default');
    await s.keys.clearPoeKey();
    await s.tree.reload();
  });

  it('adds an account (its key checked with Poe first), switches to it, and the tree, the balance and a confirmation follow', async () => {
    assert.equal(
      await vscode.commands.executeCommand('poeBots.addAccount', 'production', 'poe-not-a-real-key-1'),
      'rejected',
    );
    assert.deepEqual(s.keys.names(), [], 'a key Poe rejects adds no account');
    assert.equal(await vscode.commands.executeCommand('poeBots.addAccount', 'production', OTHER_KEY), 'stored');
    assert.equal(s.keys.active(), 'production');
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(s.account.name, 'production');
    assert.deepEqual(
      s.tree.bots().map((b) => b.handle),
      ['TakenBot'],
      "the other account's bots",
    );
    assert.equal(s.account.balance, 3000);

    const uri = workspaceUri('AccountProbe.poebot.json');
    await writeText(
      uri,
      JSON.stringify({
        handle: 'AccountProbe',
        api_bot_settings: { model_name: 'm', base_url: 'https://api.example.com/v1' },
      }),
    );
    const a = answer(x.testing.ui, { confirm: [undefined] });
    try {
      await vscode.commands.executeCommand('poeBots.create', uri);
    } finally {
      a.restore();
      await vscode.workspace.fs.delete(uri);
    }
    assert.match(
      a.asked[0]!,
      /^Create "AccountProbe" on "production" \(127\.0\.0\.1:\d+\)\?/,
      'the confirmation names the account by its name',
    );

    // Back to "default" from the Switch Account… pick: the demo account again.
    const b = answer(x.testing.ui, { pick: ['default'] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.switchAccount'), 'default');
    } finally {
      b.restore();
    }
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(s.account.name, 'default');
    assert.equal(s.tree.bots().length, 3);
    assert.equal(s.account.balance, 12_345);
    assert.equal((await s.keys.poeKey())?.key, DEMO_KEY, '"default" is poeBots.apiKey, as before accounts');
  });

  it('removes an account after asking; a named account never falls back to POE_API_KEY', async () => {
    await vscode.commands.executeCommand('poeBots.addAccount', 'staging', OTHER_KEY);
    assert.equal(s.keys.active(), 'staging');
    const a = answer(x.testing.ui, { confirm: [undefined, 'Remove'] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.removeAccount', 'staging'), false, 'Cancel keeps it');
      assert.equal(await vscode.commands.executeCommand('poeBots.removeAccount', 'staging'), true);
    } finally {
      a.restore();
    }
    assert.match(a.asked[1]!, /Remove the Poe account "staging"\?[\s\S]*You will be on "default"/);
    assert.deepEqual(s.keys.names(), []);
    assert.equal(s.keys.active(), 'default');
    assert.equal(
      await s.context.secrets.get('poeBots.apiKey.staging'),
      undefined,
      'its key is gone from secret storage',
    );

    // An account whose key is gone (removed in another window) shows "no key", not the environment's account.
    await s.keys.switchTo('ghost');
    assert.equal(await s.keys.poeKey(), undefined);
    assert.equal(await s.tree.reload(), 'noKey');
  });

  it('a workspace naming an account is asked about once, and switches only when the creator agrees', async () => {
    await vscode.commands.executeCommand('poeBots.addAccount', 'production', OTHER_KEY);
    await s.keys.switchTo('default');
    await config().update('account', 'production', vscode.ConfigurationTarget.Workspace);
    const a = answer(x.testing.ui, { confirm: ['Switch to production'] });
    try {
      assert.equal(await s.tree.reload(), 'ready');
      assert.equal(s.keys.active(), 'production');
      assert.equal(await s.tree.reload(), 'ready');
      assert.equal(s.account.name, 'production');
      assert.deepEqual(
        s.tree.bots().map((b) => b.handle),
        ['TakenBot'],
      );
    } finally {
      a.restore();
    }
    assert.equal(a.asked.length, 1, 'asked once');
    assert.match(
      a.asked[0]!,
      /This workspace is for your Poe account "production"\. Switch to it\?\nYou are on "default"\. A workspace names an account only: it never supplies a key or an address\./,
    );

    // Declined: the workspace's wish stays a sentence, and is not asked again.
    await s.keys.switchTo('default');
    await s.context.workspaceState.update('poeBots.accountAsked', undefined);
    const b = answer(x.testing.ui, { confirm: [undefined] });
    try {
      assert.equal(await s.tree.reload(), 'ready');
      assert.equal(await s.tree.reload(), 'ready');
    } finally {
      b.restore();
    }
    assert.equal(b.asked.length, 1);
    assert.equal(s.keys.active(), 'default');
  });

  it('a workspace naming an account the creator does not have offers Add Account…, and supplies no key', async () => {
    await config().update('account', 'nowhere', vscode.ConfigurationTarget.Workspace);
    const a = answer(x.testing.ui, { confirm: [undefined] });
    try {
      assert.equal(await s.tree.reload(), 'ready');
    } finally {
      a.restore();
    }
    assert.match(a.asked[0]!, /This workspace is for a Poe account named "nowhere", which you have not added\./);
    assert.equal(s.keys.active(), 'default');
    assert.equal(s.tree.bots().length, 3);
  });
});
