// A strict in-memory Poe Bots API on 127.0.0.1, used by every test tier and the sandbox. It answers as the reference
// documents; where the docs are silent it takes the answer from a mode (how deep POST and PATCH merge
// api_bot_settings; whether PUT without api_key keeps or clears the stored key), so tests can prove the extension
// right under every answer. It injects faults on demand and logs every request for assertions.
// Test-only routes under /__fake/ let tests that run in another process (the editor suite) steer it.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from '../../src/poe/types';
import { FakeChat, streamChunks } from './chat';
import { writeHugeBody } from './hugeBody';
import { Invalid, validateBody, type Verb } from './validate';
import { seed as makeSeed, type SeedAccount } from './seeds';

type Obj = Record<string, unknown>;

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait before handling (the request is then handled normally unless another fault field says otherwise). */
  delayMs?: number;
  /** Close the connection without answering: 'before' the request takes effect, or 'after' it did. */
  drop?: 'before' | 'after';
  /** Handle the request, then send only half of the body and close. */
  truncate?: boolean;
  /** Never answer: the request stays open until the server stops (for timeouts and cancellation). */
  hang?: boolean;
  /** Handle the request, then answer with a body of this many bytes (the answer's opening, then filler), or one that never ends. */
  hugeBody?: number | 'endless';
}

export interface FaultRule {
  method?: string;
  path?: string;
  times?: number;
  fault: Fault;
  /** At most once per bot (the handle in the path or the body): each bot meets the fault on its first request only. */
  oncePerBot?: boolean;
}

/** Poe's answers where its documentation is silent. */
export interface FakeModes {
  /** POST and PATCH merge api_bot_settings one level deep (nested objects replaced whole) or recursively. */
  merge: 'shallow' | 'deep';
  /** PUT without api_key keeps the endpoint key Poe stores, or clears it. */
  putWithoutKey: 'keeps' | 'clears';
}

export const DEFAULT_MODES: FakeModes = { merge: 'shallow', putWithoutKey: 'clears' };

export interface LoggedRequest {
  method: string;
  path: string;
  status: number | 'dropped' | 'hung';
  account?: string;
  body?: unknown;
  at: number;
  fault?: boolean;
  userAgent?: string;
  contentType?: string;
}

interface Stored {
  owner: string;
  bot: Bot;
  apiKey?: string;
  order: number;
}

export interface FakeOptions {
  port?: number;
  host?: string;
  seed?: string;
  rateLimit?: { perWindow: number; windowMs: number };
  modes?: Partial<FakeModes>;
  /** The clock for rate-limit windows and log times (tests share a virtual clock with the client). */
  now?: () => number;
}

const err = (message: string, extra: Obj = {}) => JSON.stringify({ error: { message, ...extra } });
const invalid = (message: string) => err(message, { type: 'invalid_request_error', code: 'invalid_parameter' });
const AUTH_ERROR = err('Incorrect API key provided. You can find your API key at https://poe.com/api/keys.', {
  type: 'authentication_error',
  code: 'invalid_api_key',
});

export class FakePoe {
  readonly log: LoggedRequest[] = [];
  private accounts = new Map<string, SeedAccount>();
  private bots = new Map<string, Stored>();
  private rules: (Required<Omit<FaultRule, 'oncePerBot'>> & { oncePerBot: boolean; hit: Set<string> })[] = [];
  private window = new Map<string, number[]>();
  private order = 0;
  private rateLimit: { perWindow: number; windowMs: number };
  private readonly now: () => number;
  private readonly hanging = new Set<http.ServerResponse>();
  modes: FakeModes = { ...DEFAULT_MODES };
  /** Poe's chat and usage endpoints (chat.ts). */
  readonly chat = new FakeChat(
    () => this.bots.values(),
    () => this.now(),
  );
  rejected429 = 0;

  private constructor(
    private readonly server: http.Server,
    opts: FakeOptions,
  ) {
    this.rateLimit = opts.rateLimit ?? { perWindow: 500, windowMs: 60_000 };
    this.now = opts.now ?? Date.now;
    this.reset(opts.seed ?? 'demo', opts.modes);
  }

