// Pull: a remote bot into <handle>.poebot.json, never with a key value (a ${secret:…} reference only when such a
// secret is stored, or when the file already had one). An existing file is edited in place, only where Poe differs,
// keeping its comments, order and key reference; the creator sees the diff and agrees first.

import * as vscode from 'vscode';
import { botFileName } from '../../botfile/names';
import { fingerprint } from '../../botfile/normalize';
import { pulledText } from '../../sync';
import { parseBotFile } from '../../botfile/parse';
import { parseKeyReference, suggestSecretName, type KeyReference } from '../../botfile/secrets';
import { exists, readText, writeText } from '../documents';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { pickHandle } from './pickBot';
import { UserError } from '../errors';

export interface PullOptions { open?: boolean; overwrite?: 'ask' | 'always' }

export async function pullBot(s: Services, arg?: unknown, opts: PullOptions = {}): Promise<vscode.Uri> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Pull which bot into a file?'));
  const folder = vscode.workspace.workspaceFolders?.[0];
  const existing = await s.files.fileFor(handle);
  if (!existing && !folder) throw new UserError(vscode.l10n.t('Open a folder first: the bot file is written into the workspace.'));
  const target = existing ?? vscode.Uri.joinPath(folder!.uri, botFileName(handle));
  s.tree.setBusy(handle, true);
  let bot;
  try { bot = await s.api.client().getBot(handle); } finally { s.tree.setBusy(handle, false); }
  const current = await readText(target);
  const text = pulledText(current, bot, await keyReference(s, handle, current));
  if (current !== undefined && current !== text) {
    if (opts.overwrite !== 'always') {
      const preview = s.remote.preview(handle, 'pull', text);
      await vscode.commands.executeCommand('vscode.diff', target, preview, vscode.l10n.t('{0}: your file ↔ pulled from Poe', handle), { preview: true });
      const overwrite = vscode.l10n.t('Overwrite');
      orCancel(await ui.confirm(vscode.l10n.t('Overwrite {0} with "{1}" from Poe?', vscode.workspace.asRelativePath(target), handle),
        vscode.l10n.t('The diff shows what changes: only values that differ from Poe are replaced; your comments and key reference stay.'), overwrite));
    }
  }
  if (current !== text || !(await exists(target))) await writeText(target, text);
  await s.baselines.set(target, { ...s.baselines.get(target), handle, fingerprint: fingerprint(bot) });
  s.log.info(`Pulled ${handle} into ${target.fsPath}.`);
  if (opts.open !== false) await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

/** Keep the file's own reference; else point at a stored secret named after the handle; else none. */
async function keyReference(s: Services, handle: string, current: string | undefined): Promise<KeyReference | undefined> {
  const had = current === undefined ? undefined : (parseBotFile(current).value as { api_bot_settings?: { api_key?: unknown } } | undefined)?.api_bot_settings?.api_key;
  if (typeof had === 'string') {
    const ref = parseKeyReference(had);
    if (typeof ref === 'object') return ref;
  }
  const name = suggestSecretName(handle);
  return (await s.keys.endpointSecret(name)) ? { kind: 'secret', name } : undefined;
}
