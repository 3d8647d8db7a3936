// poe-bots drift [dirs...]: only the comparison of Poe now with the lock file, for a scheduled job: which bots were
// changed (or deleted) on Poe since they were last pulled or pushed, field by field with the values. One GET /bots.
// Exits 0 when none, 2 when some, 1 on an error.

import { readBotFile } from '../../botfile/read';
import { driftLines, driftOf, type Drift } from '../../sync';
import { client, CliError, readFile, selectBotFiles } from '../env';
import { openLock } from '../lock';
import type { Out } from '../output';

export const EXIT_DRIFT = 2;

export async function drift(
  dirs: string[],
  only: string[],
  version: string,
  out: Out,
  accountChange = false,
): Promise<number> {
  const files = await selectBotFiles(dirs, only);
  const lock = await openLock(dirs, { readOnly: true, accountChange });
  if (!lock.exists)
    throw new CliError(
      `There is no ${lock.label}: drift compares Poe with the lock file that poe-bots pull and push write. Pull or push first, and commit it.`,
    );
  const bots = new Map((await client(version).listBots()).map((b) => [b.handle, b]));
  const found: { handle: string; file: string; drift: Drift }[] = [];
  let unknown = 0;
  for (const f of files) {
    const view = readBotFile((await readFile(f)) ?? '');
    if (!view.handle) continue;
    const base = lock.get(f, view.handle);
    if (!base) {
      unknown++;
      continue;
    }
    const d = driftOf(base, bots.get(view.handle), view.bot);
    if (d) found.push({ handle: view.handle, file: f.label, drift: d });
  }
  if (found.length) {
    out.table([
      ['BOT', 'FILE', 'ON POE SINCE THE LOCK FILE'],
      ...found.map((x) => [
        x.handle,
        x.file,
        out.color.yellow(
          x.drift.kind === 'deleted'
            ? 'deleted'
            : `changed: ${x.drift.fields.map((f) => f.path).join(', ') || '(fields not recorded)'}`,
        ),
      ]),
    ]);
    for (const x of found.filter((y) => y.drift.fields.length)) {
      out.line();
      out.line(out.color.bold(x.handle));
      for (const l of driftLines(x.drift)) out.line(`  ${l}`);
    }
    out.line();
  }
  out.line(
    `${found.length} of ${files.length - unknown} bot(s) changed on Poe since ${lock.label}${unknown ? ` (${unknown} not in the lock file yet)` : ''}.`,
  );
  out.result({
    lockFile: lock.label,
    drifted: found.map((x) => ({
      handle: x.handle,
      file: x.file,
      kind: x.drift.kind,
      fields: x.drift.fields.map((f) => ({
        path: f.path,
        ...(f.wasKnown ? { was: f.was ?? null } : {}),
        now: f.now ?? null,
      })),
    })),
    notInLockFile: unknown,
  });
  return found.length ? EXIT_DRIFT : 0;
}
