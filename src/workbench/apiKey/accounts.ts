// Named Poe accounts: add one (a name and a key, checked with Poe before it is stored), switch between them (from the
// Bots view's title: two clicks), remove one. A switch changes the key in use, so the tree, the balance and every
// confirmation follow it (the key store's change event reloads the account).

import * as vscode from 'vscode';
import { Command } from '../commandIds';
import { UserError } from '../errors';
import { accountNameProblem, DEFAULT_ACCOUNT, ENVIRONMENT_ACCOUNT, type AccountInfo } from '../secrets';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { checkKeyWithPoe, type SetKeyOutcome } from './commands';

export async function addAccount(s: Services, givenName?: unknown, givenKey?: unknown): Promise<SetKeyOutcome> {
  const taken = new Set((await s.keys.accounts()).map((a) => a.name));
  const problem = (v: string) =>
    accountNameProblem(v.trim()) ??
    (taken.has(v.trim()) ? vscode.l10n.t('You already have an account named "{0}".', v.trim()) : undefined);
  const name =
    typeof givenName === 'string' && givenName.trim()
      ? givenName.trim()
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Add Poe Account (1/2)'),
            prompt: vscode.l10n.t(
              'A name for the account, such as "development" or "production". Bots view titles, confirmations and lock files show it.',
            ),
            placeHolder: vscode.l10n.t('Account name'),
            validateInput: (v) => (v.trim() ? problem(v) : vscode.l10n.t('The name cannot be empty.')),
          }),
        ).trim();
  const wrong = problem(name);
  if (wrong) throw new UserError(wrong);
  const key =
    typeof givenKey === 'string'
      ? givenKey.trim()
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Add Poe Account "{0}" (2/2)', name),
            prompt: vscode.l10n.t(
              "Paste this account's key from poe.com/api/keys. It is checked with Poe, then kept in VS Code's secret storage.",
            ),
            password: true,
            placeHolder: vscode.l10n.t('Poe API key'),
            validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
          }),
        ).trim();
  const checked = await checkKeyWithPoe(s, key, vscode.l10n.t('The account was not added.'), Command.addAccount);
  if (typeof checked !== 'number') return checked;
  await s.keys.storeAccountKey(name, key);
  s.log.info(`The Poe account "${name}" was added (it lists ${checked} bots).`);
  await s.keys.switchTo(name);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Added the Poe account "{0}" ({1} API bot(s)), and switched to it.', name, checked),
  );
  return 'stored';
}

function describeAccount(a: AccountInfo, active: string): string {
  const how =
    a.source === 'environment'
      ? vscode.l10n.t('key from POE_API_KEY')
      : a.hasKey
        ? vscode.l10n.t('stored key')
        : // "default" without a stored key uses POE_API_KEY, as before accounts.
          a.name === DEFAULT_ACCOUNT && process.env.POE_API_KEY?.trim()
          ? vscode.l10n.t('no key stored: uses POE_API_KEY')
          : vscode.l10n.t('no key stored');
  return a.name === active ? vscode.l10n.t('{0} · in use', how) : how;
}

/** Switch Account…: the accounts, the one in use marked, and Add Account… at the end. Resolves to the name in use. */
export async function switchAccount(s: Services, given?: unknown): Promise<string | undefined> {
  const accounts = await s.keys.accounts();
  const active = s.keys.active();
  let name = typeof given === 'string' ? given : undefined;
  if (name === undefined) {
    const add = vscode.l10n.t('Add Account…');
    const items = [
      ...accounts.map((a) => ({
        label: a.name,
        description: describeAccount(a, active),
        name: a.name as string | undefined,
      })),
      { label: add, description: '', name: undefined },
    ];
    const picked = orCancel(
      await ui.pick(items, {
        title: vscode.l10n.t('Switch Poe Account'),
        placeHolder: vscode.l10n.t('In use: {0}', active),
      }),
    );
    if (picked.name === undefined) {
      await addAccount(s);
      return s.keys.active();
    }
    name = picked.name;
  }
  const target = accounts.find((a) => a.name === name);
  if (!target)
    throw new UserError(vscode.l10n.t('You have no Poe account named "{0}": add it with "Poe: Add Account…".', name));
  if (name !== active) {
    await s.keys.switchTo(name);
    s.log.info(`Switched to the Poe account "${name}".`);
  }
  s.tree.refresh();
  return name;
}

export async function removeAccount(s: Services, given?: unknown): Promise<boolean> {
  const removable = (await s.keys.accounts()).filter(
    (a) => a.name !== ENVIRONMENT_ACCOUNT && (a.hasKey || a.name !== DEFAULT_ACCOUNT),
  );
  if (!removable.length) throw new UserError(vscode.l10n.t('There is no stored Poe account to remove.'));
  const active = s.keys.active();
  const name =
    typeof given === 'string'
      ? given
      : orCancel(
          await ui.pick(
            removable.map((a) => ({ label: a.name, description: describeAccount(a, active) })),
            { title: vscode.l10n.t('Remove Poe Account') },
          ),
        ).label;
  if (!removable.some((a) => a.name === name))
    throw new UserError(vscode.l10n.t('You have no stored Poe account named "{0}".', name));
  const remove = vscode.l10n.t('Remove');
  const answer = await ui.confirm(
    vscode.l10n.t('Remove the Poe account "{0}"?', name),
    vscode.l10n.t(
      "Its key is deleted from VS Code's secret storage. The key itself stays valid on Poe: revoke it at poe.com/api/keys if it is compromised.{0}",
      name === active ? vscode.l10n.t(' You will be on "default".') : '',
    ),
    remove,
  );
  if (answer !== remove) return false;
  await s.keys.removeAccount(name);
  s.log.info(`The Poe account "${name}" was removed.`);
  s.tree.refresh();
  return true;
}
