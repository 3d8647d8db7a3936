// push --prune: a bot the lock file knows whose file is gone is deleted from Poe, after a backup of it as Poe has it
// into the lock folder's .poe-bots/deleted/ (a dot-folder, so no command takes the backup for a bot file).

import fs from 'node:fs';
import path from 'node:path';
import { renderBotFile } from '../botfile/normalize';
import { isPoeApiError, type PoeBotsClient } from '../poe';
import { unsafeHandle, type LockStore } from '../sync';
import { lockRoot } from './lock';
import type { Orphan } from './planRows';
import { writeFileAtomic } from './writeFile';

export interface PruneResult {
  handle: string;
  file: string;
  outcome: 'deleted' | 'alreadyGone' | 'failed';
  backup?: string;
  message?: string;
}

export async function prune(
  dirs: readonly string[],
  orphans: readonly Orphan[],
  client: Pick<PoeBotsClient, 'getBot' | 'deleteBot'>,
  lock: LockStore,
): Promise<PruneResult[]> {
  const folder = path.join(lockRoot(dirs), '.poe-bots', 'deleted');
  const out: PruneResult[] = [];
  for (const o of orphans) {
    // The handle comes from a committed file: one that is not a plain file name is never a path for the backup.
    if (unsafeHandle(o.handle)) {
      out.push({
        ...o,
        outcome: 'failed',
        message: `${JSON.stringify(o.handle)} is not a plain file name, so it is not backed up or deleted.`,
      });
      continue;
    }
    try {
      let bot;
      try {
        bot = await client.getBot(o.handle);
      } catch (e) {
        if (!isPoeApiError(e, 'notFound')) throw e;
        await lock.remove(o.handle);
        out.push({ ...o, outcome: 'alreadyGone' });
        continue;
      }
      // A backup is never overwritten: a second prune of the same handle gets a name of its own.
      let backup = path.join(folder, `${o.handle}.poebot.json`);
      for (let i = 2; fs.existsSync(backup); i++) backup = path.join(folder, `${o.handle}.${i}.poebot.json`);
      writeFileAtomic(backup, renderBotFile(bot));
      await client.deleteBot(o.handle);
      await lock.remove(o.handle);
      out.push({ ...o, outcome: 'deleted', backup: path.relative(process.cwd(), backup) });
    } catch (e) {
      out.push({ ...o, outcome: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
