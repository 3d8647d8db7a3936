// The pull flow, for one bot or many (the editor's Pull and Pull All, `poe-bots pull`): every bot of the account, or
// the handles asked for, into its existing file edited in place, or a new <handle>.poebot.json, each through the file
// gate (fileGate.ts). Planned first (what would change, what is refused), written after: the editor asks in between,
// the command line prints the plan (--dry-run) or writes it.

import { fingerprint } from '../botfile/normalize';
import { readBotFile } from '../botfile/read';
import type { KeyReference } from '../botfile/secrets';
import type { Bot } from '../poe';
import { editedSince, targetFor, contentHash, type GateEnv } from './fileGate';
import { fieldDigests } from './lockFile';
import { pullEdits } from './pullText';
import { english, type BotFileRef, type BotsApi } from './types';

export interface PullEnv extends GateEnv {
  client: Pick<BotsApi, 'listBots'>;
  write(file: BotFileRef, text: string): Promise<void>;
  /** A key reference for a file that has none (e.g. a stored secret named after the handle). */
  defaultKeyReference?(handle: string): Promise<KeyReference | undefined>;
  signal?: AbortSignal;
}

/** 'refused': the file gate said no (`reason` says why, in the creator's words); nothing is written for it. */
export type PullChange = 'new' | 'changed' | 'same' | 'refused';
export interface PlannedPull {
  handle: string;
  /** Where it goes; undefined when the bot was refused before a file was chosen (an unsafe handle). */
  file?: BotFileRef;
  change: PullChange;
  text: string;
  bot: Bot;
  /** The fields an in-place edit changes ("description", "api_bot_settings.pricing"). */
  fields: string[];
  reason?: string;
  /** The bot's usual file holds another bot, so it goes to a new name instead (the creator agreed). */
  instead?: { file: BotFileRef; holds: string | undefined };
  /** The file was edited since this tool last wrote or pushed it: written only when the caller says so. */
  edited?: boolean;
  /** The text planned from, so a file changed before the write is left alone. */
  from?: string;
}

/** What pulling would write, file by file, through the file gate; `only` limits it to those handles (an unknown one is an error). */
export async function planPull(env: PullEnv, only?: readonly string[]): Promise<PlannedPull[]> {
  await env.baselines?.load?.();
  const bots = await env.client.listBots({ signal: env.signal });
  if (only?.length) {
    const unknown = only.filter((h) => !bots.some((b) => b.handle === h));
    if (unknown.length) throw new PullError(`Not on this Poe account: ${unknown.join(', ')}.`);
  }
  const out: PlannedPull[] = [];
  const taken = new Set<string>();
  for (const bot of bots.filter((b) => !only?.length || only.includes(b.handle))) {
    const target = await targetFor(env, bot.handle, taken);
    if (!target.ok) {
      out.push({
        handle: bot.handle,
        file: target.file,
        bot,
        text: '',
        fields: [],
        change: 'refused',
        reason: target.reason,
      });
      continue;
    }
    const { file, current, instead } = target;
    const { text, fields } = pullEdits(current, bot, await keyReference(env, bot.handle, current));
    const change = current === undefined ? 'new' : current === text ? 'same' : 'changed';
    const edited = change === 'changed' && (await editedSince(env.baselines, file, current));
    out.push({ handle: bot.handle, file, bot, text, fields, change, instead, edited, from: current });
  }
  return out;
}

export interface WriteOptions {
  /** Write files edited since they were last written or pushed (the creator saw them and agreed). */
  overwriteEdited?: boolean;
}

/**
 * Writes what changed, and records each bot as pulled (so a later push notices changes made on Poe since, and a later
 * pull notices the creator's edits). Returns the plan as it ended: a file edited unasked, or changed since it was
 * planned, comes back refused.
 */
export async function writePull(
  env: PullEnv,
  planned: readonly PlannedPull[],
  o: WriteOptions = {},
): Promise<PlannedPull[]> {
  const t = env.t ?? english;
  const out: PlannedPull[] = [];
  for (const p of planned) {
    env.signal?.throwIfAborted();
    if (p.change === 'refused' || !p.file) {
      out.push(p);
      continue;
    }
    if (p.edited && !o.overwriteEdited) {
      out.push({
        ...p,
        change: 'refused',
        reason: t('{0} was edited since it was last pulled or pushed: left as it is.', p.file.label),
      });
      continue;
    }
    if (p.change !== 'same') {
      if ((await env.read(p.file)) !== p.from) {
        out.push({
          ...p,
          change: 'refused',
          reason: t('{0} changed while the pull was planned: left as it is; pull again.', p.file.label),
        });
        continue;
      }
      await env.write(p.file, p.text);
    }
    if (env.baselines) {
      await env.baselines.set(p.file, {
        ...env.baselines.get(p.file, p.handle),
        handle: p.handle,
        fingerprint: fingerprint(p.bot),
        fields: fieldDigests(p.bot),
        contentHash: await contentHash(p.text),
      });
      await env.baselines.recordAccount?.(p.file);
    }
    out.push(p);
  }
  return out;
}

export class PullError extends Error {
  readonly userFacing = true;
}

/** The file's own reference stays; a file without one may get a default. */
async function keyReference(
  env: PullEnv,
  handle: string,
  current: string | undefined,
): Promise<KeyReference | undefined> {
  const ref = current === undefined ? undefined : readBotFile(current).keyReference;
  if (typeof ref === 'object') return ref;
  return env.defaultKeyReference?.(handle);
}
