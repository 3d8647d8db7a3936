// Poe's OpenAI-compatible API and its usage endpoints, in the fake: POST /v1/chat/completions (streamed or not),
// GET /v1/models, GET /usage/current_balance and GET /usage/points_history. Any account's public bot answers, by
// handle; a private bot is a 404 (Poe's API serves public bots only). Each answer costs points from the caller's
// balance and adds a history entry. Errors use the chat API's envelope: {"error":{"code","type","message"}}.

import type http from 'node:http';
import type { Bot } from '../../src/poe/types';
import { completion, fakeReply, pointsFor, sseChunks, usageOf, type FakeMessage } from './chatReply';
import { checkChatBody } from './chatBody';
import type { SeedAccount } from './seeds';

export interface ChatAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  chunks?: string[];
}
export interface HistoryEntry {
  creation_time: number;
  bot_name: string;
  query_id: string;
  usage_type: string;
  cost_points: number;
}
interface Owned {
  owner: string;
  bot: Bot;
}

/** Models every account can call besides public bots. */
export const BUILT_IN_MODELS = ['GPT-4o', 'Claude-Sonnet-4', 'Gemini-2.5-Pro'];
const KEPT_MS = 30 * 24 * 3600_000;

const chatError = (status: number, type: string, message: string): ChatAnswer => ({
  status,
  body: JSON.stringify({ error: { code: status, type, message } }),
});
const invalid = (message: string) => chatError(400, 'invalid_request_error', message);
const json = (value: unknown): ChatAnswer => ({ status: 200, body: JSON.stringify(value) });

export class FakeChat {
  /** Milliseconds between two stream chunks: raise it to stop a reply half way in a test. */
  gapMs = 5;
  private balances = new Map<string, number>();
  /** Per account, oldest first. */
  private history = new Map<string, HistoryEntry[]>();
  private seq = 0;

  constructor(
    private readonly bots: () => Iterable<Owned>,
    private readonly now: () => number,
  ) {}

