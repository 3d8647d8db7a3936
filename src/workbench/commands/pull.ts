// Pull: a bot into <handle>.poebot.json, or every bot into a folder (Pull All), through the one pull flow (src/sync):
// never a key value (a ${secret:…} reference only when such a secret is stored, or when the file already had one);
// an existing file is edited in place, only where Poe differs, keeping its comments, order and key reference. The
// creator sees what changes and agrees first.

import * as vscode from 'vscode';
import { botFileName } from '../../botfile/names';
import { suggestSecretName } from '../../botfile/secrets';
import { planPull, writePull, type PlannedPull, type PullEnv } from '../../sync';
import { readText, writeText } from '../documents';
import { UserError } from '../errors';
import { fileRef, fileUri } from '../push/env';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { pickHandle } from './pickBot';

export interface PullOptions { open?: boolean; overwrite?: 'ask' | 'always' }

/** The editor's side of a pull into `folder` (files found by handle anywhere in it, else new ones there). */
function pullEnv(s: Services, folder: vscode.Uri): PullEnv {
  return {
    client: s.api.client(),
    read: (f) => readText(fileUri(f)),
    write: (f, text) => writeText(fileUri(f), text),
    async fileFor(handle) {
      const found = await s.files.fileFor(handle);
      const inside = found && (found.path + '/').startsWith(`${folder.path.replace(/\/+$/, '')}/`);
      return inside ? { file: fileRef(found), exists: true } : { file: fileRef(vscode.Uri.joinPath(folder, botFileName(handle))), exists: false };
    },
    async defaultKeyReference(handle) {
      const name = suggestSecretName(handle);
      return (await s.keys.endpointSecret(name)) ? { kind: 'secret', name } : undefined;
    },
    baselines: s.baselines,
  };
}

export async function pullBot(s: Services, arg?: unknown, opts: PullOptions = {}): Promise<vscode.Uri> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Pull which bot into a file?'));
  const existing = await s.files.fileFor(handle);
  const folder = existing ? vscode.Uri.joinPath(existing, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new UserError(vscode.l10n.t('Open a folder first: the bot file is written into the workspace.'));
  const env = pullEnv(s, folder);
  s.tree.setBusy(handle, true);
  let p: PlannedPull;
  try { [p] = await planPull(env, [handle]) as [PlannedPull]; } finally { s.tree.setBusy(handle, false); }
  const target = fileUri(p.file);
  if (p.change === 'changed' && opts.overwrite !== 'always') {
    const preview = s.remote.preview(handle, 'pull', p.text);
    await vscode.commands.executeCommand('vscode.diff', target, preview, vscode.l10n.t('{0}: your file ↔ pulled from Poe', handle), { preview: true });
    const overwrite = vscode.l10n.t('Overwrite');
    orCancel(await ui.confirm(vscode.l10n.t('Overwrite {0} with "{1}" from Poe?', vscode.workspace.asRelativePath(target), handle),
      vscode.l10n.t('The diff shows what changes: only values that differ from Poe are replaced; your comments and key reference stay.'), overwrite));
  }
  await writePull(env, [p]);
  s.log.info(`Pulled ${handle} into ${target.fsPath}.`);
  if (opts.open !== false) await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

/** Pull All Bots: every bot of the account into a folder the creator picks, after one look at what changes. */
export async function pullAll(s: Services, arg?: unknown): Promise<PlannedPull[]> {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  const folder = arg instanceof vscode.Uri ? arg : orCancel(await ui.pickFolder({ title: vscode.l10n.t('Pull every bot into which folder?'), defaultUri: first }));
  const env = pullEnv(s, folder);
  const planned = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading your bots on Poe…') }, () => planPull(env));
  const changing = planned.filter((p) => p.change !== 'same');
  const where = vscode.workspace.asRelativePath(folder);
  if (!planned.length) throw new UserError(vscode.l10n.t('This Poe account has no bots to pull.'));
  if (changing.length) {
    const lines = changing.map((p) => `${p.change === 'new' ? vscode.l10n.t('new') : vscode.l10n.t('edited in place')}: ${vscode.workspace.asRelativePath(fileUri(p.file))}`);
    const pull = vscode.l10n.t('Pull {0} Bots', changing.length);
    orCancel(await ui.confirm(vscode.l10n.t('Pull {0} of {1} bot(s) into {2}?', changing.length, planned.length, where),
      [...lines, '', vscode.l10n.t('Existing files keep their comments and key references; only values that differ from Poe change.')].join('\n'), pull));
  }
  await writePull(env, planned);
  s.log.info(`Pull All into ${folder.fsPath}: ${changing.length} written, ${planned.length - changing.length} already up to date.`);
  void vscode.window.showInformationMessage(changing.length
    ? vscode.l10n.t('Pulled {0} bot(s) into {1}; {2} already up to date.', changing.length, where, planned.length - changing.length)
    : vscode.l10n.t('All {0} bot(s) in {1} are already up to date.', planned.length, where));
  return planned;
}
