// Bot files in the editor: VS Code's own JSON service and this extension's checks, completion, hovers, quick fix.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { answer, extension, readText, waitFor, workspaceUri, writeText } from './helpers';

const diagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri);

describe('Bot files in the editor', () => {
  let x: PoeBotsExtensionApi;
  before(async () => {
    x = await extension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of await vscode.workspace.findFiles('*.poebot.json')) await vscode.workspace.fs.delete(f);
  });

  it("gets schema problems from VS Code's JSON service and cross-field problems from the extension, once each", async () => {
    const uri = workspaceUri('Typo.poebot.json');
    await writeText(
      uri,
      '{\n  "$schema": "poebot-schema:/poebot.schema.json",\n  "handle": "Typo",\n  "api_bot_settings": { "modle_name": "m", "max_input_tokens": 9, "context_size": 5, "pricing": { "prompt": 1 } }\n}\n',
    );
    await vscode.window.showTextDocument(uri);
    const all = await waitFor('schema and cross-field diagnostics', () => {
      const d = diagnostics(uri);
      return d.some((x) => /modle_name/.test(x.message)) && d.some((x) => /larger than context_size/.test(x.message))
        ? d
        : undefined;
    });
    assert.ok(
      !all.some((d) => /Unable to load schema|Problems loading reference/i.test(d.message)),
      all.map((d) => d.message).join('\n'),
    );
    const crossField = all.filter((d) => /larger than context_size/.test(d.message));
    assert.equal(crossField.length, 1);
    assert.equal(crossField[0]!.source, 'Poe Bots');
    assert.equal(crossField[0]!.range.start.line, 3);
    const typo = all.filter((d) => /modle_name/.test(d.message));
    assert.equal(typo.length, 1, 'the schema problem is not reported twice');
    assert.ok(
      all.some((d) => /Incorrect type|string/.test(d.message) && d.range.start.line === 3),
      'a price given as a number is flagged',
    );
  });

  it("updates the extension's diagnostics as the creator types", async () => {
    const uri = workspaceUri('Typing.poebot.json');
    await writeText(uri, '{ "handle": "Typing", "api_bot_settings": { "max_input_tokens": 9, "context_size": 5 } }\n');
    const editor = await vscode.window.showTextDocument(uri);
    await waitFor(
      'the problem',
      () => diagnostics(uri).some((d) => /larger than context_size/.test(d.message)) || undefined,
    );
    const at = editor.document.getText().indexOf('9');
    await editor.edit((e) =>
      e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '4'),
    );
    await waitFor(
      'the problem to go',
      () => !diagnostics(uri).some((d) => /larger than context_size/.test(d.message)) || undefined,
    );
  });

  it("completes param_name with the parameter names of the file's controls", async () => {
    const uri = workspaceUri('bots', 'Sample.poebot.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = doc.positionAt(doc.getText().indexOf('"param_name": ""') + '"param_name": "'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      pos,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('enable_thinking') && labels.includes('temperature'), labels.join(', '));
  });

  it("completes fields from the schema, through VS Code's JSON service", async () => {
    const uri = workspaceUri('Complete.poebot.json');
    await writeText(uri, '{\n  "handle": "Complete",\n  "api_bot_settings": {\n    \n  }\n}\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const labels = await waitFor('schema completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(3, 4),
      );
      const l = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return l.some((s) => s.includes('model_name')) ? l : undefined;
    });
    assert.ok(labels.some((s) => s.includes('pricing')));
  });

  it('hovers a price with dollars per million tokens', async () => {
    const uri = workspaceUri('bots', 'Sample.poebot.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = doc.positionAt(doc.getText().indexOf('"0.000015"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
      .join('\n');
    assert.match(text, /\$15 per 1M tokens/);
  });

  it('offers to move a literal endpoint key into secret storage, and does it', async () => {
    const uri = workspaceUri('Leaky.poebot.json');
    await writeText(uri, '{\n  "handle": "Leaky",\n  "api_bot_settings": { "api_key": "sk-literal-key-777" }\n}\n');
    await vscode.window.showTextDocument(uri);
    const warning = await waitFor('the literal-key warning', () =>
      diagnostics(uri).find((d) => d.code === 'literal-key'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      warning.range,
    );
    const fix = actions.find((a) => a.title === 'Move key to secret storage');
    assert.ok(fix?.command);
    const a = answer(x.testing.ui, { input: ['LEAKY_KEY'] });
    try {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    } finally {
      a.restore();
    }
    const text = await readText(uri);
    assert.match(text, /"api_key": "\$\{secret:LEAKY_KEY\}"/);
    assert.ok(!text.includes('sk-literal-key-777'));
    assert.equal(await x.testing.services.keys.endpointSecret('LEAKY_KEY'), 'sk-literal-key-777');
  });

  it('New Bot File writes <handle>.poebot.json from the template and opens it, with a schema VS Code can load', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('poeBots.newBotFile', 'FreshBot');
    assert.equal(uri.toString(), workspaceUri('FreshBot.poebot.json').toString());
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.toString(), uri.toString());
    assert.match(doc.getText(), /"\$schema": "poebot-schema:\/poebot.schema.json"/);
    assert.match(doc.getText(), /"handle": "FreshBot"/);
    // The template's empty model_name and bare base_url are flagged: the creator sees what to fill in.
    const d = await waitFor('template diagnostics', () => {
      const list = diagnostics(uri);
      return list.some((x) => /https:\/\/ address/.test(x.message)) ? list : undefined;
    });
    assert.ok(!d.some((x) => /Unable to load schema/i.test(x.message)));
  });
});
