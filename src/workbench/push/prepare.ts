// Before any write: the workspace is trusted, the file is valid, and its key reference resolves. Nothing is sent
// for a file with errors.

import * as vscode from 'vscode';
import { parseKeyReference, resolveKey, KeyResolutionError } from '../../botfile/secrets';
import { describeProblems, hasErrors, validateBotFile, type Validated } from '../../botfile/validate';
import { setEndpointSecret } from '../commands/files';
import { readText } from '../documents';
import type { Services } from '../services';
import { FileProblemsError, UntrustedWorkspaceError, UserError } from '../errors';

export interface PreparedFile {
  uri: vscode.Uri;
  handle: string;
  validated: Validated;
  /** The bot as the file says it, without $schema. */
  local: Record<string, unknown>;
  /** The endpoint key the file's api_key resolves to. */
  key?: string;
  /** The api_key text in the file (a reference), for messages. */
  keyText?: string;
}

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new UntrustedWorkspaceError(vscode.l10n.t('Pushing is turned off in an untrusted workspace: a repository must not be able to send changes or keys to your Poe account. Trust this folder to push.'));
  }
}

export async function prepareFile(s: Services, uri: vscode.Uri, opts: { askForMissingSecret?: boolean } = {}): Promise<PreparedFile> {
  requireTrust();
  const text = await readText(uri);
  if (text === undefined) throw new UserError(vscode.l10n.t('{0} could not be read.', vscode.workspace.asRelativePath(uri)));
  const validated = validateBotFile(text);
  const name = vscode.workspace.asRelativePath(uri);
  if (hasErrors(validated.problems)) {
    const errors = validated.problems.filter((p) => p.severity === 'error');
    throw new FileProblemsError(vscode.l10n.t('{0} has {1} problem(s), so nothing was sent:\n{2}', name, errors.length, describeProblems(validated.text, errors, 3)));
  }
  const { $schema: _schema, ...local } = validated.value as Record<string, unknown>;
  const settings = local.api_bot_settings as { api_key?: unknown } | undefined;
  const keyText = typeof settings?.api_key === 'string' ? settings.api_key : undefined;
  const prepared: PreparedFile = { uri, handle: String(local.handle), validated, local, keyText };
  if (keyText === undefined) return prepared;
  const sources = { secret: (n: string) => s.keys.endpointSecret(n), env: (n: string) => process.env[n], allowEnv: vscode.workspace.isTrusted };
  try {
    prepared.key = await resolveKey(keyText, sources);
  } catch (e) {
    const ref = parseKeyReference(keyText);
    if (!(e instanceof KeyResolutionError) || typeof ref !== 'object' || ref.kind !== 'secret' || opts.askForMissingSecret === false) throw e;
    const set = vscode.l10n.t('Set Secret');
    const pick = await vscode.window.showWarningMessage(e.message, { modal: true }, set);
    if (pick !== set) throw e;
    await setEndpointSecret(s, ref.name);
    prepared.key = await resolveKey(keyText, sources);
  }
  s.log.remember(prepared.key);
  return prepared;
}