  reset(accounts: readonly SeedAccount[]): void {
    this.gapMs = 5;
    this.seq = 0;
    this.balances = new Map(accounts.map((a) => [a.name, a.points]));
    // Some use from poe.com before the tests start, so a reader has to pick the API entries of the right bot.
    this.history = new Map(
      accounts.map((a) => [
        a.name,
        [
          {
            creation_time: (this.now() - 2 * 86_400_000) * 1000,
            bot_name: 'Claude-Sonnet-4',
            query_id: `${a.name}-web-1`,
            usage_type: 'Chat',
            cost_points: 310,
          },
          {
            creation_time: (this.now() - 86_400_000) * 1000,
            bot_name: 'GPT-4o',
            query_id: `${a.name}-canvas-1`,
            usage_type: 'Canvas App',
            cost_points: 42,
          },
        ],
      ]),
    );
  }

  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }
  setBalance(account: string, points: number): void {
    this.balances.set(account, points);
  }
  /** An account's history, newest first. */
  entries(account: string): HistoryEntry[] {
    return [...(this.history.get(account) ?? [])].reverse();
  }

  /** The answer to one of its routes, or undefined for any other path. */
  route(account: SeedAccount, method: string, url: URL, raw: string, contentType?: string): ChatAnswer | undefined {
    const routes: Record<string, [string, () => ChatAnswer]> = {
      '/v1/chat/completions': ['POST', () => this.chat(account, raw, contentType)],
      '/v1/models': ['GET', () => this.models(account)],
      '/usage/current_balance': ['GET', () => json({ current_point_balance: this.balance(account.name) })],
      '/usage/points_history': ['GET', () => this.pointsHistory(account, url.searchParams)],
    };
    const r = routes[url.pathname];
    if (!r) return undefined;
    return method === r[0]
      ? r[1]()
      : chatError(405, 'invalid_request_error', `${method} is not allowed on ${url.pathname}`);
  }

  /** Test steering from another process: POST /__fake/chat {account?, points?, gapMs?}. */
  configure(o: { account?: string; points?: number; gapMs?: number }): object {
    if (typeof o.points === 'number') this.setBalance(o.account ?? 'demo', o.points);
    if (typeof o.gapMs === 'number') this.gapMs = o.gapMs;
    return { gapMs: this.gapMs, balances: Object.fromEntries(this.balances) };
  }

  private chat(account: SeedAccount, raw: string, contentType?: string): ChatAnswer {
    if (!/^application\/json\b/i.test(contentType ?? '')) return invalid('Content-Type must be application/json');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return invalid('The request body is not valid JSON');
    }
    const problem = checkChatBody(body);
    if (problem) return invalid(problem);
    const b = body as {
      model: string;
      messages: FakeMessage[];
      stream?: boolean;
      stream_options?: { include_usage?: boolean };
    };
    const refused = this.refusal(b.model);
    if (refused) return refused;
    const reply = fakeReply(b.model, b.messages);
    const usage = usageOf(b.messages, reply);
    const cost = pointsFor(usage);
    const balance = this.balance(account.name);
    if (balance < cost)
      return chatError(
        402,
        'insufficient_credits',
        `Not enough points: this message costs ${cost} points and the balance is ${balance}.`,
      );
    this.balances.set(account.name, balance - cost);
    const n = ++this.seq;
    const list = this.history.get(account.name) ?? [];
    list.push({
      creation_time: this.now() * 1000 + n,
      bot_name: b.model,
      query_id: `fakeq-${String(n).padStart(6, '0')}`,
      usage_type: 'API',
      cost_points: cost,
    });
    this.history.set(account.name, list);
    const id = `chatcmpl-fake-${n}`;
    const created = Math.floor(this.now() / 1000);
    if (!b.stream) return json(completion(id, created, b.model, reply, usage));
    const chunks = sseChunks(id, created, b.model, reply, b.stream_options?.include_usage ? usage : undefined);
    return {
      status: 200,
      body: chunks.join(''),
      chunks,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    };
  }

  /** Why a model cannot be called, or undefined when it can. */
  private refusal(model: string): ChatAnswer | undefined {
    if (BUILT_IN_MODELS.includes(model)) return undefined;
    const found = [...this.bots()].find((s) => s.bot.handle === model);
    if (!found) return chatError(404, 'not_found_error', `Model ${model} does not exist.`);
    if (found.bot.is_private)
      return chatError(404, 'not_found_error', `Bot ${model} is private: the Poe API can call public bots only.`);
    return undefined;
  }

  private models(account: SeedAccount): ChatAnswer {
    const created = Math.floor(this.now() / 1000);
    const builtIn = BUILT_IN_MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'Poe' }));
    const own = [...this.bots()]
      .filter((s) => s.owner === account.name && !s.bot.is_private)
      .map((s) => ({ id: s.bot.handle, object: 'model', created, owned_by: s.owner }));
    return json({ object: 'list', data: [...builtIn, ...own] });
  }

  private pointsHistory(account: SeedAccount, q: URLSearchParams): ChatAnswer {
    const limitText = q.get('limit') ?? '20';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) return invalid('limit must be an integer from 1 to 100');
    const oldest = (this.now() - KEPT_MS) * 1000;
    const all = this.entries(account.name).filter((e) => e.creation_time >= oldest);
    const after = q.get('starting_after');
    const start = after === null ? 0 : all.findIndex((e) => e.query_id === after) + 1;
    if (start === 0 && after !== null) return invalid(`starting_after ${after} is not a query_id of this history`);
    const data = all.slice(start, start + limit);
    return json({ has_more: start + limit < all.length, length: data.length, data });
  }
}

/** Writes a stream's events one by one, a little apart, and stops if the client goes away. */
export async function streamChunks(res: http.ServerResponse, chunks: readonly string[], gapMs: number): Promise<void> {
  for (const [i, c] of chunks.entries()) {
    if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    if (res.destroyed) return;
    res.write(c);
  }
  res.end();
}
