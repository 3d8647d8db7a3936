// The Poe key of the account in use: set (checked with Poe before it is stored), clear; and refresh the tree.

import * as vscode from 'vscode';
import { isPoeApiError } from '../../poe';
import type { Services } from '../services';
import { Command } from '../commandIds';
import { DEFAULT_ACCOUNT, ENVIRONMENT_ACCOUNT } from '../secrets';
import { orCancel, ui } from '../ui';

export type SetKeyOutcome = 'stored' | 'rejected' | 'notEnabled';

export async function setApiKey(s: Services, given?: unknown): Promise<SetKeyOutcome> {
  const key =
    typeof given === 'string'
      ? given.trim()
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Set Poe API Key'),
            prompt: vscode.l10n.t(
              "Paste your key from poe.com/api/keys. It is checked with Poe, then kept in VS Code's secret storage.",
            ),
            password: true,
            placeHolder: vscode.l10n.t('Poe API key'),
            validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
          }),
        )?.trim();
  const checked = await checkKeyWithPoe(s, key, vscode.l10n.t('It was not saved.'), Command.setApiKey);
  if (typeof checked !== 'number') return checked;
  await s.keys.storePoeKey(key);
  s.log.info(`A new Poe API key was stored (it lists ${checked} bots).`);
  void vscode.window.showInformationMessage(
    checked
      ? vscode.l10n.t('Poe API key saved. This account has {0} API bot(s).', checked)
      : vscode.l10n.t('Poe API key saved. This account has no API bots yet: create one with "Poe: New Bot File".'),
  );
  s.tree.refresh();
  return 'stored';
}

/**
 * A key is checked with Poe (one GET /bots) before it is stored: the number of its bots, or why it is not stored (told
 * to the creator, with the command that tries again).
 */
export async function checkKeyWithPoe(
  s: Services,
  key: string,
  notStored: string,
  again: string,
): Promise<number | 'rejected' | 'notEnabled'> {
  s.log.maskSecrets(key);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the key with Poe…') },
      async () => (await s.api.client().withKey(key).listBots()).length,
    );
  } catch (e) {
    if (isPoeApiError(e, 'auth')) {
      const retry = vscode.l10n.t('Try Another Key');
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Poe rejected this key (401). {0} Copy a current key from poe.com/api/keys.', notStored),
          retry,
        )
        .then((pick) => (pick === retry ? vscode.commands.executeCommand(again) : undefined));
      return 'rejected';
    }
    if (isPoeApiError(e, 'notEnabled')) {
      const learn = vscode.l10n.t('Learn More');
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Poe accepted the key, but this account is not enabled for API bots (404). {0}', notStored),
          learn,
        )
        .then((pick) =>
          pick === learn
            ? vscode.env.openExternal(vscode.Uri.parse('https://creator.poe.com/docs/api-bots/overview'))
            : undefined,
        );
      return 'notEnabled';
    }
    throw e;
  }
}

export async function clearApiKey(s: Services): Promise<void> {
  const named = s.keys.active() !== DEFAULT_ACCOUNT && s.keys.active() !== ENVIRONMENT_ACCOUNT;
  await s.keys.clearPoeKey();
  s.tree.refresh();
  // Only "default" falls back to the environment's key; a named account is left without one.
  const env =
    process.env.POE_API_KEY && !named ? vscode.l10n.t(' The POE_API_KEY environment variable is still used.') : '';
  void vscode.window.showInformationMessage(
    (named
      ? vscode.l10n.t('The stored key of the Poe account "{0}" was removed.', s.keys.active())
      : vscode.l10n.t('The stored Poe API key was removed.')) + env,
  );
}
