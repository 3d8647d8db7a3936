// Actions on one remote bot: open it read-only, open it on Poe, copy its handle, delete it.

import * as vscode from 'vscode';
import { Api } from '../api';
import { remoteBotUri } from '../editor/remoteDocument';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { pickHandle } from './pickBot';
import { pullBot } from '../pull/commands';

export async function openBot(s: Services, arg?: unknown): Promise<vscode.TextDocument> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Open which bot?'));
  const doc = await vscode.workspace.openTextDocument(remoteBotUri(handle));
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}

export async function openOnPoe(s: Services, arg?: unknown): Promise<vscode.Uri> {
  const uri = Api.botPage(await pickHandle(s, arg, vscode.l10n.t('Open which bot on Poe?')));
  await ui.openExternal(uri);
  return uri;
}

export async function copyHandle(s: Services, arg?: unknown): Promise<string> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Copy which handle?'));
  await vscode.env.clipboard.writeText(handle);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied "{0}"', handle), 3000);
  return handle;
}

export async function deleteBot(s: Services, arg?: unknown): Promise<boolean> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Delete which bot?'));
  const backup = vscode.l10n.t('Pull a Backup, Then Delete');
  const del = vscode.l10n.t('Delete');
  const choice = orCancel(
    await ui.confirm(
      vscode.l10n.t('Delete "{0}" from Poe?', handle),
      vscode.l10n.t(
        'Deleting cannot be undone: the bot, its settings and its stored endpoint key are gone for good. A backup file keeps everything but the endpoint key.',
      ),
      backup,
      del,
    ),
  );
  const typed = await ui.input({
    title: vscode.l10n.t('Delete "{0}"', handle),
    prompt: vscode.l10n.t('Type the handle to confirm.'),
    placeHolder: handle,
    validateInput: (v) => (v === handle ? undefined : vscode.l10n.t('Type "{0}" exactly to delete it.', handle)),
  });
  if (typed !== handle) return false;
  if (choice === backup) await pullBot(s, handle, { open: false, overwrite: 'ask' });
  s.tree.setBusy(handle, true);
  try {
    await s.api.client().deleteBot(handle);
  } finally {
    s.tree.setBusy(handle, false);
  }
  s.log.info(`Deleted ${handle}.`);
  await s.tree.reload();
  void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" was deleted from Poe.', handle));
  return true;
}