  static async start(opts: FakeOptions = {}): Promise<FakePoe> {
    const holder: { fake?: FakePoe } = {};
    const server = http.createServer((req, res) => {
      void holder.fake!.handle(req, res);
    });
    const fake = (holder.fake = new FakePoe(server, opts));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Back to a seed's accounts and bots, Poe's documented behaviour, no faults and an empty log. */
  reset(seedName = 'demo', modes: Partial<FakeModes> = {}): void {
    this.modes = { ...DEFAULT_MODES, ...modes };
    const s = makeSeed(seedName);
    this.accounts = new Map(s.accounts.map((a) => [a.key, a]));
    this.chat.reset(s.accounts);
    this.bots.clear();
    for (const b of s.bots)
      this.bots.set(b.bot.handle, {
        owner: b.owner,
        bot: structuredClone(b.bot),
        apiKey: b.apiKey,
        order: this.order++,
      });
    this.rules = [];
    this.window.clear();
    this.log.length = 0;
    this.rejected429 = 0;
  }

  /** Chooses Poe's answer to what its docs leave open. */
  setModes(modes: Partial<FakeModes>): void {
    this.modes = { ...this.modes, ...modes };
  }

  setRateLimit(limit: { perWindow: number; windowMs: number }): void {
    this.rateLimit = limit;
    this.window.clear();
  }

  /** Fault for the next `times` matching requests (all requests when method and path are left out). */
  inject(rule: FaultRule): void {
    this.rules.push({
      method: rule.method ?? '',
      path: rule.path ?? '',
      times: rule.times ?? 1,
      fault: rule.fault,
      oncePerBot: rule.oncePerBot ?? false,
      hit: new Set(),
    });
  }

  /** What the fake holds for a handle, as the owner's GET would show it, plus the write-only key. */
  peek(handle: string): { bot: Bot; apiKey?: string; owner: string } | undefined {
    const s = this.bots.get(handle);
    return s && { bot: structuredClone(s.bot), apiKey: s.apiKey, owner: s.owner };
  }

  /** Changes a bot as if someone edited it on poe.com (no request is logged). */
  putBehindTheBack(bot: Bot, owner = 'demo', apiKey?: string): void {
    const prev = this.bots.get(bot.handle);
    this.bots.set(bot.handle, {
      owner,
      bot: structuredClone(bot),
      apiKey: apiKey ?? prev?.apiKey,
      order: prev?.order ?? this.order++,
    });
  }

  writes(): LoggedRequest[] {
    return this.log.filter((r) => r.method !== 'GET');
  }

  private takeFault(method: string, path: string, body: unknown): Fault | undefined {
    const bot = /^\/bots\/([^/]+)$/.exec(path)?.[1] ?? String((body as { handle?: unknown } | undefined)?.handle ?? '');
    const i = this.rules.findIndex(
      (r) =>
        (!r.method || r.method === method) &&
        (!r.path || r.path === path) &&
        r.times > 0 &&
        !(r.oncePerBot && r.hit.has(bot)),
    );
    if (i < 0) return undefined;
    const rule = this.rules[i]!;
    rule.hit.add(bot);
    if (--rule.times <= 0) this.rules.splice(i, 1);
    return rule.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (url.pathname.startsWith('/__fake/')) {
      this.admin(method, url.pathname, raw, res);
      return;
    }
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      status: 0,
      at: this.now(),
      userAgent: req.headers['user-agent'],
      contentType: req.headers['content-type'],
    };
    if (raw) {
      try {
        entry.body = JSON.parse(raw);
      } catch {
        entry.body = raw;
      }
    }
    this.log.push(entry);

    const fault = this.takeFault(method, url.pathname, entry.body);
    if (fault) entry.fault = true;
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.drop === 'before') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    if (fault?.hang) {
      entry.status = 'hung';
      this.hanging.add(res);
      res.once('close', () => this.hanging.delete(res));
      return;
    }
    if (fault?.status) {
      entry.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(
        fault.body ??
          (fault.status === 429
            ? err('Rate limit exceeded (500 requests per minute)', { type: 'rate_limit_error' })
            : err('Server error - please retry')),
      );
      return;
    }

