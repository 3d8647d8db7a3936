// The two ways a test case reaches its bot, over src/endpoint's chat client: straight to the endpoint as Poe calls it
// (model_name, the file's key reference after the key gate, the control values as top-level fields, the cost at the
// file's prices), or through Poe's /v1 API with the Poe key (model = handle, the points from the points history).

import type { Dispatcher } from 'undici';
import { messageCost } from '../botfile/prices';
import { requestParams } from '../botfile/controlValues';
import type { BotFileView } from '../botfile/read';
import { keyLabel, resolveKey, type KeySources } from '../botfile/secrets';
import { buildRequest, chat, type ChatRequest, type ChatResult, type ChatTarget } from '../endpoint';
import { apiUrl, parseBaseUrl } from '../poe/baseUrl';
import type { PoeBotsClient } from '../poe/client';
import { RateLimiter } from '../poe/limiter';
import { newestCostFor, pointsHistory } from '../poe/usage';
import { passKeyGate, type KeyGate } from '../sync/keyGate';
import { english, type Translate } from '../sync/types';
import type { Reply } from './assertions';
import type { PlannedCase } from './matrix';
import type { TestRoute } from './testFile';

/** The request of a case as it may be shown: the body, and the key only as its reference. */
export interface CaseRequest {
  url: string;
  body: Record<string, unknown>;
  keyLabel: string;
}

export interface Sender {
  route: TestRoute;
  /** How many cases at a time. */
  concurrency: number;
  /** Everything a first case needs (the key, its gate), once; throws, stopping the run, when it cannot be had. */
  prepare(signal?: AbortSignal): Promise<void>;
  request(c: PlannedCase): CaseRequest;
  send(c: PlannedCase, signal?: AbortSignal): Promise<Reply>;
}

/** A run that must stop: nothing further is sent (a key refused, a budget spent). */
export class RunStopped extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'RunStopped';
  }
}

const REPLY_TIMEOUT_MS = 2 * 60_000;

function replyOf(r: ChatResult): Reply {
  return {
    text: r.text,
    usage: r.usage,
    finishReason: r.finishReason,
    firstWordsMs: r.firstTokenMs,
    totalMs: r.totalMs,
    toolCalls: r.toolCalls ?? [],
  };
}

const chatRequest = (model: string, c: PlannedCase, params?: Record<string, unknown>): ChatRequest => ({
  model,
  messages: c.case.messages,
  params,
  stream: true,
  ...(c.case.tools ? { tools: c.case.tools } : {}),
});

export interface DirectOptions {
  /** The bot file, and how to name it in messages. */
  bot: BotFileView;
  botLabel: string;
  gate: KeyGate;
  sources: KeySources;
  t?: Translate;
  dispatcher?: Dispatcher;
  concurrency?: number;
}

export function directSender(o: DirectOptions): Sender {
  const t = o.t ?? english;
  const settings = o.bot.settings;
  let target: Promise<ChatTarget> | undefined;
  const base: Omit<ChatTarget, 'key'> = {
    baseUrl: settings.base_url ?? '',
    keyLabel: o.bot.keyLabel ?? 'api_key',
    apiType: settings.api_type,
    who: t('Your endpoint'),
  };
  // A case's request is made once: the one shown (request) is the one sent (send).
  const made = new WeakMap<PlannedCase, ChatRequest>();
  const chatRequestOf = (c: PlannedCase): ChatRequest => {
    let r = made.get(c);
    if (!r) made.set(c, (r = chatRequest(settings.model_name ?? '', c, requestParams(o.bot.bot, c.values))));
    return r;
  };
  return {
    route: 'direct',
    concurrency: o.concurrency ?? 4,
    prepare(): Promise<void> {
      target ??= (async () => {
        if (!o.bot.handle || !settings.base_url || !settings.model_name)
          throw new RunStopped(
            t('{0} needs a handle, base_url and model_name for its endpoint to be called.', o.botLabel),
          );
        if (o.bot.keyText === undefined)
          throw new RunStopped(
            t('{0} has no api_key reference (${secret:NAME} or ${env:NAME}) to call the endpoint with.', o.botLabel),
          );
        const reference = keyLabel(o.bot.keyText);
        const key = await resolveKey(o.bot.keyText, o.sources);
        await passKeyGate(
          o.gate,
          { handle: o.bot.handle, reference, key, url: settings.base_url, purpose: 'botTests' },
          t,
        );
        return { ...base, key };
      })();
      return target.then(() => undefined);
    },
    request(c) {
      const built = buildRequest({ ...base, key: '' }, chatRequestOf(c));
      return { url: built.url, body: built.body, keyLabel: base.keyLabel };
    },
    async send(c, signal) {
      if (!target) throw new Error('prepare() first');
      const r = await chat(await target, chatRequestOf(c), {
        signal,
        dispatcher: o.dispatcher,
        timeoutMs: REPLY_TIMEOUT_MS,
      });
      const reply = replyOf(r);
      reply.costUsd = r.usage && messageCost(settings.pricing, r.usage);
      if (reply.costUsd === undefined)
        reply.costUnknown = r.usage ? t('{0} has no prices', o.botLabel) : t('the endpoint reported no usage');
      return reply;
    },
  };
}

export const POE_KEY_LABEL = '$POE_API_KEY';

export interface PoeOptions {
  handle: string;
  /** Poe's API address (https://api.poe.com): /v1 is under it. */
  apiBaseUrl: string;
  poeKey: string;
  /** For the points history: what each message cost. */
  client: PoeBotsClient;
  /** Points this run may spend; no further case starts once they are spent. */
  maxPoints?: number;
  t?: Translate;
  dispatcher?: Dispatcher;
}

/**
 * Through Poe. One case at a time: the points history says what "the newest message to this bot" cost, which is only
 * this case's message when no other is in flight.
 */
export function poeSender(o: PoeOptions): Sender & { spent(): number } {
  const t = o.t ?? english;
  const limiter = new RateLimiter();
  const counted = new Set<string>();
  let spent = 0;
  const base = () => ({ baseUrl: apiUrl(parseBaseUrl(o.apiBaseUrl), '/v1'), keyLabel: POE_KEY_LABEL, who: 'Poe' });
  return {
    route: 'poe',
    concurrency: 1,
    spent: () => spent,
    async prepare() {
      base();
    },
    request(c) {
      const built = buildRequest({ ...base(), key: '' }, chatRequest(o.handle, c));
      return { url: built.url, body: built.body, keyLabel: POE_KEY_LABEL };
    },
    async send(c, signal) {
      if (o.maxPoints !== undefined && spent >= o.maxPoints)
        throw new RunStopped(
          t('The run has spent {0} points, its budget of {1}: no further case was sent.', spent, o.maxPoints),
        );
      await limiter.acquire(signal);
      const since = Date.now() - 5_000;
      const r = await chat({ ...base(), key: o.poeKey }, chatRequest(o.handle, c), {
        signal,
        dispatcher: o.dispatcher,
        timeoutMs: REPLY_TIMEOUT_MS,
      });
      const reply = replyOf(r);
      try {
        const history = await pointsHistory(o.client, { limit: 20 }, { signal });
        const entry = newestCostFor(
          history.data.filter((e) => !counted.has(e.query_id)),
          o.handle,
          since,
        );
        if (entry) {
          counted.add(entry.query_id);
          reply.points = entry.cost_points;
          spent += entry.cost_points;
        } else reply.costUnknown = t('Poe has not recorded the message in the points history yet');
      } catch (e) {
        signal?.throwIfAborted();
        reply.costUnknown = t('the points history could not be read ({0})', (e as Error).message);
      }
      return reply;
    },
  };
}
