// The editor's side of the push flow (src/sync): files as the creator sees them, keys from secret storage and the
// environment, baselines in the folder's lock file (or workspace state), questions as modals, words through vscode.l10n.

import * as vscode from 'vscode';
import type { Progress, SyncEnv } from '../../sync';
import { readText } from '../documents';
import { account, accountName, fileUri, keySources } from '../flowEnv';
import { rulesOnlyKeyGate } from '../keyDestination';
import type { Services } from '../services';
import { confirmUpdates } from '../settings';
import { editorQuestions } from './questions';

export async function syncEnv(s: Services, signal: AbortSignal, progress?: (p: Progress) => void): Promise<SyncEnv> {
  return {
    client: s.api.client(),
    read: (file) => readText(fileUri(file)),
    keys: keySources(s),
    baselines: s.baselines,
    questions: editorQuestions(s, progress),
    keyGate: rulesOnlyKeyGate(async () => (await s.keys.poeKey())?.key),
    account: await account(s),
    accountName: await accountName(s),
    confirmUpdates: confirmUpdates(),
    t: vscode.l10n.t,
    log: s.log,
    signal,
  };
}
