// From a fresh install to a live bot, as a creator does it: the welcome view, Set API Key (a wrong key first),
// New Bot File, fill in the endpoint, Push. A screenshot at each step.
import assert from 'node:assert/strict';
import { DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

describe('UI: onboarding', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
  });

  it('welcome → Set API Key (wrong, then right) → New Bot File → Push → the bot is on Poe and in the tree', async () => {
    wb = await Workbench.start('onboarding', { seed: 'empty' });
    const page = wb.page;
    await wb.openBotsView();
    await wb.welcomeButton('Set API Key').waitFor({ timeout: 30_000 });
    await wb.screenshot('onboarding-1-welcome');

    await wb.welcomeButton('Set API Key').click();
    await wb.answerInput('poe-this-key-is-wrong-0000');
    assert.match(await wb.toast(/Poe rejected this key/), /not saved/);
    await wb.screenshot('onboarding-2-wrong-key');
    await page
      .locator('.notifications-toasts .codicon-notifications-clear, .notifications-toasts .codicon-close')
      .first()
      .click()
      .catch(() => undefined);

    await wb.welcomeButton('Set API Key').click();
    await wb.answerInput(DEMO_KEY);
    await wb.toast(/Poe API key saved/);
    await wb.welcomeButton('New Bot File').waitFor({ timeout: 30_000 }); // the account has no bots yet
    await wb.screenshot('onboarding-3-key-saved');

    await wb.welcomeButton('New Bot File').click();
    await wb.answerInput('OnboardBot');
    await page.locator('.editor-group-container .tab.active', { hasText: 'OnboardBot.poebot.json' }).waitFor();
    // The new file puts the cursor inside "model_name": "" (line 8, column 20): type once it is there.
    await page.locator('.part.statusbar', { hasText: 'Ln 8, Col 20' }).waitFor();
    await page.locator('.monaco-editor.focused').waitFor();
    await page.keyboard.type('onboard-model');
    await page.keyboard.press('Control+G');
    await wb.answerInput(':9'); // go to line 9: "base_url": "https://",
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('api.example.com/v1');
    await page.keyboard.press('Control+S');
    await page.locator('.editor-group-container .tab.active:not(.dirty)').waitFor();
    await wb.screenshot('onboarding-4-bot-file');

    await page.locator('.codelens-decoration a', { hasText: 'Push to Poe' }).first().click();
    const missing = await wb.dialog(/No endpoint secret named "OnboardBot"/);
    await wb.clickDialogButton(missing, 'Set Secret');
    await wb.answerInput('sk-onboard-endpoint-key');
    const confirm = await wb.dialog(/Create "OnboardBot"/);
    await wb.screenshot('onboarding-5-confirm');
    await wb.clickDialogButton(confirm, 'Push');
    await wb.toast(/Created "OnboardBot" on Poe/);
    await wb.row('OnboardBot');
    await wb.screenshot('onboarding-6-pushed');

    const stored = wb.fake.peek('OnboardBot');
    assert.equal(stored?.bot.api_bot_settings?.model_name, 'onboard-model');
    assert.equal(stored?.bot.api_bot_settings?.base_url, 'https://api.example.com/v1');
    assert.equal(stored?.apiKey, 'sk-onboard-endpoint-key');
  });
});
