// The push flow's questions, answered by the creator in modals: one confirmation (with Show Diff of the request for
// a single bot, and Skip for bots changed on Poe), and an offer to store a missing endpoint secret.

import * as vscode from 'vscode';
import { renderBotFile } from '../../botfile/normalize';
import { redactValue } from '../../poe';
import type { Answer, Confirmation, Progress, Questions } from '../../sync';
import { setEndpointSecret } from '../editor/endpointSecrets';
import type { Services } from '../services';
import { ui } from '../ui';

export function editorQuestions(s: Services, progress?: (p: Progress) => void): Questions {
  return {
    async confirm(c: Confirmation): Promise<Answer> {
      const single = c.planned.length === 1;
      const push = !c.conflicts.length
        ? c.push
        : single
          ? vscode.l10n.t('Overwrite and Push')
          : vscode.l10n.t('Push All, Overwriting {0}', c.conflicts.length);
      const skip = c.conflicts.length && !single ? vscode.l10n.t('Skip Changed Bots') : undefined;
      const diff = single ? vscode.l10n.t('Show Diff') : undefined;
      for (;;) {
        const pick = await ui.confirm(c.title, c.detail, push, ...(skip ? [skip] : []), ...(diff ? [diff] : []));
        if (pick === push) return 'push';
        if (pick !== undefined && pick === skip) return 'skipConflicts';
        if (pick === undefined || pick !== diff) return 'cancel';
        await showRequestDiff(s, c);
      }
    },
    async missingSecret(name, message) {
      const set = vscode.l10n.t('Set Secret');
      if ((await vscode.window.showWarningMessage(message, { modal: true }, set)) !== set) return false;
      await setEndpointSecret(s, name);
      return true;
    },
    progress,
  };
}

/** The bot on Poe beside exactly what the request will send (the key masked). */
async function showRequestDiff(s: Services, c: Confirmation): Promise<void> {
  const { plan, remote } = c.planned[0]!;
  const left = remote
    ? s.remote.preview(plan.handle, 'remote', renderBotFile(remote))
    : s.remote.preview(plan.handle, 'none', '');
  const right = s.remote.preview(plan.handle, 'request', `${JSON.stringify(redactValue(plan.body), null, 2)}\n`);
  await vscode.commands.executeCommand(
    'vscode.diff',
    left,
    right,
    vscode.l10n.t('{0}: on Poe ↔ {1} request', plan.handle, plan.method),
    { preview: true },
  );
}
