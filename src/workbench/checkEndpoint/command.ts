// Check Endpoint: is this bot's endpoint right, as Poe will call it? For the active bot file, a file the CodeLens
// names, or a bot in the tree (its workspace file when there is one, for the key reference; otherwise the key is
// asked for in a password box and kept for that check only). The report opens in the editor area.

import * as vscode from 'vscode';
import { endpointTarget, readBotFile } from '../../botfile/read';
import { keyLabel as keyLabelOf, resolveKey } from '../../botfile/secrets';
import { passKeyGate } from '../../sync/keyGate';
import type { CheckReport } from '../../endpoint';
import type { ApiBotSettings } from '../../poe';
import { isBotFile } from '../botFiles';
import { readText } from '../documents';
import { UserError } from '../errors';
import { askingKeyGate, rulesOnlyKeyGate } from '../keyDestination';
import { loadEndpoint } from '../lazy';
import { runEndpointCheck } from '../panelLoader';
import { keySources } from '../flowEnv';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { pickHandle } from '../tree/pickBot';

interface Target {
  handle: string;
  settings: ApiBotSettings;
  keyText?: string;
}

async function fromFile(uri: vscode.Uri): Promise<Target> {
  const target = endpointTarget(readBotFile((await readText(uri)) ?? ''));
  if ('missing' in target) {
    throw new UserError(
      target.missing === 'handle'
        ? vscode.l10n.t('{0} has no "handle".', vscode.workspace.asRelativePath(uri))
        : vscode.l10n.t(
            '{0} needs base_url and model_name before its endpoint can be checked.',
            vscode.workspace.asRelativePath(uri),
          ),
    );
  }
  return target;
}

async function target(s: Services, arg: unknown): Promise<Target> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (arg instanceof vscode.Uri) return fromFile(arg);
  if (!arg && active && isBotFile(active)) return fromFile(active);
  const handle = await pickHandle(s, arg, vscode.l10n.t('Check the endpoint of which bot?'));
  const file = await s.files.fileFor(handle);
  if (file) return fromFile(file);
  const bot = s.account.bots().find((b) => b.handle === handle);
  if (!bot?.api_bot_settings?.base_url || !bot.api_bot_settings.model_name)
    throw new UserError(vscode.l10n.t('"{0}" has no base_url and model_name on Poe to check.', handle));
  return { handle, settings: bot.api_bot_settings };
}

/** The key and how to name it: the file's reference resolved, or typed; then the key gate (the address agreed to). */
async function keyFor(s: Services, t: Target): Promise<{ key: string; keyLabel: string }> {
  const poeKey = async () => (await s.keys.poeKey())?.key;
  if (t.keyText === undefined) {
    const key = orCancel(
      await ui.input({
        title: vscode.l10n.t('Endpoint key for {0}', t.handle),
        password: true,
        prompt: vscode.l10n.t(
          'Poe never returns the endpoint key, and "{0}" has no file with a key reference. It is used for this check only, never stored.',
          t.handle,
        ),
        validateInput: (v) => (v ? undefined : vscode.l10n.t('The key cannot be empty.')),
      }),
    );
    const keyLabel = vscode.l10n.t('the key you typed');
    await passKeyGate(
      rulesOnlyKeyGate(poeKey),
      { handle: t.handle, reference: keyLabel, key, url: t.settings.base_url, purpose: 'checkEndpoint' },
      vscode.l10n.t,
    );
    return { key, keyLabel };
  }
  const keyLabel = keyLabelOf(t.keyText);
  const key = await resolveKey(t.keyText, keySources(s));
  await passKeyGate(
    askingKeyGate(s.context.workspaceState, poeKey, vscode.l10n.t('Check Endpoint')),
    { handle: t.handle, reference: keyLabel, key, url: t.settings.base_url, purpose: 'checkEndpoint' },
    vscode.l10n.t,
  );
  return { key, keyLabel };
}

export async function checkEndpoint(s: Services, arg?: unknown): Promise<CheckReport | undefined> {
  if (!vscode.workspace.isTrusted)
    throw new UserError(vscode.l10n.t('Check Endpoint reads your endpoint key: trust this workspace to run it.'));
  const t = await target(s, arg);
  const report = await runEndpointCheck(
    s.context.extensionUri,
    t.handle,
    t.settings.base_url!,
    async (onRow, signal) => {
      const { key, keyLabel } = await keyFor(s, t);
      return loadEndpoint().checkEndpoint({ handle: t.handle, settings: t.settings, key, keyLabel }, { signal, onRow });
    },
  );
  if (report) {
    s.log.info(`Endpoint check of ${t.handle}: ${report.summary}`);
    void (report.ok
      ? vscode.window.showInformationMessage(report.summary)
      : vscode.window.showWarningMessage(report.summary));
  }
  return report;
}
