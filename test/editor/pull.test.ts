// Pull, open, open on Poe, delete: the actions on one bot.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { answer, DEMO_KEY, extension, fakeLog, peek, readText, resetFake, workspaceUri } from './helpers';

describe('Actions on a bot', () => {
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
    for (const f of await vscode.workspace.findFiles('*.poebot.json')) await vscode.workspace.fs.delete(f);
  });

  it('pulls a bot into a normalized file with $schema and no endpoint key', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', 'ThinkingTutor');
    assert.equal(uri.toString(), workspaceUri('ThinkingTutor.poebot.json').toString());
    const text = await readText(uri);
    const value = JSON.parse(text);
    assert.equal(value.$schema, 'poebot-schema:/poebot.schema.json');
    assert.deepEqual(Object.keys(value), [
      '$schema',
      'handle',
      'description',
      'is_private',
      'api_bot_settings',
      'parameter_controls',
    ]);
    assert.deepEqual(Object.keys(value.api_bot_settings).slice(0, 3), ['model_name', 'base_url', 'api_type']);
    assert.ok(!('api_key' in value.api_bot_settings));
    assert.ok(!text.includes('sk-demo-endpoint'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the pulled file is opened');
  });

  it("a pull right after the bot's file was deleted, in another folder, writes a new file instead of failing", async () => {
    const elsewhere = workspaceUri('elsewhere', 'DraftBot.poebot.json');
    await vscode.workspace.fs.writeFile(elsewhere, new TextEncoder().encode('{ "handle": "DraftBot" }\n'));
    assert.equal((await x.testing.services.files.fileFor('DraftBot'))?.toString(), elsewhere.toString());
    await vscode.workspace.fs.delete(workspaceUri('elsewhere'), { recursive: true });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', 'DraftBot');
    assert.equal(uri?.toString(), workspaceUri('DraftBot.poebot.json').toString());
    assert.equal(JSON.parse(await readText(uri)).handle, 'DraftBot');
  });

  it('writes a ${secret:…} reference only when that secret is stored, never its value', async () => {
    await x.testing.services.keys.storeEndpointSecret('GlmHelper', 'sk-my-endpoint-secret-42');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', 'GlmHelper');
    const text = await readText(uri);
    assert.equal(JSON.parse(text).api_bot_settings.api_key, '${secret:GlmHelper}');
    assert.ok(!text.includes('sk-my-endpoint-secret-42'));
  });

  it('asks before overwriting a changed file, and keeps it when told no', async () => {
    const uri = workspaceUri('DraftBot.poebot.json');
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode('{ "handle": "DraftBot", "description": "my local edit" }\n'),
    );
    await x.testing.services.tree.reload();
    const a = answer(x.testing.ui, { confirm: [undefined] });
    try {
      await vscode.commands.executeCommand('poeBots.pullBot', 'DraftBot');
    } finally {
      a.restore();
    }
    assert.match(a.asked[0]!, /Overwrite DraftBot\.poebot\.json/);
    assert.match(await readText(uri), /my local edit/);
    const b = answer(x.testing.ui, { confirm: ['Overwrite'] });
    try {
      await vscode.commands.executeCommand('poeBots.pullBot', 'DraftBot');
    } finally {
      b.restore();
    }
    assert.doesNotMatch(await readText(uri), /my local edit/);
  });

  it('never overwrites a file that holds another handle: asks, naming the file and both handles; Cancel keeps it, the other choice writes a new name', async () => {
    const uri = workspaceUri('DraftBot.poebot.json');
    const draft = '{\n  // the next version\n  "handle": "DraftBotNext",\n  "description": "draft"\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(draft));
    await x.testing.services.tree.reload();
    const a = answer(x.testing.ui, { confirm: [undefined] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.pullBot', 'DraftBot'), undefined);
    } finally {
      a.restore();
    }
    assert.match(
      a.asked[0]!,
      /^DraftBot\.poebot\.json holds "DraftBotNext", not "DraftBot"\n.*DraftBot\.pulled\.poebot\.json/,
    );
    assert.equal(await readText(uri), draft);
    const b = answer(x.testing.ui, { confirm: ['Write DraftBot.pulled.poebot.json'] });
    let pulled: vscode.Uri | undefined;
    try {
      pulled = await vscode.commands.executeCommand<vscode.Uri>('poeBots.pullBot', 'DraftBot');
    } finally {
      b.restore();
    }
    assert.equal(pulled?.toString(), workspaceUri('DraftBot.pulled.poebot.json').toString());
    assert.equal(JSON.parse(await readText(pulled!)).handle, 'DraftBot');
    assert.equal(await readText(uri), draft, 'the draft is untouched');
  });

  it('refuses to pull into a file with conflict markers, naming it and the line, and leaves it byte for byte', async () => {
    const uri = workspaceUri('GlmHelper.poebot.json');
    const conflict =
      '{\n  "handle": "GlmHelper",\n<<<<<<< HEAD\n  "description": "ours"\n=======\n  "description": "theirs"\n>>>>>>> main\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(conflict));
    await x.testing.services.tree.reload();
    const log = x.testing.services.log;
    const errors: string[] = [];
    const original = log.error;
    log.error = (m: string) => {
      errors.push(m);
      original.call(log, m);
    };
    const a = answer(x.testing.ui, {});
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.pullBot', 'GlmHelper'), undefined);
    } finally {
      a.restore();
      log.error = original;
    }
    assert.deepEqual(a.asked, [], 'nothing to agree to: the file is refused');
    assert.match(errors.join('\n'), /GlmHelper\.poebot\.json has merge-conflict markers \(line 3\)/);
    assert.equal(await readText(uri), conflict);
    assert.deepEqual(
      (await vscode.workspace.findFiles('*.poebot.json')).map((f) => f.path.split('/').pop()),
      ['GlmHelper.poebot.json'],
      'no copy written beside it',
    );
  });

  it("pulling over a commented file edits it in place: every comment and the file's key reference stay", async () => {
    const uri = workspaceUri('ThinkingTutor.poebot.json');
    const mine = `{
  "$schema": "poebot-schema:/poebot.schema.json",
  // The tutor, as we run it in production.
  "handle": "ThinkingTutor",
  "description": "stale words", // Poe has newer ones
  "is_private": true,
  "api_bot_settings": {
    "model_name": "example-provider/model-1",
    "base_url": "https://llm.example.org/v1", /* prod */
    "api_key": "\${secret:prod-key}",
    "api_type": "responses_api"
  }
}
`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(mine));
    await x.testing.services.tree.reload();
    const a = answer(x.testing.ui, { confirm: ['Overwrite'] });
    try {
      await vscode.commands.executeCommand('poeBots.pullBot', 'ThinkingTutor');
    } finally {
      a.restore();
    }
    const text = await readText(uri);
    for (const kept of [
      '// The tutor, as we run it in production.',
      '// Poe has newer ones',
      '/* prod */',
      '"api_key": "${secret:prod-key}"',
    ])
      assert.ok(text.includes(kept), `${kept} is kept`);
    assert.ok(text.includes('"description": "Explains step by step, with optional thinking"'));
    assert.ok(text.indexOf('"description"') < text.indexOf('"is_private"'), "the file's order stays");
    const value = (await import('jsonc-parser')).parse(text) as {
      api_bot_settings: { max_input_tokens?: number };
      parameter_controls?: unknown;
    };
    assert.equal(value.api_bot_settings.max_input_tokens, 64000, 'what Poe has and the file lacked is added');
    assert.ok(value.parameter_controls);
  });

  it('opens a bot read-only, as Poe has it', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('poeBots.openBot', 'GlmHelper');
    assert.equal(doc.uri.scheme, 'poebot-remote');
    assert.match(doc.getText(), /"model_name": "zai-org\/glm-4\.6"/);
    assert.ok(!doc.getText().includes('sk-demo-endpoint'));
  });

  it("opens the bot's page on poe.com", async () => {
    const a = answer(x.testing.ui, {});
    try {
      await vscode.commands.executeCommand('poeBots.openOnPoe', 'GlmHelper');
    } finally {
      a.restore();
    }
    assert.deepEqual(a.opened, ['https://poe.com/GlmHelper']);
  });

  it('delete needs the handle typed; a wrong one deletes nothing', async () => {
    const a = answer(x.testing.ui, { confirm: ['Delete'], input: ['draftbot'] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.deleteBot', 'DraftBot'), false);
    } finally {
      a.restore();
    }
    assert.ok((await fakeLog()).every((r) => r.method !== 'DELETE'));
    const b = answer(x.testing.ui, { confirm: ['Delete'], input: ['DraftBot'] });
    try {
      assert.equal(await vscode.commands.executeCommand('poeBots.deleteBot', 'DraftBot'), true);
    } finally {
      b.restore();
    }
    assert.deepEqual(
      (await fakeLog()).filter((r) => r.method === 'DELETE').map((r) => r.path),
      ['/bots/DraftBot'],
    );
    assert.deepEqual(
      x.testing.services.tree.bots().map((bot) => bot.handle),
      ['GlmHelper', 'ThinkingTutor'],
    );
  });

  it('delete can pull a backup first', async () => {
    const a = answer(x.testing.ui, { confirm: ['Pull a Backup, Then Delete'], input: ['ThinkingTutor'] });
    try {
      await vscode.commands.executeCommand('poeBots.deleteBot', 'ThinkingTutor');
    } finally {
      a.restore();
    }
    assert.match(await readText(workspaceUri('ThinkingTutor.poebot.json')), /"handle": "ThinkingTutor"/);
    assert.equal((await peek('ThinkingTutor').catch(() => undefined))?.bot, undefined);
  });
});
