// The write itself: send the planned request; after the read-back, record the new baseline. For one file or many.

import { fingerprint } from '../botfile/normalize';
import { notTaken } from '../botfile/plan';
import { isPoeApiError, type Bot, type BotBody, type BotCreate } from '../poe';
import { contentHash } from './fileGate';
import { fieldDigests } from './lockFile';
import { locateServerProblem } from './serverProblem';
import type { BotsApi, Planned, ServerProblem, SyncEnv } from './types';

/** The bot as Poe has it, or undefined when this account has no such bot: the one read a push or a compare starts from. */
export async function fetchRemote(
  client: Pick<BotsApi, 'getBot'>,
  handle: string,
  signal?: AbortSignal,
): Promise<Bot | undefined> {
  try {
    return await client.getBot(handle, { signal });
  } catch (e) {
    if (isPoeApiError(e, 'notFound')) return undefined;
    throw e;
  }
}

/** Sends the planned request; the read-back is the caller's (one list for a folder). */
export async function writePlan(env: SyncEnv, p: Planned): Promise<void> {
  const { plan } = p;
  if (plan.verb === 'create') await env.client.createBot(plan.body as BotCreate);
  else if (plan.verb === 'update') await env.client.updateBot(plan.handle, plan.body as BotBody);
  else await env.client.replaceBot(plan.handle, plan.body as BotBody);
  env.log?.info(
    `${plan.method} ${plan.handle}: ${plan.changed.join(', ') || 'no field changes'}${plan.sendsKey ? ` (with the endpoint key from ${plan.key.reference ?? 'api_key'})` : ''}`,
  );
}

/** After the read-back: the new memory of the bot (and of the key, when it was sent), and what Poe did not take. */
export async function recordPushed(env: SyncEnv, p: Planned, after: Bot): Promise<string[]> {
  const { plan, prepared } = p;
  if (env.baselines) {
    const previous = env.baselines.get(prepared.file, plan.handle);
    const sentKey = plan.sendsKey && prepared.key !== undefined;
    const movedKey = plan.key.storedKeyMovesTo !== undefined;
    const keyHash = sentKey ? await env.baselines.hashKey(prepared.key!, prepared.file) : previous?.keyHash;
    await env.baselines.set(prepared.file, {
      handle: plan.handle,
      fingerprint: fingerprint(after),
      fields: fieldDigests(after),
      keyHash,
      contentHash: await contentHash(prepared.validated.text, prepared.validated),
      keyReference: sentKey ? plan.key.reference : previous?.keyReference,
      keyHost: sentKey || movedKey ? plan.key.host : previous?.keyHost,
    });
    await env.baselines.recordAccount?.(prepared.file);
  }
  return notTaken(plan.body, after);
}

/** A refusal from Poe (400), placed on the field it names, or on the whole file. */
export function serverProblem(e: unknown, p: Planned): ServerProblem | undefined {
  if (!isPoeApiError(e, 'invalid') || !e.serverMessage) return undefined;
  return { path: locateServerProblem(e.serverMessage, p.prepared.validated.value), message: e.serverMessage };
}
