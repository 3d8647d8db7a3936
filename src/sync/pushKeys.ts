// The endpoint key in a push plan: refused when it does not resolve and would be sent, changed since the last push
// or not, and every plan that carries a key line passed through the key gate (src/sync/keyGate.ts).

import { carriesKeyLine } from './describe';
import { KeyGateError, passKeyGate } from './keyGate';
import { english, type BotFileRef, type Planned, type PushOptions, type SyncEnv } from './types';

/** A key that did not resolve refuses a plan that would send it; with a memory of past pushes, any plan (it may have changed). */
export function missingKey(env: SyncEnv, p: Planned, o: PushOptions): string | undefined {
  const e = p.prepared.keyError;
  if (!e) return undefined;
  const knowsKeys = env.baselines !== undefined && env.baselines.unrecordedKey !== 'unchanged';
  return p.plan.verb !== 'update' || o.sendKey || knowsKeys ? e.message : undefined;
}

/** Whether the key differs from the one last sent; with no key recorded, as the store says (see unrecordedKey). */
export async function keyChangedSince(
  env: SyncEnv,
  base: { keyHash?: string } | undefined,
  key: string,
  file: BotFileRef,
): Promise<boolean> {
  if (!base?.keyHash) return env.baselines?.unrecordedKey !== 'unchanged';
  return base.keyHash !== (await env.baselines!.hashKey(key, file));
}

/** Every plan that sends an endpoint key, or makes Poe send its stored key to a new host, passes the key gate. */
export async function keyRefusal(env: SyncEnv, p: Planned): Promise<string | undefined> {
  if (!env.keyGate || !carriesKeyLine(p.plan)) return undefined;
  const k = p.plan.key;
  const use = {
    handle: p.prepared.handle,
    reference: k.sends ? (k.reference ?? 'api_key') : (env.t ?? english)('the key Poe stores'),
    key: k.sends ? p.prepared.key : undefined,
    url: k.url,
    purpose: 'push' as const,
  };
  try {
    await passKeyGate(env.keyGate, use, env.t);
    return undefined;
  } catch (e) {
    if (e instanceof KeyGateError) return e.message;
    throw e;
  }
}
