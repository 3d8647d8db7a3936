// Push from the CodeLens, with the confirmation a person reads and clicks.
import assert from 'node:assert/strict';
import { DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

const FILE = `{
  "$schema": "poebot-schema:/poebot.schema.json",
  "handle": "LensBot",
  "description": "Pushed from the CodeLens",
  "api_bot_settings": {
    "model_name": "lens-model",
    "base_url": "https://api.example.com/v1",
    "pricing": { "prompt": "0.000001", "completion": "0.000002" }
  }
}
`;

const PROBLEMS = `{
  "handle": "Problems",
  "api_bot_settings": {
    "modle_name": "typo",
    "base_url": "http://insecure.example.com",
    "max_input_tokens": 200000,
    "context_size": 128000,
    "api_key": "sk-pasted-by-mistake",
    "pricing": { "prompt": "3", "completion": "0.000015" }
  }
}
`;

describe('UI: push', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
  });

  it('creates the bot from the CodeLens after the confirmation', async () => {
    wb = await Workbench.start('push', {
      env: { POE_API_KEY: DEMO_KEY },
      files: { 'LensBot.poebot.json': FILE, 'Problems.poebot.json': PROBLEMS },
    });
    await wb.openFile('LensBot.poebot.json');
    const lens = wb.page.locator('.codelens-decoration a', { hasText: 'Push to Poe' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await wb.screenshot('file');
    await lens.click();
    const box = await wb.dialog(/Create "LensBot"/);
    assert.match(await box.innerText(), /A new bot \(POST \/bots\)/);
    await wb.screenshot('push-confirmation');
    await wb.clickDialogButton(box, 'Push');
    await wb.toast(/Created "LensBot" on Poe/);
    assert.equal(wb.fake.peek('LensBot')?.bot.description, 'Pushed from the CodeLens');
    // Read to plan, read again right after the creator agreed (they may have taken minutes), write, read back.
    assert.deepEqual(
      wb.fake.log
        .filter((r) => r.path !== '/bots' || r.method === 'POST')
        .map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /bots/LensBot 404', 'GET /bots/LensBot 404', 'POST /bots 201', 'GET /bots/LensBot 200'],
    );
  });

  it("shows a file's problems in the Problems panel, from the schema and from the extension", async () => {
    wb = await Workbench.start('problems', { files: { 'Problems.poebot.json': PROBLEMS } });
    await wb.openFile('Problems.poebot.json');
    await wb.page.keyboard.press('Control+Shift+M');
    const panel = wb.page.locator('.markers-panel');
    await panel.locator('.monaco-list-row', { hasText: /larger than context_size/ }).waitFor({ timeout: 30_000 });
    await panel.locator('.monaco-list-row', { hasText: /modle_name/ }).waitFor({ timeout: 30_000 });
    await panel.locator('.monaco-list-row', { hasText: /endpoint key written in the file/ }).waitFor();
    await wb.screenshot('diagnostics');
  });
});
