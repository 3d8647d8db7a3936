// What Try Bot talks to: a bot file as the creator edits it (saved or not), or a bot as Poe has it. Each knows its
// routes: through Poe when the bot is public on this account, direct to the endpoint when it can be called.

import * as vscode from 'vscode';
import { asBot, readBotFile } from '../../botfile/read';
import type { Bot } from '../../poe';
import { privateBotReason, routeLabel } from './labels';
import type { TryBotSource, TryRoute } from '../panels';
import type { Services } from '../services';
import { directRoute, poeRoute } from './routes';
import { ui } from '../ui';

function poeRouteFor(s: Services, handle: string): TryRoute {
  const remote = s.account.bots().find((b) => b.handle === handle);
  const unavailable = !remote
    ? vscode.l10n.t('"{0}" is not on this Poe account yet: push it first, or go direct to your endpoint.', handle)
    : remote.is_private
      ? privateBotReason()
      : undefined;
  return poeRoute(s, handle, routeLabel('poe'), unavailable);
}

/** A bot file: the text of its open editor (or the disk), parsed again only when it changes. */
export async function fileSource(s: Services, uri: vscode.Uri): Promise<TryBotSource | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri);
  // Whether the bot is on Poe, and public, decides the Poe route: know the account's bots before answering.
  if (!s.account.bots().length) await s.account.reload();
  let cached: { version: number; bot: Bot; keyText?: string } | undefined;
  const read = () => {
    if (cached?.version === doc.version) return cached;
    const view = readBotFile(doc.getText());
    cached = { version: doc.version, bot: asBot(view), keyText: view.keyText };
    return cached;
  };
  const handle = read().bot.handle;
  if (typeof handle !== 'string' || !handle) return undefined;
  const changed = new vscode.EventEmitter<void>();
  const subscriptions = [
    changed,
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc) changed.fire();
    }),
    s.account.onDidChange(() => changed.fire()),
  ];
  return {
    handle,
    bot: () => read().bot,
    onDidChange: changed.event,
    routes: () => [
      poeRouteFor(s, handle),
      directRoute(
        s,
        routeLabel('direct'),
        () => read().bot,
        () => read().keyText,
      ),
    ],
    dispose: () => {
      for (const d of subscriptions) d.dispose();
    },
  };
}

/** A bot as Poe has it, with no file: the endpoint key is asked for once, for this panel only (Poe never returns it). */
export function remoteSource(s: Services, bot: Bot): TryBotSource {
  let typed: string | undefined;
  const askKey = async () => (typed ??= await askForKey(bot.handle));
  const changed = new vscode.EventEmitter<void>();
  return {
    handle: bot.handle,
    bot: () => s.account.bots().find((b) => b.handle === bot.handle) ?? bot,
    onDidChange: changed.event,
    routes: () => [
      poeRouteFor(s, bot.handle),
      directRoute(
        s,
        routeLabel('direct'),
        () => s.account.bots().find((b) => b.handle === bot.handle) ?? bot,
        () => undefined,
        askKey,
      ),
    ],
    dispose: () => changed.dispose(),
  };
}

async function askForKey(handle: string): Promise<string> {
  const key = await ui.input({
    title: vscode.l10n.t('Endpoint key for {0}', handle),
    password: true,
    prompt: vscode.l10n.t(
      'Poe never returns the endpoint key, and this bot has no file. The key is kept for this panel only, never stored.',
    ),
    validateInput: (v) => (v ? undefined : vscode.l10n.t('The key cannot be empty.')),
  });
  if (!key) throw new vscode.CancellationError();
  return key;
}

/** The source for a handle: its workspace file when there is one, else Poe's copy. */
export async function sourceFor(s: Services, handle: string): Promise<TryBotSource | undefined> {
  const file = await s.files.fileFor(handle);
  if (file) return fileSource(s, file);
  if (!s.account.bots().length) await s.account.reload();
  const bot = s.account.bots().find((b) => b.handle === handle);
  return bot && remoteSource(s, bot);
}
