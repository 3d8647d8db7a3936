// Which bot a command is about: the tree row it was run on, a handle passed in, or one the creator picks.

import * as vscode from 'vscode';
import type { BotNode } from './items';
import { botDescription } from './items';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { UserError } from '../errors';

export async function pickHandle(s: Services, arg: unknown, placeHolder: string): Promise<string> {
  if (typeof arg === 'string' && arg) return arg;
  const node = arg as BotNode | undefined;
  if (node?.kind === 'bot') return node.bot.handle;
  let bots = s.account.bots();
  if (!bots.length) {
    await s.account.reload();
    bots = s.account.bots();
  }
  if (!bots.length) throw new UserError(vscode.l10n.t('There are no bots on this account to choose from.'));
  const picked = await ui.pick(
    bots.map((b) => ({ label: b.handle, description: botDescription(b), detail: b.description || undefined })),
    { placeHolder, matchOnDescription: true },
  );
  return orCancel(picked).label;
}
