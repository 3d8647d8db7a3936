// Words for a plan: what the confirmation, the log and the result message say.

import * as vscode from 'vscode';
import type { Plan, Verb } from '../../botfile/plan';

export function verbTitle(verb: Verb): string {
  return verb === 'create' ? vscode.l10n.t('Create') : verb === 'update' ? vscode.l10n.t('Update') : vscode.l10n.t('Replace');
}

export function planSummary(plan: Plan): string {
  const lines: string[] = [];
  if (plan.verb === 'create') lines.push(vscode.l10n.t('A new bot (POST /bots) with: {0}', plan.changed.join(', ')));
  else if (plan.changed.length) lines.push(vscode.l10n.t('Changes: {0}', plan.changed.join(', ')));
  if (plan.verb === 'replace') {
    lines.push(vscode.l10n.t('PUT replaces every setting with the file\'s.'));
    if (plan.resets.length) lines.push(vscode.l10n.t('Reset, because the file does not have them: {0}', plan.resets.join(', ')));
  } else if (plan.verb === 'update' && plan.resets.length) {
    lines.push(vscode.l10n.t('Kept on Poe (the file does not have them, and an update cannot remove them): {0}', plan.resets.join(', ')));
  }
  lines.push(plan.sendsKey ? vscode.l10n.t('The endpoint key is sent.') : vscode.l10n.t('The endpoint key is not sent (Poe keeps the one it has).'));
  return lines.join('\n');
}
