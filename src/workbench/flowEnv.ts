// What every core flow (push, pull, Check Endpoint, Try Bot) is handed by the editor: bot files as references, keys
// from secret storage and the environment (never the Poe key's variable), and the account's words for confirmations.

import * as vscode from 'vscode';
import type { KeySources } from '../botfile/secrets';
import type { BotFileRef } from '../sync';
import type { Services } from './services';

export const fileRef = (uri: vscode.Uri): BotFileRef => ({
  id: uri.toString(),
  label: vscode.workspace.asRelativePath(uri),
});
export const fileUri = (ref: BotFileRef): vscode.Uri => vscode.Uri.parse(ref.id);

export function keySources(s: Services): KeySources {
  return {
    secret: (name) => s.keys.endpointSecret(name),
    env: (name) => (name === 'POE_API_KEY' ? undefined : process.env[name]),
    envRefusal: (name) =>
      name === 'POE_API_KEY'
        ? vscode.l10n.t(
            '{0} names your Poe API key, which is never sent as an endpoint key. Give the endpoint a key of its own.',
            '${env:POE_API_KEY}',
          )
        : undefined,
    allowEnv: vscode.workspace.isTrusted,
    howToSetSecret: () => vscode.l10n.t('Set it with "Poe: Set Endpoint Secret".'),
  };
}

/** '"development" (api.poe.com)': the account by its name, and where its key goes, for every confirmation. */
export async function account(s: Services): Promise<string> {
  const host = new URL(s.api.baseUrl()).host;
  const key = await s.keys.poeKey();
  const name = key?.account ?? s.keys.active();
  return key?.source === 'environment'
    ? vscode.l10n.t('"{0}" ({1}, key from POE_API_KEY)', name, host)
    : `"${name}" (${host})`;
}

/** The account's name for the lock file and the "last pushed to" line. */
export async function accountName(s: Services): Promise<string> {
  return (await s.keys.poeKey())?.account ?? s.keys.active();
}
