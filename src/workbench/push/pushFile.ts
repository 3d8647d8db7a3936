// One push: read the remote, check for changes made on Poe since the last pull or push, plan, confirm, write, read
// back. Cancellable until the write starts; a failure leaves the file as it was.

import * as vscode from 'vscode';
import { fingerprint, renderBotFile } from '../../botfile/normalize';
import { rangeOf } from '../../botfile/parse';
import { notTaken, planPush, type Plan, type Verb } from '../../botfile/plan';
import { isPoeApiError, redactValue, type Bot, type BotBody, type BotCreate } from '../../poe';
import type { Services } from '../services';
import { Cancelled, orCancel, ui } from '../ui';
import { planSummary, verbTitle } from './describe';
import { prepareFile, type PreparedFile } from './prepare';
import { UserError } from '../errors';

export interface PushResult { plan: Plan; notTaken: string[]; upToDate: boolean }
export interface PushOptions { verb: Verb | 'auto'; sendKey?: boolean; confirm?: boolean }

export async function fetchRemote(s: Services, handle: string, signal?: AbortSignal): Promise<Bot | undefined> {
  try { return await s.api.client().getBot(handle, { signal }); } catch (e) {
    if (isPoeApiError(e, 'notFound')) return undefined;
    throw e;
  }
}

export async function planFor(s: Services, file: PreparedFile, remote: Bot | undefined, o: PushOptions): Promise<Plan> {
  const base = s.baselines.get(file.uri);
  const keyChanged = file.key !== undefined && base?.keyHash !== s.baselines.hashKey(file.key);
  return planPush({ verb: o.verb, local: file.local, remote, key: file.key, sendKey: o.sendKey, keyChanged });
}

export function account(s: Services): string {
  const host = new URL(s.api.baseUrlSetting()).host;
  const source = s.tree.keySource === 'environment' ? vscode.l10n.t('key from POE_API_KEY') : vscode.l10n.t('stored key');
  return `${host} (${source})`;
}

export async function pushFile(s: Services, uri: vscode.Uri, o: PushOptions): Promise<PushResult | undefined> {
  const file = await prepareFile(s, uri);
  s.pushDiagnostics.clear(uri);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing "{0}"', file.handle), cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      progress.report({ message: vscode.l10n.t('reading it on Poe…') });
      const remote = await fetchRemote(s, file.handle, ac.signal);
      await checkConflict(s, file, remote);
      const plan = await planFor(s, file, remote, o);
      if (plan.refusal) throw new UserError(plan.refusal);
      if (plan.noop) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is already up to date on Poe.', file.handle));
        await s.baselines.set(uri, { ...s.baselines.get(uri), handle: file.handle, fingerprint: fingerprint(remote) });
        return { plan, notTaken: [], upToDate: true };
      }
      const mustConfirm = o.confirm !== false && (plan.verb !== 'update' || vscode.workspace.getConfiguration('poeBots').get('confirmUpdates', true));
      if (mustConfirm) await confirm(s, file, plan, remote);
      if (token.isCancellationRequested) throw new Cancelled();
      progress.report({ message: vscode.l10n.t('sending {0}…', plan.method) });
      let missing: string[];
      try {
        missing = (await applyPlan(s, file, plan)).missing;
      } catch (e) {
        if (isPoeApiError(e, 'invalid') && e.serverMessage) markServerProblem(s, file, e.serverMessage);
        throw e;
      }
      s.remote.invalidate(file.handle);
      s.tree.refresh();
      report(s, plan, missing);
      return { plan, notTaken: missing, upToDate: false };
    });
}

async function checkConflict(s: Services, file: PreparedFile, remote: Bot | undefined): Promise<void> {
  const base = s.baselines.get(file.uri);
  if (!base || base.handle !== file.handle) return;
  if (remote && fingerprint(remote) === base.fingerprint) return;
  const diff = vscode.l10n.t('Show Diff');
  const overwrite = vscode.l10n.t('Overwrite');
  const pick = orCancel(await ui.confirm(
    remote ? vscode.l10n.t('"{0}" was changed on Poe since you last pulled or pushed it.', file.handle) : vscode.l10n.t('"{0}" was deleted on Poe since you last pulled or pushed it.', file.handle),
    remote ? vscode.l10n.t('Pushing now overwrites those changes. Compare first to keep them.') : vscode.l10n.t('Pushing creates it again.'),
    ...(remote ? [diff] : []), overwrite));
  if (pick === diff) {
    await vscode.commands.executeCommand('poeBots.compare', file.uri);
    throw new Cancelled();
  }
}

