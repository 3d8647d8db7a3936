// Pull All Bots: every bot of the account into a chosen folder, through the same flow as `poe-bots pull`; a second
// pull changes nothing; a change made on Poe edits the file in place, keeping the creator's comment.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { PlannedPull } from '../../src/sync';
import {
  answer,
  DEMO_KEY,
  extension,
  fake,
  peek,
  readText,
  resetFake,
  waitFor,
  workspaceUri,
  writeText,
} from './helpers';

describe('Pull All Bots', () => {
  let x: PoeBotsExtensionApi;
  const folder = () => workspaceUri('pulled');
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
    await x.testing.services.tree.reload();
  });
  after(async () => {
    await vscode.workspace.fs.delete(folder(), { recursive: true });
  });

  async function pullAll(answers: { confirm?: (string | undefined)[] }) {
    const a = answer(x.testing.ui, { folder: [folder()], ...answers });
    try {
      return {
        planned: await vscode.commands.executeCommand<PlannedPull[] | undefined>('poeBots.pullAll'),
        asked: a.asked,
      };
    } finally {
      a.restore();
    }
  }

  it('writes every bot into the chosen folder after one confirmation, then finds nothing to change', async () => {
    const first = await pullAll({ confirm: ['Pull 3 Bots'] });
    assert.match(first.asked[1]!, /Pull 3 of 3 bot\(s\) into pulled\?/);
    assert.deepEqual(
      first.planned!.map((p) => `${p.handle} ${p.change}`),
      ['GlmHelper new', 'ThinkingTutor new', 'DraftBot new'],
    );
    for (const handle of ['GlmHelper', 'ThinkingTutor', 'DraftBot']) {
      const text = await readText(workspaceUri('pulled', `${handle}.poebot.json`));
      assert.equal(JSON.parse(text).handle, handle);
      assert.ok(!text.includes('sk-demo-endpoint'));
    }
    await waitFor('the file index to see the new files', async () =>
      (await x.testing.services.files.fileFor('DraftBot'))?.path.includes('/pulled/'),
    );
    const second = await pullAll({});
    assert.deepEqual(
      second.planned!.map((p) => p.change),
      ['same', 'same', 'same'],
      'no question when nothing changes',
    );
  });

  it('a change made on Poe edits only that file, in place, keeping its comment', async () => {
    const draft = workspaceUri('pulled', 'DraftBot.poebot.json');
    const mine = (await readText(draft)).replace('"handle": "DraftBot",', '"handle": "DraftBot", // my note');
    await writeText(draft, mine);
    await fake('PUT', 'bots', { bot: { ...(await peek('DraftBot')).bot, description: 'changed on poe.com' } });
    const { planned, asked } = await pullAll({ confirm: ['Pull 1 Bots'] });
    assert.match(asked[1]!, /edited in place: pulled\/DraftBot\.poebot\.json/);
    assert.deepEqual(
      planned!.filter((p) => p.change !== 'same').map((p) => p.handle),
      ['DraftBot'],
    );
    const text = await readText(draft);
    assert.ok(text.includes('// my note'));
    assert.ok(text.includes('"description": "changed on poe.com"'));
  });

  it('a file whose values were edited since the last pull is named in the question, and Skip Edited Files keeps it', async () => {
    const glm = workspaceUri('pulled', 'GlmHelper.poebot.json');
    const mine = (await readText(glm)).replace('"zai-org/glm-4.6"', '"my-local-model"');
    await writeText(glm, mine);
    await fake('PUT', 'bots', { bot: { ...(await peek('GlmHelper')).bot, description: 'changed on poe.com' } });
    const { planned, asked } = await pullAll({ confirm: ['Skip Edited Files'] });
    assert.match(
      asked[1]!,
      /edited in place, over your edits since the last pull or push: pulled\/GlmHelper\.poebot\.json/,
    );
    const glmResult = planned!.find((p) => p.handle === 'GlmHelper')!;
    assert.equal(glmResult.change, 'refused');
    assert.match(glmResult.reason!, /edited since it was last pulled or pushed/);
    assert.equal(await readText(glm), mine, "the creator's edit stays");
  });
});
