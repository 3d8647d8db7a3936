// The extension loads in a real VS Code and contributes what it says it does.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension } from './helpers';

describe('Activation', () => {
  it('activates and registers every contributed command', async () => {
    await extension();
    const all = new Set(await vscode.commands.getCommands(true));
    const pkg = vscode.extensions.getExtension('poe-bots.poe-bots')!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !all.has(c));
    assert.deepEqual(missing, []);
  });

  it('makes *.poebot.json files JSON with Comments', async () => {
    const [uri] = await vscode.workspace.findFiles('**/*.poebot.json');
    const doc = await vscode.workspace.openTextDocument(uri!);
    assert.equal(doc.languageId, 'jsonc');
  });
});
