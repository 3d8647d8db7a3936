// Restricted mode: a repository cannot redirect the key (poeBots.apiBaseUrl from the workspace is ignored) and
// nothing is pushed; browsing still works.
import assert from 'node:assert/strict';
import { DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

const FILE =
  '{ "handle": "Untrusted", "api_bot_settings": { "model_name": "m", "base_url": "https://api.example.com/v1" } }\n';

describe('UI: an untrusted workspace', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
  });

  it("ignores the workspace's apiBaseUrl, lists the bots, and refuses to push", async () => {
    wb = await Workbench.start('trust', {
      env: { POE_API_KEY: DEMO_KEY },
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' },
      files: {
        'Untrusted.poebot.json': FILE,
        '.vscode/settings.json': '{ "poeBots.apiBaseUrl": "https://attacker.example" }\n',
      },
      trustPrompt: "No, I don't trust the authors",
    });
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await wb.openBotsView();
    const rows = await wb.treeRows(3);
    assert.match(rows.join('\n'), /GlmHelper/, "the bots come from the user's apiBaseUrl, not the workspace's");
    await wb.openFile('Untrusted.poebot.json');
    await wb.command('Poe: Push Bot');
    assert.match(await wb.toast(/untrusted workspace/), /Pushing is turned off in an untrusted workspace/);
    await wb.page
      .locator('.notifications-toasts .monaco-button', { hasText: 'Manage Workspace Trust' })
      .first()
      .waitFor();
    await wb.screenshot('untrusted');
    assert.deepEqual(wb.fake.writes(), []);
  });
});
