// The editor's answers at the key gate (src/sync/keyGate.ts). Before an endpoint key leaves for an address a bot
// file names (Try Bot's direct route, Check Endpoint), the creator sees the key's reference and the address, and
// agrees: a file in a repository must not pair a stored secret with a host of its choosing unseen. Agreements are
// remembered per workspace, reference and address. A push needs no question here: its confirmation names every key
// line and is never skipped when it has one; a key typed for one call was given knowing where it goes.

import * as vscode from 'vscode';
import type { KeyGate, KeyQuestion } from '../sync/keyGate';
import { orCancel, ui } from './ui';

const AGREED = 'poeBots.keyDestinations';

/** The gate for a call that sends the key itself (`purpose` names it: "Check Endpoint", "Try Bot"). */
export function askingKeyGate(
  state: vscode.Memento,
  poeKey: () => Promise<string | undefined>,
  purpose: string,
): KeyGate {
  return { poeKey, allow: (q) => confirmKeyDestination(state, q, purpose) };
}

/**
 * The fixed rules only: for a push (its confirmation is the question) and for a key the creator just typed for this
 * one call (given knowing where it goes).
 */
export function rulesOnlyKeyGate(poeKey: () => Promise<string | undefined>): KeyGate {
  return { poeKey, allow: async () => true };
}

async function confirmKeyDestination(state: vscode.Memento, q: KeyQuestion, purpose: string): Promise<true> {
  const { reference } = q.use;
  const origin = q.destination.origin;
  const id = `${reference} → ${origin}`;
  const agreed = state.get<string[]>(AGREED) ?? [];
  if (agreed.includes(id)) return true;
  const send = vscode.l10n.t('Send the Key to {0}', q.destination.host);
  orCancel(
    await ui.confirm(
      vscode.l10n.t('Send the endpoint key from {0} to {1}?', reference, origin),
      vscode.l10n.t(
        '{0} calls your endpoint directly, with the key {1} resolves to, at the address the bot file gives ({2}). Allow it only if that address is yours. Remembered for this workspace.',
        purpose,
        reference,
        String(q.use.url),
      ),
      send,
    ),
  );
  await state.update(AGREED, [...agreed, id]);
  return true;
}
