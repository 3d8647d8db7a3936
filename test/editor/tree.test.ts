// The bots tree against the fake, in every state a creator can meet.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../src/workbench/services';
import { DEMO_KEY, extension, fake, resetFake, waitFor } from './helpers';

describe('Bots tree', () => {
  let s: Services;
  before(async () => {
    s = (await extension()).testing.services;
  });
  beforeEach(async () => {
    await resetFake();
    await s.keys.clearPoeKey();
    process.env.POE_API_KEY = DEMO_KEY;
  });
  after(async () => {
    await s.keys.clearPoeKey();
    process.env.POE_API_KEY = DEMO_KEY;
    await s.tree.reload();
  });

  async function rows(): Promise<vscode.TreeItem[]> {
    const nodes = await s.tree.getChildren();
    return Promise.all(nodes.map((n) => s.tree.getTreeItem(n)));
  }

  it('shows the three demo bots, with model, API type, privacy and a tooltip', async () => {
    assert.equal(await s.tree.reload(), 'ready');
    const items = await rows();
    assert.deepEqual(
      items.map((i) => i.label),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
    assert.match(String(items[0]!.description), /zai-org\/glm-4\.6 · Chat Completions/);
    assert.equal((items[0]!.iconPath as vscode.ThemeIcon).id, 'globe');
    assert.equal((items[1]!.iconPath as vscode.ThemeIcon).id, 'lock');
    assert.equal(items[0]!.tooltip, undefined, 'tooltips are built on hover, not for every row');
    const [first] = await s.tree.getChildren();
    const resolved = await s.tree.resolveTreeItem(items[0]!, first!);
    const tip = (resolved.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /\$0\.60 per 1M tokens/);
    assert.match(tip, /https:\/\/api\.example\.com\/v1/);
    assert.equal(items[0]!.contextValue, 'bot');
    assert.equal(s.tree.keySource, 'environment');
  });

  it('reads the point balance with the list; a failure to read it never hides the bots', async () => {
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(s.tree.balance, 12_345);
    await fake('POST', 'faults', { method: 'GET', path: '/usage/current_balance', times: 10, fault: { status: 500 } });
    assert.equal(await s.tree.reload(), 'ready');
    assert.equal(s.tree.bots().length, 3);
    assert.equal(s.tree.balance, undefined);
  });

  it('no key: the welcome state, no rows and no request', async () => {
    delete process.env.POE_API_KEY;
    assert.equal(await s.tree.reload(), 'noKey');
    assert.deepEqual(await s.tree.getChildren(), []);
    assert.deepEqual(await fake('GET', 'log'), []);
  });

  it('a rejected key: invalidKey', async () => {
    await s.keys.storePoeKey('poe-wrong-key-000000');
    assert.equal(await s.tree.reload(), 'invalidKey');
    assert.deepEqual(await s.tree.getChildren(), []);
    assert.equal(s.tree.keySource, 'stored', 'a stored key wins over POE_API_KEY');
  });

  it('an account without API bots: notEnabled', async () => {
    process.env.POE_API_KEY = 'poe-noapi-key-5555555555555555';
    assert.equal(await s.tree.reload(), 'notEnabled');
  });

  it('no bots yet: empty', async () => {
    await resetFake('empty');
    assert.equal(await s.tree.reload(), 'empty');
  });

  it('Poe failing: offline, with an error row that retries, never showing a key Poe echoed', async () => {
    const echo = JSON.stringify({ error: { message: `overloaded while serving Bearer-less key ${DEMO_KEY}` } });
    await fake('POST', 'faults', {
      method: 'GET',
      path: '/bots',
      times: 10,
      fault: { status: 503, headers: { 'retry-after': '0' }, body: echo },
    });
    assert.equal(await s.tree.reload(), 'offline');
    const [row] = await rows();
    assert.equal(row!.contextValue, 'error');
    assert.match(String(row!.label), /overloaded while serving Bearer-less key «redacted»/);
    assert.ok(!String(row!.label).includes(DEMO_KEY) && !String(row!.tooltip).includes(DEMO_KEY));
    assert.equal(row!.command?.command, 'poeBots.refresh');
    await resetFake();
    await vscode.commands.executeCommand(row!.command!.command);
    assert.equal(s.tree.state, 'ready');
  });

  it('marks a bot that has a file in the workspace', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'DraftBot.poebot.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{ "handle": "DraftBot" }'));
    try {
      await s.tree.reload();
      const draft = await waitFor('DraftBot to be marked', async () =>
        (await rows()).find((x) => x.label === 'DraftBot' && x.contextValue === 'bot.withFile'),
      );
      assert.match(String(draft.description), /in workspace/);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
