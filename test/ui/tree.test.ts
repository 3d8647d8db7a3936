// A person's view of the tree: the welcome view without a key, and the demo bots with one.
import assert from 'node:assert/strict';
import { DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

describe('UI: the Bots view', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
  });

  it('shows the demo bots when POE_API_KEY is set, and a tooltip on hover', async () => {
    wb = await Workbench.start('tree', { env: { POE_API_KEY: DEMO_KEY } });
    await wb.openBotsView();
    const rows = await wb.treeRows(3);
    assert.match(rows[0]!, /GlmHelper.*zai-org\/glm-4\.6 · Chat Completions/);
    assert.match(rows[1]!, /ThinkingTutor/);
    assert.match(rows[2]!, /DraftBot/);
    await wb.page
      .locator('.part.sidebar', { hasText: /Using the key from the POE_API_KEY environment variable/ })
      .waitFor();
    await (await wb.row('GlmHelper')).hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: /\$0\.60 per 1M tokens/ }).first();
    await hover.waitFor({ timeout: 30_000 });
    assert.match(await hover.innerText(), /https:\/\/api\.example\.com\/v1/);
    await wb.screenshot('tree');
  });

  it('without a key shows the welcome view, whose button asks for the key', async () => {
    wb = await Workbench.start('welcome');
    await wb.openBotsView();
    const button = wb.welcomeButton('Set API Key');
    await button.waitFor({ timeout: 30_000 });
    await wb.screenshot('welcome');
    await button.click();
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
  });
});
