// Check Endpoint and Try Bot as a creator uses them in the browser: the report's rows, a streamed reply through Poe
// with its points, Stop, a private bot explained and tried straight against its endpoint, a control that changes the
// request. The endpoint is the fake one over https, trusted by the editor through NODE_EXTRA_CA_CERTS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_KEY } from '../fake-poe/seeds';
import { FakeEndpoint } from '../fake-endpoint/server';
import { sendInPanel, Workbench } from './workbench';

const CA = path.resolve(__dirname, '../../../test/fake-endpoint/tls/cert.pem');

const checked = (url: string) => `{
  "$schema": "poebot-schema:/poebot.schema.json",
  "handle": "GlmHelper",
  "description": "A helpful assistant on GLM 4.6",
  "is_private": false,
  "api_bot_settings": {
    "model_name": "zai-org/glm-4.6",
    "base_url": "${url}",
    "api_key": "\${env:UI_ENDPOINT_KEY}",
    "input_modalities": ["text", "image"],
    "supported_features": ["tools"],
    "context_size": 131072,
    "pricing": { "prompt": "0.0000006", "completion": "0.0000022" },
    "param_definitions": [{ "param_name": "temperature", "param_dest": "extra_body", "default_value": 0.7 }]
  },
  "parameter_controls": { "api_version": "2", "sections": [{ "name": "Sampling", "controls": [
    { "control": "slider", "label": "Temperature", "parameter_name": "temperature", "min_value": 0, "max_value": 2, "step": 0.1, "default_value": 0.7 }
  ] }] }
}
`;

const draft = (url: string) => `{
  "$schema": "poebot-schema:/poebot.schema.json",
  "handle": "DraftBot",
  "description": "",
  "is_private": true,
  "api_bot_settings": {
    "model_name": "my-model",
    "base_url": "${url}",
    "api_key": "\${env:UI_ENDPOINT_KEY}",
    "param_definitions": [{ "param_name": "enable_thinking", "param_dest": "extra_body", "default_value": false }]
  },
  "parameter_controls": { "api_version": "2", "sections": [{ "name": "Advanced", "controls": [
    { "control": "toggle_switch", "label": "Enable Thinking", "parameter_name": "enable_thinking", "default_value": false }
  ] }] }
}
`;

