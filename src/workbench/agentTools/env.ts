// The agent tools' world in the editor: bot files of the workspace as the creator sees them (unsaved text wins),
// keys from secret storage, the workspace's baselines (so a plan notices changes made on Poe), and the Check
// Endpoint gate that asks before a key first goes to the address a file names.

import * as vscode from 'vscode';
import { AgentInputError, botFileUnder, type AgentEnv, type PlanStore } from '../../agent';
import { apiUrl, parseBaseUrl } from '../../poe';
import type { BotFileRef } from '../../sync';
import { pullEnv } from '../pull/env';
import { readText } from '../documents';
import { UserError } from '../errors';
import { askingKeyGate } from '../keyDestination';
import { loadEndpoint } from '../lazy';
import { fileRef, fileUri, keySources } from '../flowEnv';
import { syncEnv } from '../push/env';
import type { Services } from '../services';

/** A path an agent gives: relative to a workspace folder (the first one that has the file), or absolute inside one. */
function botFile(given: string, suffix?: string): BotFileRef {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length)
    throw new AgentInputError(vscode.l10n.t('Open a folder first: the tools work on the bot files of the workspace.'));
  let first: Error | undefined;
  const candidates: vscode.Uri[] = [];
  for (const f of folders) {
    try {
      candidates.push(vscode.Uri.file(botFileUnder(f.uri.fsPath, given, suffix).id));
    } catch (e) {
      first ??= e as Error;
    }
  }
  if (!candidates.length) throw first!;
  const open = vscode.workspace.textDocuments.map((d) => d.uri.toString());
  return fileRef(candidates.find((u) => open.includes(u.toString())) ?? candidates[0]!);
}

export function editorAgentEnv(s: Services, plans: PlanStore): AgentEnv {
  const poeKey = async () => (await s.keys.poeKey())?.key;
  return {
    client: s.api.client(),
    file: botFile,
    read: (f) => readText(fileUri(f)),
    sync: (signal) => syncEnv(s, signal ?? new AbortController().signal),
    async pull() {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder)
        throw new UserError(vscode.l10n.t('Open a folder first: the bot file is written into the workspace.'));
      const { client: _client, questions: _questions, ...env } = pullEnv(s, folder, 'skip');
      return env;
    },
    keys: keySources(s),
    keyGate: askingKeyGate(s.context.workspaceState, poeKey, vscode.l10n.t('Check Endpoint')),
    async poeChat() {
      const key = await poeKey();
      if (!key) throw new UserError(vscode.l10n.t('Set your Poe API key first ("Poe: Set API Key").'));
      return { baseUrl: apiUrl(parseBaseUrl(s.api.baseUrl()), '/v1'), key };
    },
    endpoint: loadEndpoint,
    plans,
    t: vscode.l10n.t,
  };
}
