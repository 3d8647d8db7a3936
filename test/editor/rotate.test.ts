// Rotate Endpoint Key… in the editor: three bot files on one ${secret:…}, against the fake Poe and fake endpoints.
// With one endpoint refusing the new key nothing reaches Poe and the secret keeps the old key; with every endpoint
// taking it, one confirmation, three PATCHes of api_key only, and the secret replaced after.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { RotationReport } from '../../src/sync';
import { FakeEndpoint } from '../fake-endpoint/server';
import { answer, DEMO_KEY, extension, fake, fakeLog, peek, resetFake, workspaceUri, writeText } from './helpers';

const OLD = 'sk-rotate-old-0123456789';
const NEW = 'sk-rotate-new-9876543210';
const HANDLES = ['RotA', 'RotB', 'RotC'];

describe('Rotate Endpoint Key', () => {
  let x: PoeBotsExtensionApi;
  const endpoints: FakeEndpoint[] = [];
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
    await x.testing.services.keys.storeEndpointSecret('ROTATE_ME', OLD);
  });
  afterEach(async () => {
    for (const e of endpoints.splice(0)) await e.stop();
    for (const h of HANDLES)
      await vscode.workspace.fs.delete(workspaceUri(`${h}.poebot.json`)).then(undefined, () => undefined);
  });

  /** The three bots on Poe and in files; the last one on its own endpoint. */
  async function setUp(lastKey: string): Promise<void> {
    const shared = await FakeEndpoint.start({ key: NEW });
    const own = await FakeEndpoint.start({ key: lastKey });
    endpoints.push(shared, own);
    for (const [i, handle] of HANDLES.entries()) {
      const settings = {
        model_name: 'my-model',
        base_url: i === 2 ? own.url : shared.url,
        api_type: 'chat_completions_api',
      };
      await fake('PUT', 'bots', { bot: { handle, description: handle, is_private: true, api_bot_settings: settings } });
      await writeText(
        workspaceUri(`${handle}.poebot.json`),
        JSON.stringify({ handle, api_bot_settings: { ...settings, api_key: '${secret:ROTATE_ME}' } }, null, 2),
      );
    }
    await fake('DELETE', 'log');
  }

  async function rotate(confirm: (string | undefined)[]) {
    const a = answer(x.testing.ui, { confirm, pick: ['${secret:ROTATE_ME}'], input: [NEW] });
    try {
      return {
        report: await vscode.commands.executeCommand<RotationReport>('poeBots.rotateEndpointKey'),
        asked: a.asked,
      };
    } finally {
      a.restore();
    }
  }

  it('an endpoint that refuses the new key: nothing is sent to Poe and the secret keeps the old key', async function () {
    this.timeout(60_000);
    await setUp(OLD);
    const { report } = await rotate(['Rotate the Key of 3 Bots']);
    assert.equal(report.outcome, 'keyRefused');
    assert.deepEqual(
      (await fakeLog()).filter((r) => r.method !== 'GET'),
      [],
      'no write reached Poe',
    );
    assert.equal(await x.testing.services.keys.endpointSecret('ROTATE_ME'), OLD);
  });

  it('every endpoint takes it: one confirmation naming every bot and host, three PATCHes of api_key only, the secret replaced', async function () {
    this.timeout(60_000);
    await setUp(NEW);
    const { report, asked } = await rotate(['Rotate the Key of 3 Bots']);
    assert.equal(report.outcome, 'rotated', report.message);
    const question = asked.find((q) => q.startsWith('Rotate the endpoint key'))!;
    assert.match(
      question,
      /^Rotate the endpoint key \$\{secret:ROTATE_ME\} of 3 bot\(s\) on "\w+" \(127\.0\.0\.1:\d+[^)]*\)\?/,
    );
    for (const h of HANDLES)
      assert.match(question, new RegExp(`${h} \\(${h}\\.poebot\\.json\\) → 127\\.0\\.0\\.1:\\d+`));
    const patches = (await fakeLog()).filter((r) => r.method !== 'GET');
    assert.deepEqual(
      patches.map((r) => `${r.method} ${r.path}`).sort(),
      HANDLES.map((h) => `PATCH /bots/${h}`),
    );
    for (const p of patches) assert.deepEqual(p.body, { api_bot_settings: { api_key: NEW } });
    for (const h of HANDLES) assert.equal((await peek(h)).apiKey, NEW);
    assert.equal(await x.testing.services.keys.endpointSecret('ROTATE_ME'), NEW);
  });
});
