// Poe's usage endpoints: the account's point balance and its points history, read through the Bots API client so
// they share its key, limiter, retries and typed errors. A shape other than the documented one is a 'server' error.

import type { CallOptions, PoeBotsClient } from './client';
import { PoeApiError } from './errors';
import { isObj } from './json';

/** One entry of the points history, as Poe sends it (an older page calls `bot_name` `app_name`). */
export interface PointsEntry {
  /** Unix time in MICROseconds. */
  creation_time: number;
  bot_name: string;
  query_id: string;
  /** "API", "Chat", "Canvas App", … */
  usage_type: string;
  cost_points: number;
}

export interface PointsPage {
  has_more: boolean;
  data: PointsEntry[];
}

export const BALANCE_PATH = '/usage/current_balance';
export const HISTORY_PATH = '/usage/points_history';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function unexpected(path: string, what: string): PoeApiError {
  return new PoeApiError({
    kind: 'server',
    method: 'GET',
    path,
    serverMessage: `the response was not the JSON the usage API documents (${what})`,
  });
}

/** The account's current point balance. */
export async function currentBalance(client: PoeBotsClient, o: CallOptions = {}): Promise<number> {
  const data = await client.getJson(BALANCE_PATH, o);
  const points = isObj(data) ? data.current_point_balance : undefined;
  if (!isNum(points)) throw unexpected(BALANCE_PATH, 'no current_point_balance number');
  return points;
}

/** One page of the points history, newest first; `startingAfter` is the query_id the previous page ended with. */
export async function pointsHistory(
  client: PoeBotsClient,
  q: { limit?: number; startingAfter?: string } = {},
  o: CallOptions = {},
): Promise<PointsPage> {
  const params = new URLSearchParams();
  // Poe serves at most 100 a page.
  if (q.limit !== undefined) params.set('limit', String(Math.min(100, Math.max(1, Math.floor(q.limit)))));
  if (q.startingAfter !== undefined) params.set('starting_after', q.startingAfter);
  const query = params.toString();
  const path = query ? `${HISTORY_PATH}?${query}` : HISTORY_PATH;
  const data = await client.getJson(path, o);
  if (!isObj(data) || !Array.isArray(data.data)) throw unexpected(HISTORY_PATH, 'no data array');
  if (data.has_more !== undefined && typeof data.has_more !== 'boolean')
    throw unexpected(HISTORY_PATH, 'has_more is not a boolean');
  return { has_more: data.has_more === true, data: data.data.map((e, i) => entry(e, i)) };
}

function entry(e: unknown, i: number): PointsEntry {
  const name = isObj(e) ? (e.bot_name ?? e.app_name) : undefined;
  if (
    !isObj(e) ||
    !isNum(e.creation_time) ||
    typeof name !== 'string' ||
    typeof e.query_id !== 'string' ||
    typeof e.usage_type !== 'string' ||
    !isNum(e.cost_points)
  ) {
    throw unexpected(HISTORY_PATH, `entry ${i} lacks creation_time, bot_name, query_id, usage_type or cost_points`);
  }
  return {
    creation_time: e.creation_time,
    bot_name: name,
    query_id: e.query_id,
    usage_type: e.usage_type,
    cost_points: e.cost_points,
  };
}

/**
 * The newest API entry for a bot: what the last message to it cost. `since` (milliseconds since the epoch) leaves
 * out older entries; pass a moment a little before the message was sent, as Poe's clock and ours may differ.
 */
export function newestCostFor(
  history: readonly PointsEntry[],
  handle: string,
  since?: number,
): PointsEntry | undefined {
  let best: PointsEntry | undefined;
  // Handles are unique regardless of case on Poe, so the history may spell one differently.
  const name = handle.toLowerCase();
  for (const e of history) {
    if (e.bot_name.toLowerCase() !== name || e.usage_type !== 'API') continue;
    if (since !== undefined && e.creation_time / 1000 < since) continue;
    if (!best || e.creation_time > best.creation_time) best = e;
  }
  return best;
}

/**
 * What a message just sent to a bot cost, and the balance left: read after the reply, both at once. Either may be
 * missing (Poe not answering, or not having recorded the message yet): the reply itself has already arrived, so
 * this never throws, except when the caller cancels.
 */
export async function costAfterReply(
  client: PoeBotsClient,
  handle: string,
  since: number,
  o: CallOptions = {},
): Promise<{ pointsCost?: number; balance?: number }> {
  const [history, balance] = await Promise.allSettled([
    pointsHistory(client, { limit: 20 }, o),
    currentBalance(client, o),
  ]);
  o.signal?.throwIfAborted();
  return {
    pointsCost:
      history.status === 'fulfilled' ? newestCostFor(history.value.data, handle, since)?.cost_points : undefined,
    balance: balance.status === 'fulfilled' ? balance.value : undefined,
  };
}
