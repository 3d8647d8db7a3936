// poe-bots pull [dir]: every bot of the account (or --only some) into <handle>.poebot.json files, through the
// editor's own pull flow and file gate: an existing file is edited in place, keeping its comments and key reference;
// a file that holds another bot, does not parse, is mid-merge or is claimed twice is never rewritten. --dry-run says
// what would change and writes nothing.

import fs from 'node:fs';
import path from 'node:path';
import { planPull, writePull, type PlannedPull, type PullEnv } from '../../sync';
import { client, findBotFiles, handleOf, readFile } from '../env';
import { openLock } from '../lock';
import type { Out } from '../output';
import { writeFileAtomic } from '../writeFile';

export interface PullCliOptions {
  only: string[];
  dryRun?: boolean;
  accountChange?: boolean;
}

export async function pull(dir: string | undefined, o: PullCliOptions, version: string, out: Out): Promise<number> {
  const root = path.resolve(dir ?? '.');
  if (!o.dryRun) fs.mkdirSync(root, { recursive: true });
  const label = (id: string) => path.relative(process.cwd(), id) || id;
  const claims: { file: { id: string; label: string }; handle: string }[] = [];
  for (const file of fs.existsSync(root) ? findBotFiles([root]) : []) {
    const handle = await handleOf(file);
    if (handle !== undefined) claims.push({ file, handle });
  }
  // The lock file records each bot as pulled: a later plan tells a change on Poe since from a local one.
  const lock = await openLock([root], { readOnly: o.dryRun === true, accountChange: o.accountChange });
  const env: PullEnv = {
    client: client(version),
    baselines: lock,
    read: readFile,
    write: async (f, text) => writeFileAtomic(f.id, text),
    filesFor: async (handle) =>
      claims.filter((c) => c.handle.toLowerCase() === handle.toLowerCase()).map((c) => c.file),
    newFile: (name) => {
      const id = path.join(root, name);
      return { id, label: label(id) };
    },
    // The bot's usual file holds another bot: the command line writes a new name beside it and says which.
    questions: { otherHandle: async () => true },
  };
  const planned = await planPull(env, o.only);
  // A pull from the command line is asked for by name: it edits a file changed since the last pull too (as before the
  // lock file), keeping its comments and key reference.
  const done = o.dryRun ? planned : await writePull(env, planned, { overwriteEdited: true });
  report(done, o.dryRun === true, out);
  return !o.dryRun && done.some((p) => p.change === 'refused') ? 1 : 0;
}

function report(done: readonly PlannedPull[], dry: boolean, out: Out): void {
  const c = out.color;
  const word = (p: PlannedPull) => {
    const instead = p.instead ? ` (${p.instead.file.label} holds "${p.instead.holds ?? ''}")` : '';
    if (p.change === 'new') return c.green(dry ? 'new' : 'written') + instead;
    if (p.change === 'changed')
      return (
        c.yellow(dry ? 'would edit in place' : 'edited in place') + (p.fields.length ? `: ${p.fields.join(', ')}` : '')
      );
    if (p.change === 'same') return c.dim('up to date');
    return c.red('refused');
  };
  out.table([['BOT', 'FILE', 'RESULT'], ...done.map((p) => [p.handle, p.file?.label ?? '-', word(p)])]);
  const refused = done.filter((p) => p.change === 'refused');
  const changed = done.filter((p) => p.change === 'new' || p.change === 'changed').length;
  out.line();
  for (const p of refused) out.line(`${c.red('refused')} ${p.handle}: ${p.reason ?? ''}`);
  if (refused.length) out.line();
  const counts = `${done.length} bot(s): ${changed} ${dry ? 'would be written' : 'written'}, ${done.length - changed - refused.length} already up to date${refused.length ? `, ${refused.length} refused` : ''}.`;
  out.line(dry ? `Dry run, nothing written. ${counts}` : counts);
  const outcome = (p: PlannedPull) =>
    ({ new: 'created', changed: 'updated', same: 'unchanged', refused: 'refused' })[p.change];
  out.result({
    ...(dry ? { dryRun: true } : {}),
    files: done.map((p) => ({
      handle: p.handle,
      file: p.file?.label ?? null,
      outcome: outcome(p),
      ...(p.change === 'changed' ? { fields: p.fields } : {}),
      ...(p.instead ? { instead: p.instead.file.label } : {}),
      ...(p.reason ? { reason: p.reason } : {}),
    })),
  });
}
