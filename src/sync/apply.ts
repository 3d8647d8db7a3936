// The write itself: send the planned request, read the bot back, record the new baseline. For one file or many.

import { fingerprint } from '../botfile/normalize';
import { notTaken } from '../botfile/plan';
import { isPoeApiError, type Bot, type BotBody, type BotCreate } from '../poe';
import { contentHash } from './fileGate';
import { locateServerProblem } from './serverProblem';
import type { BotsApi, Planned, ServerProblem, SyncEnv } from './types';

/** The bot as Poe has it, or undefined when this account has no such bot: the one read a push or a compare starts from. */
export async function fetchRemote(client: Pick<BotsApi, 'getBot'>, handle: string, signal?: AbortSignal): Promise<Bot | undefined> {
  try { return await client.getBot(handle, { signal }); } catch (e) {
    if (isPoeApiError(e, 'notFound')) return undefined;
    throw e;
  }
}

export async function applyPlan(env: SyncEnv, p: Planned): Promise<{ after: Bot; notTaken: string[] }> {
  const { plan, prepared } = p;
  if (plan.verb === 'create') await env.client.createBot(plan.body as BotCreate);
  else if (plan.verb === 'update') await env.client.updateBot(plan.handle, plan.body as BotBody);
  else await env.client.replaceBot(plan.handle, plan.body as BotBody);
  env.log?.info(`${plan.method} ${plan.handle}: ${plan.changed.join(', ') || 'no field changes'}${plan.sendsKey ? ` (with the endpoint key from ${plan.key.reference ?? 'api_key'})` : ''}`);
  let after: Bot;
  try { after = await env.client.getBot(plan.handle); } catch (e) { throw new UnverifiedWrite(e); }
  if (env.baselines) {
    const previous = env.baselines.get(prepared.file)?.keyHash;
    const keyHash = plan.sendsKey && prepared.key ? await env.baselines.hashKey(prepared.key) : previous;
    await env.baselines.set(prepared.file, { handle: plan.handle, fingerprint: fingerprint(after), keyHash, contentHash: await contentHash(prepared.validated.text) });
  }
  return { after, notTaken: notTaken(plan.body, after) };
}

/** The write went through, the read-back did not: its own outcome, and the last baseline stays as it was. */
export class UnverifiedWrite extends Error {
  constructor(readonly readError: unknown) { super(readError instanceof Error ? readError.message : String(readError)); this.name = 'UnverifiedWrite'; }
}

/** A refusal from Poe (400), placed on the field it names, or on the whole file. */
export function serverProblem(e: unknown, p: Planned): ServerProblem | undefined {
  if (!isPoeApiError(e, 'invalid') || !e.serverMessage) return undefined;
  return { path: locateServerProblem(e.serverMessage, p.prepared.validated.value), message: e.serverMessage };
}
