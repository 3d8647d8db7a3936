// The editor and the command line share poe-bots.lock.json: a push from the CLI (a teammate, CI) followed by Push in
// the editor raises no "changed on Poe" question, the editor writes the lock file back, and the CLI then sees no drift.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { PushResult } from '../../src/workbench/push/commands';
import {
  answer,
  clearBaselines,
  DEMO_KEY,
  extension,
  FAKE,
  peek,
  readText,
  resetFake,
  workspaceUri,
  writeText,
} from './helpers';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function cli(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const cwd = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          NO_COLOR: '1',
          POE_API_KEY: DEMO_KEY,
          POE_API_BASE_URL: FAKE,
          ELECTRON_RUN_AS_NODE: '1',
          ...extra,
        },
      },
      (e, stdout, stderr) => {
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out: stdout + stderr });
      },
    );
  });
}

describe('The lock file, shared with the command line', () => {
  let x: PoeBotsExtensionApi;
  const lock = workspaceUri('poe-bots.lock.json');
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake('demo');
    process.env.POE_API_KEY = DEMO_KEY;
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearBaselines(x);
    for (const f of await vscode.workspace.findFiles('{*.poebot.json,poe-bots.lock.json}'))
      await vscode.workspace.fs.delete(f);
  });

  it('a push from the CLI, then Push in the editor: no "changed on Poe" question, and the lock file records both', async () => {
    assert.equal((await cli(['pull', '.', '--only', 'DraftBot'])).code, 0);
    const file = workspaceUri('DraftBot.poebot.json');
    await writeText(file, (await readText(file)).replace('"description": ""', '"description": "from CI"'));
    const ci = await cli(['push', 'DraftBot.poebot.json', '--yes']);
    assert.equal(ci.code, 0, ci.out);
    assert.equal((await peek('DraftBot')).bot.description, 'from CI');
    const before = await readText(lock);

    await writeText(file, (await readText(file)).replace('"from CI"', '"from the editor"'));
    const a = answer(x.testing.ui, { confirm: ['Push'] });
    let result: PushResult | undefined;
    try {
      result = await vscode.commands.executeCommand<PushResult>('poeBots.push', file);
    } finally {
      a.restore();
    }
    assert.equal(result?.plan.verb, 'update');
    assert.equal(a.asked.length, 1);
    assert.doesNotMatch(
      a.asked[0]!,
      /changed on Poe/,
      "the push from the CLI reads as the team's, not as a change on Poe",
    );
    assert.equal((await peek('DraftBot')).bot.description, 'from the editor');
    assert.notEqual(await readText(lock), before, 'the editor wrote the lock file');
    const drift = await cli(['drift', 'DraftBot.poebot.json']);
    assert.equal(drift.code, 0, drift.out);
  });

  it("a folder last pushed to another account says so in the editor's confirmation, and then belongs to the editor's", async () => {
    assert.equal((await cli(['pull', '.', '--only', 'DraftBot'], { POE_ACCOUNT: 'production' })).code, 0);
    assert.equal(JSON.parse(await readText(lock)).account, 'production');
    const file = workspaceUri('DraftBot.poebot.json');
    await writeText(file, (await readText(file)).replace('"description": ""', '"description": "from the editor"'));
    const name = (await x.testing.services.keys.poeKey())!.account;
    const a = answer(x.testing.ui, { confirm: ['Push'] });
    try {
      await vscode.commands.executeCommand('poeBots.push', file);
    } finally {
      a.restore();
    }
    assert.match(a.asked[0]!, new RegExp(`This folder was last pushed to production; you are on ${name}\\.`));
    assert.equal(JSON.parse(await readText(lock)).account, name);
    const ci = await cli(['push', '.', '--yes'], { POE_ACCOUNT: 'production' });
    assert.equal(ci.code, 1);
    assert.match(ci.out, /--account-change/);
  });
});
