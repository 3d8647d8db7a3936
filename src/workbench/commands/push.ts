// The push commands: push (create or update), create, update, replace, compare with remote, push a folder.

import * as vscode from 'vscode';
import { renderBotFile } from '../../botfile/normalize';
import { isBotFile } from '../botFiles';
import { fetchRemote, pushFile, type PushResult } from '../push/pushFile';
import { pushFolder as runFolder, type FolderResult } from '../push/pushFolder';
import { prepareFileForCompare } from '../push/compare';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import type { Verb } from '../../botfile/plan';
import { UserError } from '../errors';

/** The bot file a command is about: the one passed in, the active editor's, or one the creator picks. */
export async function pickBotFile(arg: unknown): Promise<vscode.Uri> {
  if (arg instanceof vscode.Uri && isBotFile(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isBotFile(active) && active.scheme === 'file') return active;
  const files = await vscode.workspace.findFiles('**/*.poebot.json', '**/node_modules/**', 500);
  if (!files.length) throw new UserError(vscode.l10n.t('There is no *.poebot.json file in this workspace. Create one with "Poe: New Bot File" or pull a bot.'));
  const picked = await ui.pick(files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { placeHolder: vscode.l10n.t('Which bot file?') });
  return orCancel(picked).uri;
}

export function pushCommand(s: Services, verb: Verb | 'auto') {
  return async (arg?: unknown, opts?: { sendKey?: boolean }): Promise<PushResult | undefined> =>
    pushFile(s, await pickBotFile(arg), { verb, sendKey: opts?.sendKey });
}

export async function compare(s: Services, arg?: unknown): Promise<void> {
  const uri = await pickBotFile(arg);
  const handle = await prepareFileForCompare(uri);
  const remote = await fetchRemote(s, handle);
  const left = s.remote.preview(handle, 'compare', remote ? renderBotFile(remote) : `// ${vscode.l10n.t('"{0}" does not exist on Poe yet.', handle)}\n`);
  await vscode.commands.executeCommand('vscode.diff', left, uri, vscode.l10n.t('{0}: on Poe ↔ {1}', handle, vscode.workspace.asRelativePath(uri)));
}

export async function pushFolder(s: Services, arg?: unknown): Promise<FolderResult[]> {
  return runFolder(s, arg instanceof vscode.Uri ? arg : undefined);
}
