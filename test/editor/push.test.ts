// Push against the fake, asserting what reached it: create, update, replace, conflicts, failures, folders.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { PushResult } from '../../src/workbench/push/pushFile';
import type { FolderResult } from '../../src/workbench/push/pushFolder';
import { answer, DEMO_KEY, extension, fake, fakeLog, peek, readText, resetFake, waitFor, workspaceUri, writeText } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits free-form JSON
type EditableBot = Record<string, any>;
type Sent = { handle?: string; api_bot_settings: { api_key?: string } };

const requests = async () => (await fakeLog()).map((r) => `${r.method} ${r.path} ${r.status}`);

describe('Push', () => {
  let x: PoeBotsExtensionApi;
  before(async () => { x = await extension(); });
  beforeEach(async () => { await resetFake(); process.env.POE_API_KEY = DEMO_KEY; });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of await vscode.workspace.findFiles('{*.poebot.json,fleet/**}')) await vscode.workspace.fs.delete(f, { recursive: true });
  });

  async function pull(handle: string): Promise<vscode.Uri> {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', handle);
    await fake('DELETE', 'log');
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
    e.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), JSON.stringify(bot, null, 2));
    assert.ok(await vscode.workspace.applyEdit(e));
    assert.ok(await doc.save());
  }

  async function run(command: string, uri: vscode.Uri, answers: { confirm?: (string | undefined)[]; input?: string[] } = { confirm: ['Push'] }) {
    const a = answer(x.testing.ui, answers);
    try {
      const result = await vscode.commands.executeCommand<PushResult | undefined>(command, uri);
      return { result, asked: a.asked };
    } finally { a.restore(); }
  }

  it('update sends only the fields that changed, then reads the bot back: 1 GET + 1 PATCH + 1 GET', async () => {
    const uri = await pull('ThinkingTutor');
    await edit(uri, (b) => { b.description = 'Sharper answers'; b.api_bot_settings.pricing.prompt = '0.0000007'; });
    const { result, asked } = await run('poeBots.push', uri);
    assert.equal(result?.plan.verb, 'update');
    assert.match(asked[0]!, /Update "ThinkingTutor" on 127\.0\.0\.1:\d+ \(key from POE_API_KEY\)\?/);
    assert.match(asked[0]!, /Changes: description, api_bot_settings\.pricing\n/);
    assert.match(asked[0]!, /The endpoint key is not sent/);
    const log = await fakeLog();
    assert.deepEqual(log.map((r) => r.method), ['GET', 'PATCH', 'GET']);
    const pricing = (await peek('ThinkingTutor')).bot.api_bot_settings!.pricing!;
    assert.deepEqual(log[1]!.body, { description: 'Sharper answers', api_bot_settings: { pricing: { ...pricing, prompt: '0.0000007' } } },
      'pricing goes whole: the merge depth of nested objects is undocumented');
    assert.equal((await peek('ThinkingTutor')).bot.description, 'Sharper answers');
    assert.equal((await peek('ThinkingTutor')).apiKey, 'sk-demo-endpoint-2', 'the stored endpoint key was not touched');
  });

  it('an unchanged file is already up to date: no write', async () => {
    const uri = await pull('ThinkingTutor');
    const { result } = await run('poeBots.push', uri, {});
    assert.equal(result?.upToDate, true);
    assert.deepEqual(await requests(), ['GET /bots/ThinkingTutor 200']);
  });

  it('create refuses a handle that exists (checked with a GET first), and creates a new one with its key', async () => {
    const uri = await pull('DraftBot');
    await run('poeBots.create', uri, {});
    assert.deepEqual(await requests(), ['GET /bots/DraftBot 200'], 'no POST was sent');

    await x.testing.services.keys.storeEndpointSecret('NEW_KEY', 'sk-new-endpoint-9');
    const fresh = workspaceUri('BrandNew.poebot.json');
    await writeText(fresh, JSON.stringify({ handle: 'BrandNew', description: 'new', api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1', api_key: '${secret:NEW_KEY}' } }));
    await fake('DELETE', 'log');
    const { result } = await run('poeBots.create', fresh);
    assert.equal(result?.plan.method, 'POST');
    assert.deepEqual(await requests(), ['GET /bots/BrandNew 404', 'POST /bots 201', 'GET /bots/BrandNew 200']);
    assert.equal((await peek('BrandNew')).apiKey, 'sk-new-endpoint-9');
  });

  it('replace sends the whole bot with its key, after listing what it resets', async () => {
    await x.testing.services.keys.storeEndpointSecret('TUTOR', 'sk-tutor-endpoint-3');
    const uri = await pull('ThinkingTutor');
    await edit(uri, (b) => { delete b.parameter_controls; delete b.api_bot_settings.param_definitions; b.api_bot_settings.api_key = '${secret:TUTOR}'; });
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

  it('notices a change made on Poe since the pull, and overwrites only when told to', async () => {
    const uri = await pull('DraftBot');
    const remote = (await peek('DraftBot')).bot;
    await fake('PUT', 'bots', { bot: { ...remote, description: 'edited on poe.com' } });
    await edit(uri, (b) => { b.is_private = false; });
    const first = await run('poeBots.push', uri, { confirm: [undefined] });
    assert.match(first.asked[0]!, /was changed on Poe since you last pulled or pushed it/);
    assert.ok((await fakeLog()).every((r) => r.method === 'GET'));
    const second = await run('poeBots.push', uri, { confirm: ['Overwrite', 'Push'] });
    assert.equal(second.result?.plan.verb, 'update');
    assert.equal((await peek('DraftBot')).bot.is_private, false);
  });

  it('a 500 on PATCH leaves the file untouched, is sent once, and is not taken for success', async () => {
    const uri = await pull('DraftBot');
    await edit(uri, (b) => { b.description = 'will fail'; });
    const before = await readText(uri);
    await fake('POST', 'faults', { method: 'PATCH', fault: { status: 500 } });
    const { result } = await run('poeBots.push', uri);
    assert.equal(result, undefined);
    assert.equal(await readText(uri), before);
    assert.deepEqual(await requests(), ['GET /bots/DraftBot 200', 'PATCH /bots/DraftBot 500']);
    assert.equal((await peek('DraftBot')).bot.description, '');
  });

  it('refuses a file with errors, sending nothing', async () => {
    const uri = workspaceUri('Broken.poebot.json');
    await writeText(uri, '{ "handle": "Broken", "api_bot_settings": { "pricing": { "prompt": 5 } } }');
    assert.equal(await vscode.commands.executeCommand('poeBots.push', uri), undefined);
    assert.deepEqual(await fakeLog(), []);
  });

  it('a 400 from Poe becomes a diagnostic on the field it names', async () => {
    const uri = await pull('DraftBot');
    await edit(uri, (b) => { b.parameter_controls = { api_version: '2', sections: [] }; });
    await run('poeBots.push', uri);
    const d = await waitFor('the push diagnostic', () => vscode.languages.getDiagnostics(uri).find((x) => /Poe refused the push/.test(x.message)));
    assert.match(d.message, /parameter_controls\.sections/);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(d.range), '[');
  });

  it('a folder of 50 bots under a 429 storm: every bot pushed exactly once', async function () {
    this.timeout(120_000);
    await fake('POST', 'ratelimit', { perWindow: 25, windowMs: 1000 });
    const handles = Array.from({ length: 50 }, (_, i) => `Fleet${String(i).padStart(2, '0')}`);
    for (const h of handles) {
      await writeText(workspaceUri('fleet', `${h}.poebot.json`), JSON.stringify({ handle: h, description: `bot ${h}`, api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1' } }));
    }
    const a = answer(x.testing.ui, { confirm: ['Push 50 Bots'] });
    let results: FolderResult[];
    try { results = await vscode.commands.executeCommand<FolderResult[]>('poeBots.pushFolder', workspaceUri('fleet')); } finally { a.restore(); }
    assert.deepEqual(results.filter((r) => r.outcome !== 'pushed'), []);
    const log = await fakeLog();
    const applied = log.filter((r) => r.method === 'POST' && r.status === 201);
    assert.deepEqual(applied.map((r) => (r.body as { handle: string }).handle).sort(), handles);
    const stats = await fake<{ rejected429: number }>('GET', 'stats');
    assert.ok(stats.rejected429 > 0, 'the storm happened');
    for (const h of handles) assert.equal((await peek(h)).bot.description, `bot ${h}`);
  });
});
