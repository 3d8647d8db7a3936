// Try Bot's routes in the editor: through the fake Poe (a public bot answers, points and balance come back, a private
// bot is explained), and straight to the fake endpoint with the file's parameter values as top-level fields.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { TryRoute } from '../../src/workbench/panels';
import { FakeEndpoint } from '../fake-endpoint/server';
import { answer, DEMO_KEY, extension, resetFake, waitFor, workspaceUri, writeText } from './helpers';

const route = (routes: TryRoute[], id: string) => routes.find((r) => r.id === id)!;
const ask = [{ role: 'user' as const, content: 'What can you do?' }];

describe('Try Bot', () => {
  let x: PoeBotsExtensionApi;
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
    await x.testing.services.tree.reload();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('through Poe: a public bot streams its answer, then the points it cost and the balance', async () => {
    const source = (await x.testing.tryBotSource('GlmHelper'))!;
    const poe = route(source.routes(), 'poe');
    assert.equal(poe.available, true);
    assert.equal(poe.paramsEditable, false);
    const pieces: string[] = [];
    const reply = await poe.send(ask, {}, (d) => pieces.push(d), new AbortController().signal);
    assert.ok(pieces.length > 1, 'the reply arrived in pieces');
    assert.equal(pieces.join(''), reply.text);
    assert.match(reply.text, /What can you do\?/);
    assert.ok(reply.pointsCost! > 0);
    assert.equal(reply.balance, 12_345 - reply.pointsCost!);
    assert.equal(x.testing.services.tree.balance, reply.balance, 'the Bots view shows the new balance');
    source.dispose?.();
  });

  it('a private bot cannot go through Poe, and says so in one sentence', async () => {
    const source = (await x.testing.tryBotSource('DraftBot'))!;
    const poe = route(source.routes(), 'poe');
    assert.equal(poe.available, false);
    assert.match(poe.reason!, /public bots only/);
    source.dispose?.();
  });

  it("direct: the file's endpoint answers, with parameter values as top-level fields and the cost at its prices", async () => {
    const endpoint = await FakeEndpoint.start({});
    const uri = workspaceUri('TryDirect.poebot.json');
    try {
      await x.testing.services.keys.storeEndpointSecret('TRY_DIRECT', endpoint.key);
      await writeText(
        uri,
        JSON.stringify({
          handle: 'TryDirect',
          is_private: true,
          api_bot_settings: {
            base_url: endpoint.url,
            model_name: 'my-model',
            api_key: '${secret:TRY_DIRECT}',
            pricing: { prompt: '0.000001', completion: '0.000002' },
            param_definitions: [{ param_name: 'enable_thinking', param_dest: 'extra_body', default_value: false }],
          },
        }),
      );
      const source = (await x.testing.tryBotSource(uri))!;
      const direct = route(source.routes(), 'direct');
      assert.equal(direct.available, true);
      assert.deepEqual(
        (direct.describe(ask, { enable_thinking: true }).body as { enable_thinking?: boolean }).enable_thinking,
        true,
      );
      const a = answer(x.testing.ui, { confirm: [`Send the Key to ${new URL(endpoint.url).host}`] });
      let reply;
      try {
        reply = await direct.send(ask, { enable_thinking: true }, () => undefined, new AbortController().signal);
      } finally {
        a.restore();
      }
      assert.match(reply.text, /Hello from my-model/);
      assert.match(reply.costText!, /^\$[\d.]+ at the file's prices$/);
      assert.equal((endpoint.log.at(-1)!.body as { enable_thinking?: boolean }).enable_thinking, true);
      source.dispose?.();
    } finally {
      await endpoint.stop();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('Stop aborts the stream', async () => {
    await fetch(`${process.env.POE_FAKE_URL}/__fake/chat`, {
      method: 'POST',
      body: JSON.stringify({ gapMs: 1000 }),
      headers: { 'content-type': 'application/json' },
    });
    const source = (await x.testing.tryBotSource('GlmHelper'))!;
    const ac = new AbortController();
    const pieces: string[] = [];
    const sending = route(source.routes(), 'poe').send(
      ask,
      {},
      (d) => {
        pieces.push(d);
        ac.abort();
      },
      ac.signal,
    );
    await assert.rejects(sending, /Stopped/);
    assert.equal(pieces.length, 1, 'nothing arrived after Stop');
    source.dispose?.();
  });

  it('the command opens "Try <handle>" beside the editor', async () => {
    assert.equal(await vscode.commands.executeCommand('poeBots.tryBot', 'GlmHelper'), 'GlmHelper');
    await waitFor('the Try GlmHelper tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Try GlmHelper'),
    );
  });
});