    const account = this.accounts.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    entry.account = account?.name;
    const answer: Answer = account
      ? (this.limited(account) ??
        this.chat.route(account, method, url, raw, req.headers['content-type']) ??
        this.route(account, method, url.pathname, raw, req.headers['content-type']))
      : { status: 401, body: AUTH_ERROR };
    entry.status = answer.status;
    // Headers of a fault with no status of its own go on the normal answer (e.g. rate-limit headers on a 200).
    const headers = {
      'content-type': 'application/json',
      ...(account ? this.rateHeaders(account) : {}),
      ...answer.headers,
      ...fault?.headers,
    };
    if (fault?.drop === 'after') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    if (fault?.truncate) {
      res.writeHead(answer.status, { ...headers, 'content-length': String(Buffer.byteLength(answer.body)) });
      res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
      setImmediate(() => req.socket.destroy());
      return;
    }
    if (fault?.hugeBody !== undefined) {
      res.writeHead(answer.status, headers);
      writeHugeBody(res, fault.hugeBody, answer.body.slice(0, 16));
      return;
    }
    res.writeHead(answer.status, headers);
    if (answer.chunks) void streamChunks(res, answer.chunks, this.chat.gapMs);
    else res.end(answer.body);
  }

  private limited(account: SeedAccount): Answer | undefined {
    const now = this.now();
    const sent = (this.window.get(account.key) ?? []).filter((t) => t > now - this.rateLimit.windowMs);
    this.window.set(account.key, sent);
    if (sent.length >= this.rateLimit.perWindow) {
      this.rejected429++;
      return {
        status: 429,
        body: err(`Rate limit exceeded (${this.rateLimit.perWindow} requests per minute)`, {
          type: 'rate_limit_error',
        }),
      };
    }
    sent.push(now);
    return undefined;
  }

  private rateHeaders(account: SeedAccount): Record<string, string> {
    const sent = this.window.get(account.key) ?? [];
    const reset = sent.length ? Math.max(0, sent[0]! + this.rateLimit.windowMs - this.now()) / 1000 : 0;
    return {
      'x-ratelimit-limit-requests': String(this.rateLimit.perWindow),
      'x-ratelimit-remaining-requests': String(Math.max(0, this.rateLimit.perWindow - sent.length)),
      'x-ratelimit-reset-requests': String(Math.ceil(reset * 1000) / 1000),
    };
  }

  private route(account: SeedAccount, method: string, path: string, raw: string, contentType?: string): Answer {
    const m = /^\/bots(?:\/([^/]+))?$/.exec(path);
    if (!m) return { status: 404, body: err('Not Found') };
    if (!account.apiBots) return { status: 404, body: err('Not Found') };
    const handle = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
    if (method === 'GET') return handle === undefined ? this.list(account) : this.get(account, handle);
    if (method === 'DELETE' && handle !== undefined) {
      if (raw) return { status: 400, body: err('DELETE does not accept a request body') };
      return this.remove(account, handle);
    }
    const verb = method as Verb;
    if ((verb === 'POST' && handle === undefined) || ((verb === 'PUT' || verb === 'PATCH') && handle !== undefined)) {
      if (!/^application\/json\b/i.test(contentType ?? ''))
        return { status: 400, body: invalid('Content-Type must be application/json') };
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return { status: 400, body: invalid('The request body is not valid JSON') };
      }
      try {
        validateBody(verb, body);
      } catch (e) {
        if (e instanceof Invalid) return { status: 400, body: invalid(e.message) };
        throw e;
      }
      return this.write(account, verb, handle ?? (body as Bot).handle, body as Obj);
    }
    return { status: 405, body: err('Method Not Allowed') };
  }

  private list(account: SeedAccount): Answer {
    const bots = [...this.bots.values()]
      .filter((s) => s.owner === account.name)
      .sort((a, b) => a.order - b.order)
      .map((s) => s.bot);
    return { status: 200, body: JSON.stringify({ bots }) };
  }

  private get(account: SeedAccount, handle: string): Answer {
    const s = this.bots.get(handle);
    if (!s) return notFound(handle);
    if (s.owner !== account.name) return { status: 403, body: err(`Unauthorized to edit bot '${handle}'`) };
    return { status: 200, body: JSON.stringify(s.bot) };
  }

  private remove(account: SeedAccount, handle: string): Answer {
    const s = this.bots.get(handle);
    if (!s) return notFound(handle);
    if (s.owner !== account.name) return { status: 403, body: err(`Unauthorized to edit bot '${handle}'`) };
    this.bots.delete(handle);
    return { status: 200, body: '{}' };
  }

  private write(account: SeedAccount, verb: Verb, handle: string, body: Obj): Answer {
    const existing = this.bots.get(handle);
    const takenElsewhere = [...this.bots.values()].some(
      (s) => s.owner !== account.name && s.bot.handle.toLowerCase() === handle.toLowerCase(),
    );
    if ((existing && existing.owner !== account.name) || (!existing && takenElsewhere)) {
      if (verb === 'POST' || !existing)
        return {
          status: 400,
          body: err(`handle_already_taken: The handle '${handle}' is already used by another user's bot`),
        };
      return { status: 403, body: err(`Unauthorized to edit bot '${handle}'`) };
    }
    if (verb === 'PATCH' && !existing) return notFound(handle);
    const { settings: incoming, apiKey } = splitKey(body.api_bot_settings as Obj | undefined);
    if (!existing || verb === 'PUT') {
      const bot: Bot = {
        handle,
        description: (body.description as string) ?? '',
        is_private: (body.is_private as boolean) ?? true,
      };
      if (incoming) bot.api_bot_settings = incoming;
      if (body.parameter_controls)
        bot.parameter_controls = structuredClone(body.parameter_controls) as Bot['parameter_controls'];
      // PUT replaces api_bot_settings entirely; whether that erases a key not sent again is undocumented: a mode.
      const keptKey = existing && this.modes.putWithoutKey === 'keeps' ? existing.apiKey : undefined;
      this.bots.set(handle, {
        owner: account.name,
        bot,
        apiKey: apiKey ?? keptKey,
        order: existing?.order ?? this.order++,
      });
      return existing ? ok200() : created201();
    }
    const bot = existing.bot;
    if (body.description !== undefined) bot.description = body.description as string;
    if (body.is_private !== undefined) bot.is_private = body.is_private as boolean;
    if (incoming)
      bot.api_bot_settings = (
        this.modes.merge === 'deep'
          ? deepMerge((bot.api_bot_settings ?? {}) as Obj, incoming as Obj)
          : { ...bot.api_bot_settings, ...incoming }
      ) as Bot['api_bot_settings'];
    if (body.parameter_controls !== undefined)
      bot.parameter_controls = structuredClone(body.parameter_controls) as Bot['parameter_controls'];
    if (apiKey !== undefined) existing.apiKey = apiKey;
    return ok200();
  }

  private admin(method: string, path: string, raw: string, res: http.ServerResponse): void {
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const body = raw ? (JSON.parse(raw) as Obj) : {};
    if (path === '/__fake/log' && method === 'GET') return send(200, this.log);
    if (path === '/__fake/log' && method === 'DELETE') {
      this.log.length = 0;
      return send(200, {});
    }
    if (path === '/__fake/reset' && method === 'POST') {
      this.reset((body.seed as string) ?? 'demo', (body.modes as Partial<FakeModes>) ?? {});
      return send(200, {});
    }
    if (path === '/__fake/faults' && method === 'POST') {
      this.inject(body as unknown as FaultRule);
      return send(200, {});
    }
    if (path === '/__fake/modes' && method === 'POST') {
      this.setModes(body as Partial<FakeModes>);
      return send(200, this.modes);
    }
    if (path === '/__fake/modes' && method === 'GET') return send(200, this.modes);
    if (path === '/__fake/ratelimit' && method === 'POST') {
      this.setRateLimit(body as unknown as { perWindow: number; windowMs: number });
      return send(200, {});
    }
    if (path === '/__fake/chat' && method === 'POST') return send(200, this.chat.configure(body));
    if (path === '/__fake/stats' && method === 'GET') return send(200, { rejected429: this.rejected429 });
    if (path === '/__fake/bots' && method === 'PUT') {
      this.putBehindTheBack(body.bot as Bot, (body.owner as string) ?? 'demo');
      return send(200, {});
    }
    const peek = /^\/__fake\/bots\/([^/]+)$/.exec(path);
    if (peek && method === 'GET') {
      const p = this.peek(decodeURIComponent(peek[1]!));
      return p
        ? send(200, { bot: p.bot, owner: p.owner, hasApiKey: p.apiKey !== undefined, apiKey: p.apiKey })
        : send(404, {});
    }
    return send(404, { error: { message: 'unknown fake route' } });
  }
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  chunks?: string[];
}
const ok200 = (): Answer => ({ status: 200, body: JSON.stringify({ edit_bot_status: 'success' }) });
const created201 = (): Answer => ({ status: 201, body: JSON.stringify({ create_bot_status: 'success' }) });
const notFound = (handle: string): Answer => ({
  status: 404,
  body: err(`Bot ${handle} does not exist or access denied`),
});

function splitKey(settings: Obj | undefined): { settings?: Bot['api_bot_settings']; apiKey?: string } {
  if (!settings) return {};
  const { api_key, ...rest } = settings;
  return { settings: structuredClone(rest) as Bot['api_bot_settings'], apiKey: api_key as string | undefined };
}

/** Objects merged key by key at every depth; arrays and other values replaced. */
function deepMerge(into: Obj, from: Obj): Obj {
  const out: Obj = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const old = out[k];
    out[k] = isObj(old) && isObj(v) ? deepMerge(old, v) : structuredClone(v);
  }
  return out;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
