// Bots the lock file knows whose file is gone: what `push --prune` deletes (never a bot the lock file does not know).

import fs from 'node:fs';
import type { BotFileRef, LockStore } from '../sync';
import { findBotFiles, handleOf } from './env';
import { lockedPath, lockRoot } from './lock';
import type { Orphan } from './planRows';

export async function findOrphans(
  dirs: readonly string[],
  lock: LockStore,
  selected: readonly BotFileRef[],
): Promise<Orphan[]> {
  // The lock's folder, found once (it stats every path): a lock file of 1,000 bots is 1,000 files to look for.
  const root = lockRoot(dirs);
  const gone = lock.entries().filter(([, e]) => !fs.existsSync(lockedPath(root, e.file)));
  if (!gone.length) return [];
  // A file moved or renamed still holds its bot: only a handle no file under the lock's folder claims is an orphan.
  const claimed = new Set<string>();
  for (const f of [...selected, ...findBotFiles([root])]) {
    const h = await handleOf(f);
    if (h) claimed.add(h.toLowerCase());
  }
  return gone.filter(([h]) => !claimed.has(h.toLowerCase())).map(([handle, e]) => ({ handle, file: e.file }));
}
