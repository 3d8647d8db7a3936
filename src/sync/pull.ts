// The pull flow for many bots at once (the editor's Pull All, `poe-bots pull`): every bot of the account, or the
// handles asked for, into its existing file edited in place, or a new <handle>.poebot.json. Planned first (what would
// change), written after: the editor asks in between, the command line does not need to.

import { fingerprint } from '../botfile/normalize';
import { parseBotFile } from '../botfile/parse';
import { parseKeyReference, type KeyReference } from '../botfile/secrets';
import type { Bot } from '../poe';
import { pulledText } from './pullText';
import type { BaselineStore, BotFileRef, BotsApi } from './types';

export interface PullEnv {
  client: Pick<BotsApi, 'listBots'>;
  read(file: BotFileRef): Promise<string | undefined>;
  write(file: BotFileRef, text: string): Promise<void>;
  /** The file that holds a handle (found by its "handle"), or the new file it would go to. */
  fileFor(handle: string): Promise<{ file: BotFileRef; exists: boolean }>;
  /** A key reference for a file that has none (e.g. a stored secret named after the handle). */
  defaultKeyReference?(handle: string): Promise<KeyReference | undefined>;
  baselines?: BaselineStore;
  signal?: AbortSignal;
}

export type PullChange = 'new' | 'changed' | 'same';
export interface PlannedPull { handle: string; file: BotFileRef; change: PullChange; text: string; bot: Bot }

/** What pulling would write, file by file; `only` limits it to those handles (an unknown one is an error). */
export async function planPull(env: PullEnv, only?: readonly string[]): Promise<PlannedPull[]> {
  const bots = await env.client.listBots({ signal: env.signal });
  if (only?.length) {
    const unknown = only.filter((h) => !bots.some((b) => b.handle === h));
    if (unknown.length) throw new PullError(`Not on this Poe account: ${unknown.join(', ')}.`);
  }
  const out: PlannedPull[] = [];
  for (const bot of bots.filter((b) => !only?.length || only.includes(b.handle))) {
    const { file, exists } = await env.fileFor(bot.handle);
    const current = exists ? await env.read(file) : undefined;
    const text = pulledText(current, bot, await keyReference(env, bot.handle, current));
    out.push({ handle: bot.handle, file, bot, text, change: current === undefined ? 'new' : current === text ? 'same' : 'changed' });
  }
  return out;
}

/** Writes what changed, and records each bot as pulled (so a later push notices changes made on Poe since). */
export async function writePull(env: PullEnv, planned: readonly PlannedPull[]): Promise<void> {
  for (const p of planned) {
    env.signal?.throwIfAborted();
    if (p.change !== 'same') await env.write(p.file, p.text);
    if (env.baselines) await env.baselines.set(p.file, { ...env.baselines.get(p.file), handle: p.handle, fingerprint: fingerprint(p.bot) });
  }
}

export class PullError extends Error {
  readonly userFacing = true;
}

/** The file's own reference stays; a file without one may get a default. */
async function keyReference(env: PullEnv, handle: string, current: string | undefined): Promise<KeyReference | undefined> {
  const had = current === undefined ? undefined : (parseBotFile(current).value as { api_bot_settings?: { api_key?: unknown } } | undefined)?.api_bot_settings?.api_key;
  if (typeof had === 'string') {
    const ref = parseKeyReference(had);
    if (typeof ref === 'object') return ref;
  }
  return env.defaultKeyReference?.(handle);
}
