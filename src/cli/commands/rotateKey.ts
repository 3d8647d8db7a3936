// poe-bots rotate-key NAME [dir]: the editor's Rotate Endpoint Key from a terminal or CI. The new key is what the
// reference resolves to in this run (${secret:NAME}: POE_SECRET_<NAME>; ${env:NAME}: $NAME with --allow-env), tried
// at each endpoint before Poe hears of it, sent to every bot of the folder that uses the reference (one PATCH of
// api_key each), read back; the key goes only to hosts the run allows, and the plan is agreed to once (--yes).

import { resolveKey } from '../../botfile/secrets';
import { rotateKey, rotationReference, type RotationConfirmation } from '../../sync';
import { account, client, CliError, readFile, selectBotFiles } from '../env';
import { keyGate, keySources, secretVariable, type KeyPolicy } from '../keys';
import { openLock } from '../lock';
import type { Out } from '../output';
import { askYesNo } from '../ask';

export interface RotateFlags {
  yes: boolean;
  interactive: boolean;
  policy: KeyPolicy;
  signal?: AbortSignal;
  accountChange: boolean;
}

export async function rotateKeyCommand(
  name: string | undefined,
  dir: string | undefined,
  flags: RotateFlags,
  version: string,
  out: Out,
): Promise<number> {
  if (!name)
    throw new CliError(
      'Name the key to rotate: poe-bots rotate-key NAME [dir] (the ${secret:NAME} the bot files use; the new key in POE_SECRET_<NAME>).',
    );
  if (!flags.yes && !flags.interactive)
    throw new CliError('Not a terminal, so there is no one to ask: pass --yes to rotate without a question (CI).');
  const reference = rotationReference(name);
  const dirs = dir ? [dir] : [];
  const files = await selectBotFiles(dirs);
  const lock = await openLock(dirs, { readOnly: false, accountChange: flags.accountChange });
  const secret = /^\$\{secret:(.+)\}$/.exec(reference)?.[1];
  const newKey = await resolveKey(reference, keySources(flags.policy));
  const show = (text: string) => (out.json ? out.note(text) : out.line(text));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read only by the commands that call an endpoint
  const { tryEndpointKey } = require('../../endpoint') as typeof import('../../endpoint');
  const report = await rotateKey(
    {
      client: client(version),
      read: readFile,
      files,
      // A host the committed lock file records for this reference counts as allowed, as in a push.
      keyGate: keyGate(flags.policy, process.env.POE_API_KEY?.trim(), undefined, () => lock.hostsFor(reference)),
      account: account(),
      tryKey: (handle, settings, key, label) => tryEndpointKey(handle, settings, key, label, { signal: flags.signal }),
      confirm: async (c: RotationConfirmation) => {
        show(out.color.bold(c.title));
        for (const l of c.detail.split('\n')) show(`  ${l}`);
        return flags.yes || (await askYesNo('Rotate? [y/N] '));
      },
      // The command line holds no secret store: the creator replaces the variable's value once every bot has the key.
      replaceStored: async () =>
        `Every bot that uses ${reference} has the new key. Now make ${secret ? secretVariable(secret) : reference} hold it wherever this run's secrets are kept (CI secrets), then revoke the old key at your provider.`,
      baselines: lock,
      log: { info: () => undefined, warn: (m) => out.note(m) },
      signal: flags.signal,
    },
    reference,
    newKey,
  );

  out.line();
  for (const e of report.endpoints)
    out.line(
      `${e.trial.ok ? out.color.green('✓') : out.color.red('✗')} ${e.host}: ${e.trial.summary}${!e.trial.ok && e.trial.fix ? `\n    What to do: ${e.trial.fix}` : ''}`,
    );
  if (report.endpoints.length) out.line();
  out.table([
    ['FILE', 'BOT', 'RESULT'],
    ...report.bots.map((b) => [
      b.file.label,
      b.handle,
      b.outcome === 'rotated' ? out.color.green('rotated') : out.color.red(b.message ?? b.outcome),
    ]),
  ]);
  out.line();
  out.line(report.message);
  out.result({
    reference,
    outcome: report.outcome,
    bots: report.bots.map((b) => ({
      file: b.file.label,
      handle: b.handle,
      host: b.host,
      outcome: b.outcome,
      message: b.message,
    })),
    endpoints: report.endpoints.map((e) => ({
      host: e.host,
      handle: e.handle,
      ok: e.trial.ok,
      summary: e.trial.summary,
    })),
  });
  return report.outcome === 'rotated' ? 0 : 1;
}
