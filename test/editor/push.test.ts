// Push against the fake, asserting what reached it: create, update, replace, conflicts, failures, folders. The
// whole suite runs once for each answer to what Poe's docs leave open (merge depth, PUT without a key).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { FileResult } from '../../src/sync';
import type { PushResult } from '../../src/workbench/push/commands';
import type { FakeModes } from '../fake-poe/server';
import {
  answer,
  clearBaselines,
  DEMO_KEY,
  extension,
  fake,
  fakeLog,
  peek,
  readText,
  resetFake,
  waitFor,
  workspaceUri,
  writeText,
} from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits free-form JSON
type EditableBot = Record<string, any>;
type Sent = { handle?: string; api_bot_settings: { api_key?: string } };

const requests = async () => (await fakeLog()).map((r) => `${r.method} ${r.path} ${r.status}`);
const MODES: FakeModes[] = [
  { merge: 'shallow', putWithoutKey: 'clears' },
  { merge: 'deep', putWithoutKey: 'keeps' },
];

for (const modes of MODES) {
  describe(`Push (fake Poe: merge ${modes.merge}, PUT without a key ${modes.putWithoutKey})`, () => {
    let x: PoeBotsExtensionApi;
    before(async () => {
      x = await extension();
    });
    beforeEach(async () => {
      await resetFake('demo', modes);
      process.env.POE_API_KEY = DEMO_KEY;
    });
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await clearBaselines(x);
      for (const f of await vscode.workspace.findFiles('{*.poebot.json,fleet/**}'))
        await vscode.workspace.fs.delete(f, { recursive: true });
    });

    /** Pulls a bot into its file; any question the pull asks fails the test instead of waiting for a person. */
    async function pull(handle: string, clearLog = true): Promise<vscode.Uri> {
      const a = answer(x.testing.ui, {});
      let uri: vscode.Uri;
      try {
        uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', handle);
      } finally {
        a.restore();
      }
      assert.ok(uri, `${handle} was pulled`);
      if (clearLog) await fake('DELETE', 'log');
      return uri;
    }

    /** Edits the file the way a creator does: in its editor, then saves. */
    async function edit(uri: vscode.Uri, change: (bot: EditableBot) => void): Promise<void> {
      const doc = await vscode.workspace.openTextDocument(uri);
      const disk = await readText(uri);
      await waitFor('the editor to show the file as on disk', () => doc.getText() === disk || undefined);
      const bot = JSON.parse(doc.getText());
      change(bot);
      const e = new vscode.WorkspaceEdit();
      e.replace(
        uri,
        new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)),
        JSON.stringify(bot, null, 2),
      );
      assert.ok(await vscode.workspace.applyEdit(e));
      assert.ok(await doc.save());
    }

    async function run(
      command: string,
      uri: vscode.Uri,
      answers: { confirm?: (string | undefined)[]; input?: string[] } = { confirm: ['Push'] },
    ) {
      const a = answer(x.testing.ui, answers);
      try {
        const result = await vscode.commands.executeCommand<PushResult | undefined>(command, uri);
        return { result, asked: a.asked };
      } finally {
        a.restore();
      }
    }

    it('update sends only the fields that changed, reading the bot again right before the write and back after it: 2 GET + 1 PATCH + 1 GET', async () => {
      const uri = await pull('ThinkingTutor');
      await edit(uri, (b) => {
        b.description = 'Sharper answers';
        b.api_bot_settings.pricing.prompt = '0.0000007';
      });
      const { result, asked } = await run('poeBots.push', uri);
      assert.equal(result?.plan.verb, 'update');
      assert.match(asked[0]!, /Update "ThinkingTutor" on "environment" \(127\.0\.0\.1:\d+, key from POE_API_KEY\)\?/);
      assert.match(asked[0]!, /Changes: description, api_bot_settings\.pricing\n/);
      assert.match(asked[0]!, /The endpoint key is not sent/);
      const log = await fakeLog();
      assert.deepEqual(
        log.map((r) => r.method),
        ['GET', 'GET', 'PATCH', 'GET'],
      );
      const pricing = (await peek('ThinkingTutor')).bot.api_bot_settings!.pricing!;
      assert.deepEqual(
        log[2]!.body,
        { description: 'Sharper answers', api_bot_settings: { pricing: { ...pricing, prompt: '0.0000007' } } },
        'pricing goes whole: the merge depth of nested objects is undocumented',
      );
      assert.equal((await peek('ThinkingTutor')).bot.description, 'Sharper answers');
      assert.deepEqual(result?.notTaken, []);
      assert.equal(
        (await peek('ThinkingTutor')).apiKey,
        'sk-demo-endpoint-2',
        'the stored endpoint key was not touched',
      );
    });

    it('an unchanged file is already up to date: no write', async () => {
      const uri = await pull('ThinkingTutor');
      const { result } = await run('poeBots.push', uri, {});
      assert.equal(result?.upToDate, true);
      assert.deepEqual(await requests(), ['GET /bots/ThinkingTutor 200']);
    });

    it('create refuses a handle that exists (checked with a GET first), and creates a new one with its key, naming both', async () => {
      const uri = await pull('DraftBot');
      await run('poeBots.create', uri, {});
      assert.deepEqual(await requests(), ['GET /bots/DraftBot 200'], 'no POST was sent');

      await x.testing.services.keys.storeEndpointSecret('NEW_KEY', 'sk-new-endpoint-9');
      const fresh = workspaceUri('BrandNew.poebot.json');
      await writeText(
        fresh,
        JSON.stringify({
          handle: 'BrandNew',
          description: 'new',
          api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1', api_key: '${secret:NEW_KEY}' },
        }),
      );
      await fake('DELETE', 'log');
      const { result, asked } = await run('poeBots.create', fresh);
      assert.equal(result?.plan.method, 'POST');
      assert.match(asked[0]!, /The endpoint key from \$\{secret:NEW_KEY\} is sent, for Poe to use with e\.example\./);
      assert.deepEqual(await requests(), [
        'GET /bots/BrandNew 404',
        'GET /bots/BrandNew 404',
        'POST /bots 201',
        'GET /bots/BrandNew 200',
      ]);
      assert.equal((await peek('BrandNew')).apiKey, 'sk-new-endpoint-9');
    });

    it('replace sends the whole bot with its key, after listing what it resets', async () => {
      await x.testing.services.keys.storeEndpointSecret('TUTOR', 'sk-tutor-endpoint-3');
      const uri = await pull('ThinkingTutor');
      await edit(uri, (b) => {
        delete b.parameter_controls;
        delete b.api_bot_settings.param_definitions;
        b.api_bot_settings.api_key = '${secret:TUTOR}';
      });
      const { result, asked } = await run('poeBots.replace', uri);
      assert.match(asked[0]!, /Replace "ThinkingTutor"/);
      assert.match(asked[0]!, /Reset, because the file does not have them: .*parameter_controls/);
      assert.deepEqual(result?.plan.resets, ['api_bot_settings.param_definitions', 'parameter_controls']);
      const put = (await fakeLog()).find((r) => r.method === 'PUT')!;
      assert.equal((put.body as Sent).api_bot_settings.api_key, 'sk-tutor-endpoint-3');
      assert.equal((put.body as Sent).handle, undefined);
      const after = await peek('ThinkingTutor');
      assert.equal(after.apiKey, 'sk-tutor-endpoint-3');
      assert.equal(after.bot.parameter_controls, undefined);
    });

    it('replace without a resolvable key is refused: PUT might erase the stored key', async () => {
      const uri = await pull('GlmHelper');
      await run('poeBots.replace', uri, {});
      assert.ok((await fakeLog()).every((r) => r.method !== 'PUT'));
      assert.equal((await peek('GlmHelper')).apiKey, 'sk-demo-endpoint-1');
    });

    it('moving base_url to another host is called out on its own line, even with confirmUpdates off', async () => {
      const uri = await pull('GlmHelper');
      await edit(uri, (b) => {
        b.api_bot_settings.base_url = 'https://new-host.example/v1';
        delete b.api_bot_settings.api_key;
      });
      await vscode.workspace
        .getConfiguration('poeBots')
        .update('confirmUpdates', false, vscode.ConfigurationTarget.Global);
      try {
        const { asked } = await run('poeBots.push', uri, { confirm: [undefined] });
        assert.match(
          asked[0]!,
          /^Poe will send the endpoint key it stores to new-host\.example \(until now: api\.example\.com\)\.$/m,
        );
        assert.ok((await fakeLog()).every((r) => r.method === 'GET'));
      } finally {
        await vscode.workspace
          .getConfiguration('poeBots')
          .update('confirmUpdates', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('notices a change made on Poe since the pull, and overwrites only when told to', async () => {
      const uri = await pull('DraftBot');
      const remote = (await peek('DraftBot')).bot;
      await fake('PUT', 'bots', { bot: { ...remote, description: 'edited on poe.com' } });
      await edit(uri, (b) => {
        b.is_private = false;
      });
      const first = await run('poeBots.push', uri, { confirm: [undefined] });
      assert.match(first.asked[0]!, /was changed on Poe since you last pulled or pushed it/);
      assert.ok((await fakeLog()).every((r) => r.method === 'GET'));
      const second = await run('poeBots.push', uri, { confirm: ['Overwrite and Push'] });
      assert.equal(second.result?.plan.verb, 'update');
      assert.equal((await peek('DraftBot')).bot.is_private, false);
    });

    it('a 500 on PATCH leaves the file untouched, is sent once, and is not taken for success', async () => {
      const uri = await pull('DraftBot');
      await edit(uri, (b) => {
        b.description = 'will fail';
      });
      const before = await readText(uri);
      await fake('POST', 'faults', { method: 'PATCH', fault: { status: 500 } });
      const { result } = await run('poeBots.push', uri);
      assert.equal(result, undefined);
      assert.equal(await readText(uri), before);
      assert.deepEqual(await requests(), [
        'GET /bots/DraftBot 200',
        'GET /bots/DraftBot 200',
        'PATCH /bots/DraftBot 500',
      ]);
      assert.equal((await peek('DraftBot')).bot.description, '');
    });

    it('refuses a file with errors, sending nothing', async () => {
      const uri = workspaceUri('Broken.poebot.json');
      await writeText(uri, '{ "handle": "Broken", "api_bot_settings": { "pricing": { "prompt": 5 } } }');
      assert.equal(await vscode.commands.executeCommand('poeBots.push', uri), undefined);
      assert.deepEqual(await fakeLog(), []);
    });

    it('a 400 from Poe becomes a diagnostic on the field its message names, or on the file when it names none', async () => {
      const uri = await pull('ThinkingTutor');
      await edit(uri, (b) => {
        b.api_bot_settings.pricing.prompt = '0.0000071';
      });
      await fake('POST', 'faults', {
        method: 'PATCH',
        fault: {
          status: 400,
          body: JSON.stringify({
            error: {
              message: "Invalid value for 'pricing.prompt': at most 6 decimal places",
              type: 'invalid_request_error',
            },
          }),
        },
      });
      await run('poeBots.push', uri);
      const d = await waitFor('the push diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((x) => /Poe refused the push/.test(x.message)),
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(d.range), '"0.0000071"');

      await edit(uri, (b) => {
        b.description = 'again';
      });
      await fake('POST', 'faults', {
        method: 'PATCH',
        fault: { status: 400, body: JSON.stringify({ error: { message: 'This bot cannot be changed right now' } }) },
      });
      await run('poeBots.push', uri);
      const whole = await waitFor('the file-level diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((x) => /cannot be changed right now/.test(x.message)),
      );
      assert.equal(whole.range.start.line, 0);
    });

    // Twenty bots, each meeting one 429: enough to prove no write is doubled, and few enough that the whole suite
    // stays under the extension's own 480 requests a minute (its limiter would rightly slow it down otherwise).
    it('a folder of 20 bots through injected 429s: every bot created exactly once', async function () {
      this.timeout(120_000);
      const handles = Array.from({ length: 20 }, (_, i) => `Fleet${String(i).padStart(2, '0')}`);
      for (const h of handles) {
        await writeText(
          workspaceUri('fleet', `${h}.poebot.json`),
          JSON.stringify({
            handle: h,
            description: `bot ${h}`,
            api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1' },
          }),
        );
      }
      // Each bot meets one 429 on its first POST, whatever the machine's speed.
      await fake('POST', 'faults', {
        method: 'POST',
        path: '/bots',
        times: 20,
        oncePerBot: true,
        fault: { status: 429, headers: { 'retry-after': '0' } },
      });
      const a = answer(x.testing.ui, { confirm: ['Push 20 Bots'] });
      let results: FileResult[];
      try {
        results = await vscode.commands.executeCommand<FileResult[]>('poeBots.pushFolder', workspaceUri('fleet'));
      } finally {
        a.restore();
      }
      assert.deepEqual(
        results.filter((r) => r.outcome !== 'pushed').map((r) => `${r.handle} ${r.outcome} ${r.message}`),
        [],
      );
      const log = await fakeLog();
      assert.equal(log.filter((r) => r.method === 'POST' && r.status === 429).length, 20, 'the storm happened');
      const applied = log.filter((r) => r.method === 'POST' && r.status === 201);
      assert.deepEqual(applied.map((r) => (r.body as { handle: string }).handle).sort(), handles);
      for (const h of handles) assert.equal((await peek(h)).bot.description, `bot ${h}`);
    });

    it('a folder push asks before overwriting bots changed on Poe, and can skip them', async () => {
      const draft = await pull('DraftBot', false);
      const tutor = await pull('ThinkingTutor', false);
      await fake('PUT', 'bots', { bot: { ...(await peek('DraftBot')).bot, description: 'edited on poe.com' } });
      await edit(draft, (b) => {
        b.description = 'mine';
      });
      await edit(tutor, (b) => {
        b.description = 'mine too';
      });
      await fake('DELETE', 'log');
      const a = answer(x.testing.ui, { confirm: ['Skip Changed Bots'] });
      let results: FileResult[];
      try {
        results = await vscode.commands.executeCommand<FileResult[]>(
          'poeBots.pushFolder',
          vscode.workspace.workspaceFolders![0]!.uri,
        );
      } finally {
        a.restore();
      }
      assert.match(a.asked[0]!, /Changed on Poe since you last pulled or pushed them: DraftBot/);
      assert.deepEqual(
        results
          .filter((r) => r.handle === 'DraftBot' || r.handle === 'ThinkingTutor')
          .map((r) => `${r.handle} ${r.outcome}`)
          .sort(),
        ['DraftBot skipped', 'ThinkingTutor pushed'],
      );
      assert.equal((await peek('DraftBot')).bot.description, 'edited on poe.com');
      assert.equal((await peek('ThinkingTutor')).bot.description, 'mine too');
    });
  });
}
