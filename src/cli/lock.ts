// The command line's lock file: poe-bots.lock.json at the root of the folder a command works on (with several paths,
// the folder that holds them all), read at the start of a run and written by push and pull only.

import fs from 'node:fs';
import path from 'node:path';
import { accountName as accountWords, LOCK_FILE_NAME, LockStore, type BotFileRef } from '../sync';
import { accountName, CliError } from './env';
import { writeFileAtomic } from './writeFile';

/** The folder the lock file sits in: the one path's folder, or the deepest folder holding every path. */
export function lockRoot(paths: readonly string[]): string {
  const folders = (paths.length ? paths : ['.']).map((p) => {
    const abs = path.resolve(p);
    return fs.statSync(abs, { throwIfNoEntry: false })?.isFile() ? path.dirname(abs) : abs;
  });
  let root = folders[0]!;
  while (!folders.every((f) => f === root || f.startsWith(root.endsWith(path.sep) ? root : root + path.sep)))
    root = path.dirname(root);
  return root;
}

export function lockLabel(root: string): string {
  return path.relative(process.cwd(), path.join(root, LOCK_FILE_NAME)) || LOCK_FILE_NAME;
}

/**
 * Opens the folder's lock file. With POE_ACCOUNT, the account it records must be that one: a wrong secret in CI must
 * not push a development folder to production. --account-change (`accountChange`) moves the folder on purpose.
 */
export async function openLock(
  paths: readonly string[],
  o: { readOnly: boolean; accountChange?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<LockStore> {
  const root = lockRoot(paths);
  const file = path.join(root, LOCK_FILE_NAME);
  const lock = await LockStore.open({
    disk: {
      label: lockLabel(root),
      read: async () => {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw e;
        }
      },
      write: async (text) => writeFileAtomic(file, text),
    },
    relative: (f: BotFileRef) => path.relative(root, f.id).split(path.sep).join('/'),
    poeKey: async () => env.POE_API_KEY?.trim() || undefined,
    readOnly: o.readOnly,
    // A pulled bot's key was never sent by this tool: an update sends it only when asked (--send-key), as before.
    unrecordedKey: 'unchanged',
    account: () => accountName(env),
  });
  const wanted = accountName(env);
  if (wanted && lock.account && lock.account !== wanted && !o.accountChange) {
    throw new CliError(
      `POE_ACCOUNT is "${accountWords(wanted)}", but ${lock.label} says this folder was last pulled from or pushed to "${accountWords(lock.account)}". Nothing was sent. Check which key this run has; to move the folder to "${accountWords(wanted)}" on purpose, pass --account-change.`,
    );
  }
  return lock;
}

/** The absolute path of a file the lock file names, from the lock's folder (lockRoot). */
export const lockedPath = (root: string, file: string) => path.join(root, ...file.split('/'));
