// A workspace that says which of the creator's accounts it is for (poeBots.account): asked once per name before the
// Bots view loads, never switched unasked. It names an account only: the key is the one the creator stored.

import * as vscode from 'vscode';
import { accountName } from '../../sync/describe';
import type { Services } from '../services';
import { requestedAccount } from '../settings';
import { ui } from '../ui';
import { addAccount } from './accounts';

const ASKED = 'poeBots.accountAsked';

/** The account the workspace asks for, when it is not the one in use (the Bots view's message line says so). */
export function wantedElsewhere(s: Services): string | undefined {
  const wanted = requestedAccount();
  return wanted && wanted !== s.keys.active() ? wanted : undefined;
}

/** Asks the first time a workspace names an account other than the one in use; a later load asks no more. */
export async function askForWorkspaceAccount(s: Services): Promise<void> {
  const wanted = wantedElsewhere(s);
  if (!wanted || s.context.workspaceState.get<string>(ASKED) === wanted) return;
  await s.context.workspaceState.update(ASKED, wanted);
  const shown = accountName(wanted);
  const active = s.keys.active();
  const known = (await s.keys.accounts()).some((a) => a.name === wanted && a.hasKey);
  const why = vscode.l10n.t(
    'You are on "{0}". A workspace names an account only: it never supplies a key or an address.',
    active,
  );
  if (known) {
    const go = vscode.l10n.t('Switch to {0}', shown);
    const answer = await ui.confirm(
      vscode.l10n.t('This workspace is for your Poe account "{0}". Switch to it?', shown),
      why,
      go,
    );
    if (answer === go) {
      await s.keys.switchTo(wanted);
      s.log.info(`Switched to the Poe account "${wanted}", as the workspace asked.`);
    }
    return;
  }
  const add = vscode.l10n.t('Add Account…');
  const answer = await ui.confirm(
    vscode.l10n.t('This workspace is for a Poe account named "{0}", which you have not added.', shown),
    why,
    add,
  );
  if (answer === add) await addAccount(s, wanted);
}