describe('UI: Check Endpoint and Try Bot', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;
  let endpoint: FakeEndpoint | undefined;
  afterEach(async function () {
    await wb?.stop(this.currentTest?.state === 'failed' ? this.currentTest.title : undefined);
    await endpoint?.stop();
    wb = undefined;
    endpoint = undefined;
  });

  async function start(name: string, files: (url: string) => Record<string, string>) {
    endpoint = await FakeEndpoint.start({ tls: true, contextLength: 131072 });
    wb = await Workbench.start(name, {
      env: { POE_API_KEY: DEMO_KEY, UI_ENDPOINT_KEY: endpoint.key, NODE_EXTRA_CA_CERTS: CA },
      files: files(endpoint.url),
    });
    return { wb, endpoint };
  }

  it('Check Endpoint from the CodeLens: the address is agreed to, then every row passes in the report', async () => {
    const { wb, endpoint } = await start('check-endpoint', (url) => ({ 'GlmHelper.poebot.json': checked(url) }));
    await wb.openFile('GlmHelper.poebot.json');
    await wb.page.locator('.codelens-decoration a', { hasText: 'Check Endpoint' }).first().click({ timeout: 30_000 });
    const host = new URL(endpoint.url).host;
    await wb.clickDialogButton(
      await wb.dialog(`Send the endpoint key from \${env:UI_ENDPOINT_KEY} to https://${host}?`),
      `Send the Key to ${host}`,
    );
    const report = await wb.webview((f) => f.locator('h1', { hasText: 'Endpoint check: GlmHelper' }));
    await report.locator('#again').waitFor({ timeout: 30_000 });
    const rows = await report
      .locator('.row')
      .evaluateAll((els) => els.map((e) => `${e.querySelector('.title')?.textContent}: ${e.classList[1]}`));
    assert.deepEqual(rows, [
      'Address: pass',
      'Key and model: pass',
      'Streaming as Poe reads it: pass',
      'Usage (what Poe bills from): pass',
      'Image input: pass',
      'Tools: pass',
      'Parameter defaults: pass',
      'Context size: pass',
    ]);
    await wb.toast(/GlmHelper: 8 checks passed/);
    await wb.screenshot('endpoint-check');
    assert.ok(!(await wb.page.content()).includes(endpoint.key));
  });

  it('Try Bot through Poe: a streamed reply with its points and the balance; Stop ends a slow one', async () => {
    const { wb } = await start('try-poe', () => ({}));
    await wb.openBotsView();
    await wb.page
      .locator('.part.sidebar .message', { hasText: /Balance: 12,345 points/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.command('Poe: Try Bot');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'GlmHelper' }).first().click();
    const panel = await wb.webview((f) => f.locator('fieldset.routes'));
    await sendInPanel(panel, 'Which shapes work best?');
    await panel.locator('.turns', { hasText: 'Which shapes work best?' }).last().waitFor();
    await panel.locator('.turns', { hasText: /points/ }).waitFor({ timeout: 30_000 });
    assert.match(await panel.locator('.account').innerText(), /Balance: 12,\d{3} points/);
    await wb.screenshot('try-bot');

    await fetch(`${wb.fake.url}/__fake/chat`, {
      method: 'POST',
      body: JSON.stringify({ gapMs: 2000 }),
      headers: { 'content-type': 'application/json' },
    });
    await sendInPanel(panel, 'And a slow one?');
    await panel
      .locator('vscode-button', { hasText: 'Stop' })
      .and(panel.locator(':not([disabled])'))
      .first()
      .click({ timeout: 30_000 });
    await panel.locator('.turns', { hasText: 'Stopped.' }).waitFor({ timeout: 30_000 });
  });

  it('Try Bot on a private bot: the panel says why, the direct route answers from the endpoint, a control changes the request, Save as Test keeps the conversation', async () => {
    const { wb, endpoint } = await start('try-direct', (url) => ({ 'DraftBot.poebot.json': draft(url) }));
    await wb.openFile('DraftBot.poebot.json');
    await wb.page.locator('.codelens-decoration a', { hasText: 'Try Bot' }).first().click({ timeout: 30_000 });
    const panel = await wb.webview((f) => f.locator('fieldset.routes'));
    // A private bot starts on the direct route, saying at once why Poe cannot carry it; choosing Poe says it again.
    await panel.locator('.notice', { hasText: /Through Poe: .*public bots only/ }).waitFor({ timeout: 30_000 });
    await panel.locator('label.route', { hasText: 'Through Poe' }).locator('input').check();
    await panel.locator('.notice', { hasText: /public bots only/ }).waitFor({ timeout: 30_000 });
    await wb.screenshot('try-bot-private');
    await panel.locator('.notice vscode-button').first().click();
    await panel.locator('details.request > summary').click();
    await panel.locator('details.request code', { hasText: '"enable_thinking": false' }).waitFor();
    await panel.locator('vscode-checkbox').first().click();
    await panel.locator('details.request code', { hasText: '"enable_thinking": true' }).waitFor();
    await sendInPanel(panel, 'Think first?');
    const host = new URL(endpoint.url).host;
    await wb.clickDialogButton(await wb.dialog(`to https://${host}?`), `Send the Key to ${host}`);
    await panel.locator('.turns', { hasText: 'Hello from my-model' }).waitFor({ timeout: 30_000 });
    await panel.locator('.turns', { hasText: /at the file's prices|tokens/ }).waitFor();
    assert.equal(
      (endpoint.log.at(-1)!.body as { enable_thinking?: boolean }).enable_thinking,
      true,
      'the toggled value reached the endpoint',
    );
    await wb.screenshot('try-bot-direct');

    // Save as Test, from the panel's title bar: the conversation becomes a case in the test file beside the bot file,
    // with the toggled value and the reply's first words as a draft assertion; the file opens at the new case.
    await wb.page.locator('.editor-actions a.action-label[aria-label*="Save Conversation as Test"]').first().click();
    await wb.page.locator('.tab', { hasText: 'DraftBot.poebot-test.json' }).waitFor({ timeout: 30_000 });
    const saved = JSON.parse(fs.readFileSync(path.join(wb.workspace, 'DraftBot.poebot-test.json'), 'utf8')) as {
      bot: string;
      cases: { name: string; messages: { role: string; content: string }[]; parameters?: object; assert: object[] }[];
    };
    assert.equal(saved.bot, 'DraftBot.poebot.json');
    assert.deepEqual(saved.cases.length, 1);
    assert.deepEqual(saved.cases[0]!.messages, [{ role: 'user', content: 'Think first?' }]);
    assert.deepEqual(saved.cases[0]!.parameters, { enable_thinking: true });
    const [draftAssert] = saved.cases[0]!.assert as { type: string; value: string }[];
    assert.equal(draftAssert!.type, 'contains');
    assert.match(draftAssert!.value, /^Hello from my-model/);
    assert.ok(!fs.readFileSync(path.join(wb.workspace, 'DraftBot.poebot-test.json'), 'utf8').includes(endpoint.key));
  });
});
