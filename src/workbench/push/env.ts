// The editor's side of the push flow (src/sync): files as the creator sees them, keys from secret storage and the
// environment, baselines in the folder's lock file (or workspace state), questions as modals, words through vscode.l10n.

import * as vscode from 'vscode';
import type { KeySources } from '../../botfile/secrets';
import type { BotFileRef, Progress, SyncEnv } from '../../sync';
import { readText } from '../documents';
import { rulesOnlyKeyGate } from '../keyDestination';
import type { Services } from '../services';
import { editorQuestions } from './questions';

export const fileRef = (uri: vscode.Uri): BotFileRef => ({ id: uri.toString(), label: vscode.workspace.asRelativePath(uri) });
export const fileUri = (ref: BotFileRef): vscode.Uri => vscode.Uri.parse(ref.id);

export function keySources(s: Services): KeySources {
  return {
    secret: (name) => s.keys.endpointSecret(name),
    env: (name) => (name === 'POE_API_KEY' ? undefined : process.env[name]),
    envRefusal: (name) => (name === 'POE_API_KEY' ? vscode.l10n.t('{0} names your Poe API key, which is never sent as an endpoint key. Give the endpoint a key of its own.', '${env:POE_API_KEY}') : undefined),
    allowEnv: vscode.workspace.isTrusted,
    howToSetSecret: () => vscode.l10n.t('Set it with "Poe: Set Endpoint Secret".'),
  };
}

/** "api.poe.com (stored key)": where the Poe key goes, and which key, for every confirmation. */
export async function account(s: Services): Promise<string> {
  const host = new URL(s.api.baseUrl()).host;
  const source = (await s.keys.poeKey())?.source === 'environment' ? vscode.l10n.t('key from POE_API_KEY') : vscode.l10n.t('stored key');
  return `${host} (${source})`;
}

export async function syncEnv(s: Services, signal: AbortSignal, progress?: (p: Progress) => void): Promise<SyncEnv> {
  return {
    client: s.api.client(),
    read: (file) => readText(fileUri(file)),
    keys: keySources(s),
    baselines: s.baselines,
    questions: editorQuestions(s, progress),
    keyGate: rulesOnlyKeyGate(async () => (await s.keys.poeKey())?.key),
    account: await account(s),
    confirmUpdates: s.api.address.confirmUpdates(),
    t: vscode.l10n.t,
    log: s.log,
    signal,
  };
}