async function confirm(s: Services, file: PreparedFile, plan: Plan, remote: Bot | undefined): Promise<void> {
  const push = vscode.l10n.t('Push');
  const diff = vscode.l10n.t('Show Diff');
  for (;;) {
    const pick = orCancel(await ui.confirm(vscode.l10n.t('{0} "{1}" on {2}?', verbTitle(plan.verb), file.handle, account(s)), planSummary(plan), push, diff));
    if (pick === push) return;
    const left = remote ? s.remote.preview(file.handle, 'remote', renderBotFile(remote)) : s.remote.preview(file.handle, 'none', '');
    const right = s.remote.preview(file.handle, 'request', `${JSON.stringify(redactValue(plan.body), null, 2)}\n`);
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: on Poe ↔ {1} request', file.handle, plan.method), { preview: true });
  }
}

/** Sends the planned request, reads the bot back, and records the new baseline: the write itself, for one file or many. */
export async function applyPlan(s: Services, file: PreparedFile, plan: Plan): Promise<{ after: Bot; missing: string[] }> {
  const client = s.api.client();
  s.tree.setBusy(file.handle, true);
  try {
    if (plan.verb === 'create') await client.createBot(plan.body as BotCreate);
    else if (plan.verb === 'update') await client.updateBot(file.handle, plan.body as BotBody);
    else await client.replaceBot(file.handle, plan.body as BotBody);
    s.log.info(`${plan.method} ${file.handle}: ${plan.changed.join(', ') || 'no field changes'}${plan.sendsKey ? ' (with endpoint key)' : ''}`);
    const after = await client.getBot(file.handle);
    const keyHash = plan.sendsKey && file.key ? s.baselines.hashKey(file.key) : s.baselines.get(file.uri)?.keyHash;
    await s.baselines.set(file.uri, { handle: file.handle, fingerprint: fingerprint(after), keyHash });
    return { after, missing: notTaken(plan.body, after) };
  } finally {
    s.tree.setBusy(file.handle, false);
  }
}

/** A 400 that names a field ("api_bot_settings.pricing.prompt: …") becomes a diagnostic on that field. */
function markServerProblem(s: Services, file: PreparedFile, message: string): void {
  const m = /^([A-Za-z_][\w.[\]]*):/.exec(message);
  const path = m ? m[1]!.replace(/\[\]/g, '').split('.').filter(Boolean) : [];
  const r = rangeOf(file.validated.tree, path, 'value');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.uri.toString());
  const range = doc ? new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length)) : new vscode.Range(0, 0, 0, 1);
  s.pushDiagnostics.set(file.uri, range, vscode.l10n.t('Poe refused the push: {0}', message));
}

function report(s: Services, plan: Plan, missing: string[]): void {
  const done = plan.verb === 'create' ? vscode.l10n.t('Created "{0}" on Poe.', plan.handle)
    : plan.verb === 'update' ? vscode.l10n.t('Updated "{0}" on Poe: {1}.', plan.handle, plan.changed.join(', '))
      : vscode.l10n.t('Replaced "{0}" on Poe.', plan.handle);
  const open = vscode.l10n.t('Open on Poe');
  if (missing.length) {
    s.log.warn(`After ${plan.method} ${plan.handle}, Poe does not show: ${missing.join(', ')}`);
    void vscode.window.showWarningMessage(`${done} ${vscode.l10n.t('But reading it back, Poe does not show these as sent: {0}.', missing.join(', '))}`, open)
      .then((p) => (p ? vscode.commands.executeCommand('poeBots.openOnPoe', plan.handle) : undefined));
    return;
  }
  void vscode.window.showInformationMessage(done, open).then((p) => (p ? vscode.commands.executeCommand('poeBots.openOnPoe', plan.handle) : undefined));
}
