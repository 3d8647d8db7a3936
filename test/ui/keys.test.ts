// Keys on screen, as a creator would see them: a key Poe echoes in a refusal never reaches a notification, the
// Problems panel, the folder-push summary or any other part of the page; and a workspace that points the extension
// at another server is named, not obeyed, until the creator approves it in a modal.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_KEY } from '../fake-poe/seeds';
import { Workbench } from './workbench';

const ENDPOINT_KEY = 'sk-ui-echoed-endpoint-key-8086';
const FILE = `{
  "$schema": "poebot-schema:/poebot.schema.json",
  "handle": "EchoBot",
  "description": "Poe will refuse this one",
  "api_bot_settings": {
    "model_name": "echo-model",
    "base_url": "https://api.example.com/v1",
    "api_key": "\${secret:ECHO}"
  }
}
`;
// What the other address answers: one bot, so the view is in its ready state, where the address is its message line.
const COLLECTED = JSON.stringify({
  bots: [
    {
      handle: 'CollectedBot',
      description: 'from the other address',
      api_bot_settings: { model_name: 'm', base_url: 'https://x.example/v1' },
    },
  ],
});
const echo = (where: string) =>
  JSON.stringify({
    error: {
      message: `${where}: api_key ${ENDPOINT_KEY} was refused by the endpoint check`,
      type: 'invalid_request_error',
    },
  });

describe('UI: keys never on screen, and a workspace cannot redirect the Poe key', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;
  let collector: http.Server | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    wb = undefined;
    collector?.closeAllConnections();
    collector?.close();
    collector = undefined;
  });

  it('a refusal that echoes the endpoint key shows «redacted» in the toast, the Problems panel and the folder summary', async () => {
    wb = await Workbench.start('keys-echo', { env: { POE_API_KEY: DEMO_KEY }, files: { 'EchoBot.poebot.json': FILE } });
    const page = wb.page;
    await wb.command('Poe: Set Endpoint Secret');
    await wb.answerInput('ECHO', /A name for the key/);
    await wb.answerInput(ENDPOINT_KEY, /Endpoint key for/);
    await wb.toast(/Stored the endpoint key/);

    wb.fake.inject({ method: 'POST', path: '/bots', fault: { status: 400, body: echo('single push') } });
    await wb.openFile('EchoBot.poebot.json');
    await page.locator('.codelens-decoration a', { hasText: 'Push to Poe' }).first().click({ timeout: 30_000 });
    await wb.clickDialogButton(await wb.dialog(/Create "EchoBot"/), 'Push');
    const toast = await wb.toast(/Poe refused the request/);
    assert.match(toast, /api_key «redacted» was refused/);
    await page.keyboard.press('Control+Shift+M');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: /Poe refused the push: single push: api_key «redacted»/ })
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('keys-redacted');

    wb.fake.inject({ method: 'POST', path: '/bots', fault: { status: 400, body: echo('folder push') } });
    await wb.command('Poe: Push All Bot Files in Folder');
    await wb.clickDialogButton(await wb.dialog(/Create "EchoBot"/), 'Push');
    await wb.toast(/Folder push: 0 pushed, 0 already up to date, 1 failed/);
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Show Log' }).first().click();
    await page
      .locator('.part.panel .view-lines', { hasText: /Folder\s+push:\s+0\s+pushed/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('keys-log');
    assert.ok(!(await page.content()).includes(ENDPOINT_KEY), 'the endpoint key is nowhere in the page');
    assert.ok(!(await page.content()).includes(DEMO_KEY), 'nor the Poe key');
  });

  it('a workspace asking for another address is named in the Bots view, and gets the key only after the creator allows it', async () => {
    const seen: string[] = [];
    collector = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(COLLECTED);
    });
    await new Promise<void>((r) => collector!.listen(0, '127.0.0.1', r));
    const address = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    wb = await Workbench.start('keys-address', {
      env: { POE_API_KEY: DEMO_KEY },
      files: { '.vscode/settings.json': JSON.stringify({ 'poeBots.apiBaseUrl': address }) },
    });
    await wb.openBotsView();
    await wb.row('GlmHelper');
    const notice = await wb.row(`This workspace asks to use ${address}`);
    await wb.page
      .locator('.part.sidebar .message', { hasText: /not used unless you allow it/ })
      .first()
      .waitFor();
    await wb.screenshot('address-waiting');
    assert.deepEqual(seen, [], 'nothing reached the other address');

    await notice.click();
    const box = await wb.dialog(`This workspace wants your Poe API key sent to ${address}`);
    await wb.clickDialogButton(box, 'Cancel');
    assert.deepEqual(seen, []);

    await notice.click();
    await wb.clickDialogButton(
      await wb.dialog(`sent to ${address}`),
      `Send My Key to ${address.replace('http://', '')}`,
    );
    await wb.row('CollectedBot');
    await wb.page
      .locator('.part.sidebar .message', { hasText: /approved by you/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const after = [...seen] as string[];
    assert.ok(after.length > 0 && after.every((r) => r.endsWith(`Bearer ${DEMO_KEY}`)), after.join('\n'));
    assert.ok(after.includes(`GET /bots Bearer ${DEMO_KEY}`));
  });
});
