// Before an endpoint key leaves for an address a bot file names (Try Bot's direct route, Check Endpoint), the creator
// sees the key's reference and the address, and agrees: a file in a repository must not pair a stored secret with a
// host of its choosing unseen. Agreements are remembered per workspace, reference and address.

import * as vscode from 'vscode';
import { orCancel, ui } from './ui';

const AGREED = 'poeBots.keyDestinations';

export async function confirmKeyDestination(state: vscode.Memento, reference: string, url: string, purpose: string): Promise<void> {
  let origin: string;
  try { origin = new URL(url).origin; } catch { origin = url; }
  const id = `${reference} → ${origin}`;
  const agreed = state.get<string[]>(AGREED) ?? [];
  if (agreed.includes(id)) return;
  const send = vscode.l10n.t('Send the Key to {0}', new URL(origin).host || origin);
  orCancel(await ui.confirm(vscode.l10n.t('Send the endpoint key from {0} to {1}?', reference, origin),
    vscode.l10n.t('{0} calls your endpoint directly, with the key {1} resolves to, at the address the bot file gives ({2}). Allow it only if that address is yours. Remembered for this workspace.', purpose, reference, url),
    send));
  await state.update(AGREED, [...agreed, id]);
}
