// Rotate Endpoint Key…: the editor's side of the rotation flow (src/sync/rotate.ts). Pick a reference the
// workspace's bot files use, type the new key, agree once; the flow tries the key, updates every bot, and only then
// is the secret replaced here. The confirmation names every bot and host, so the key gate adds no question (as a push).

import * as vscode from 'vscode';
import { BOT_FILE_GLOB } from '../../botfile/names';
import { parseKeyReference } from '../../botfile/secrets';
import {
  referencesIn,
  rotateKey,
  rotationReference,
  type BotFileRef,
  type RotateEnv,
  type RotationReport,
} from '../../sync';
import { readText } from '../documents';
import { UserError } from '../errors';
import { account, fileRef, fileUri } from '../flowEnv';
import { rulesOnlyKeyGate } from '../keyDestination';
import { loadEndpoint } from '../lazy';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { orCancel, ui } from '../ui';

export async function rotateEndpointKey(
  s: Services,
  givenReference?: unknown,
  givenKey?: unknown,
): Promise<RotationReport> {
  requireTrust();
  const uris = await vscode.workspace.findFiles(BOT_FILE_GLOB, '**/node_modules/**');
  uris.sort((a, b) => a.path.localeCompare(b.path));
  const files = uris.map(fileRef);
  const read = (f: BotFileRef) => readText(fileUri(f));
  let reference: string;
  if (typeof givenReference === 'string') reference = rotationReference(givenReference);
  else {
    const used = await referencesIn({ files, read });
    if (!used.size)
      throw new UserError(
        vscode.l10n.t(
          'No bot file in this workspace names its key as ${secret:NAME} or ${env:NAME}: there is nothing to rotate.',
        ),
      );
    reference = orCancel(
      await ui.pick(
        [...used].map(([ref, n]) => ({ label: ref, description: vscode.l10n.t('{0} bot file(s)', n) })),
        { title: vscode.l10n.t('Rotate Endpoint Key: which key?') },
      ),
    ).label;
  }
  const key =
    typeof givenKey === 'string'
      ? givenKey.trim()
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Rotate {0}: the new key', reference),
            prompt: vscode.l10n.t(
              'The new endpoint key. It is tried at each endpoint first; the stored key is replaced only after every bot has the new one.',
            ),
            password: true,
            validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
          }),
        ).trim();
  s.log.maskSecrets(key);
  const ref = parseKeyReference(reference);
  const env: RotateEnv = {
    client: s.api.client(),
    read,
    files,
    keyGate: rulesOnlyKeyGate(async () => (await s.keys.poeKey())?.key),
    account: await account(s),
    tryKey: (handle, settings, k, label) => loadEndpoint().tryEndpointKey(handle, settings, k, label),
    confirm: async (c) => (await ui.confirm(c.title, c.detail, c.rotate)) === c.rotate,
    replaceStored: async () => {
      if (typeof ref !== 'object') return undefined;
      if (ref.kind === 'secret') {
        await s.keys.storeEndpointSecret(ref.name, key);
        return undefined;
      }
      return vscode.l10n.t(
        'Every bot has the new key. {0} is an environment variable: set {1} to the new key yourself, as it still holds the old one.',
        reference,
        ref.name,
      );
    },
    baselines: s.baselines,
    t: vscode.l10n.t,
    log: s.log,
  };
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Rotating {0}…', reference),
      cancellable: false,
    },
    () => rotateKey(env, reference, key),
  );
  s.log.info(
    `Rotate ${reference}: ${report.outcome}. ${report.bots.map((b) => `${b.handle} ${b.outcome}${b.message ? ` (${b.message})` : ''}`).join('; ')}`,
  );
  if (report.outcome === 'rotated' && report.stored) void vscode.window.showInformationMessage(report.message);
  else if (report.outcome !== 'cancelled') void vscode.window.showWarningMessage(report.message);
  s.tree.refresh();
  return report;
}
