// Two Poe accounts in the Bots view, as a person uses them: add one from the palette, then switch back from the
// view's title in two clicks; the tree, the title and the balance follow each switch.
import { OTHER_KEY, DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

describe('UI: switching Poe accounts', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
  });

  it('adds "production", then switches back from the Bots view\'s title in two clicks: the tree, title and balance follow', async () => {
    wb = await Workbench.start('accounts', { env: { POE_API_KEY: DEMO_KEY } });
    const sidebar = wb.page.locator('.part.sidebar');
    await wb.openBotsView();
    await wb.row('GlmHelper');
    await sidebar
      .locator('.message', { hasText: /Account: environment\. Balance: 12,345 points/ })
      .first()
      .waitFor({ timeout: 30_000 });

    await wb.command('Poe: Add Account…');
    await wb.answerInput('production', /A name for the account/);
    await wb.answerInput(OTHER_KEY, /this account's key/);
    await wb.toast(/Added the Poe account "production"/);
    await wb.row('TakenBot');
    await sidebar.locator('.composite.title', { hasText: /production/i }).waitFor({ timeout: 30_000 });
    await sidebar
      .locator('.message', { hasText: /Account: production\. Balance: 3,000 points/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('accounts-production');

    // Two clicks: the title's Switch Account… button, then the account.
    await sidebar.locator('.action-label[aria-label^="Switch Account"]').first().click();
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'environment' }).first().click();
    await wb.row('GlmHelper');
    await sidebar.locator('.composite.title', { hasText: /environment/i }).waitFor({ timeout: 30_000 });
    await sidebar
      .locator('.message', { hasText: /Account: environment\. Balance: 12,345 points/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('accounts-switched');
  });
});
