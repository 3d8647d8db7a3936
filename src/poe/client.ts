// The Poe Bots REST API over undici. Knows nothing of VS Code: the key, the base URL, the dispatcher and the log are
// handed in. Every failure leaves as a PoeApiError; undici itself is loaded on the first request, not at activation.

import type { Dispatcher } from 'undici';
import { apiUrl, parseBaseUrl } from './baseUrl';
import { BodyTooLarge, readCapped } from './body';
import { MAX_RESPONSE_BYTES, MAX_SERVER_WAIT_MS } from './bounds';
import { systemClock, type Clock } from './clock';
import { PoeApiError, errorFromResponse } from './errors';
import { RateLimiter, ServerWaitTooLong } from './limiter';
import { redact, rememberSecret } from './redact';
import { agentFor, type ProxySettings } from './proxy';
import { loadUndici, type Undici } from './undici';
import {
  defaultRetryPolicy,
  errorCode,
  neverSent,
  retryCallback,
  serverDelayMs,
  type Attempt,
  type RetryPolicy,
} from './retry';
import type { Bot, BotBody, BotCreate, WriteResult } from './types';

export interface RequestLog {
  debug(message: string): void;
  trace(message: string): void;
}

export interface ClientOptions {
  baseUrl?: string | URL;
  getKey(): Promise<string | undefined>;
  /** Another dispatcher (a MockAgent in tests); the retry policy is composed onto it. */
  dispatcher?: Dispatcher;
  /** Go through a proxy: the given settings, else the environment's (HTTPS_PROXY, NO_PROXY). Left out: no proxy. */
  proxy?: ProxySettings;
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  /** A shared limiter, or false for none. */
  limiter?: RateLimiter | false;
  /** From the moment the request leaves the rate limiter's queue, including retries. */
  timeoutMs?: number;
  /** Time for the limiter, the retries and the timeout (tests drive it by hand). */
  clock?: Clock;
  log?: RequestLog;
  /** Values to scrub from the log besides the Poe key (endpoint keys being sent). */
  extraSecrets?: () => readonly string[];
}

export interface CallOptions {
  signal?: AbortSignal;
}

export class PoeBotsClient {
  readonly baseUrl: URL;
  private readonly limiter?: RateLimiter;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private dispatcher?: Promise<Dispatcher>;
  /** The Agent this client made (not one handed in, not a twin's): closed by dispose(). */
  private agent?: Dispatcher;

  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = parseBaseUrl(opts.baseUrl);
    this.clock = opts.clock ?? systemClock;
    this.limiter = opts.limiter === false ? undefined : (opts.limiter ?? new RateLimiter({ clock: this.clock }));
    this.policy = { ...defaultRetryPolicy, ...opts.retry };
  }

  /** The same client with another key, e.g. to check a key before it is stored. */
  withKey(key: string): PoeBotsClient {
    const twin = new PoeBotsClient({ ...this.opts, getKey: async () => key, limiter: this.limiter ?? false });
    twin.dispatcher = this.getDispatcher();
    return twin;
  }

  async listBots(o: CallOptions = {}): Promise<Bot[]> {
    const { data } = await this.send('GET', '/bots', undefined, o);
    const bots = (data as { bots?: unknown } | undefined)?.bots;
    if (!Array.isArray(bots)) throw this.unexpected('GET', '/bots');
    return bots as Bot[];
  }

  async getBot(handle: string, o: CallOptions = {}): Promise<Bot> {
    const path = botPath(handle);
    const { data } = await this.send('GET', path, undefined, o);
    if (!data || typeof data !== 'object' || typeof (data as Bot).handle !== 'string')
      throw this.unexpected('GET', path);
    return data as Bot;
  }

  /** POST /bots: Poe creates the bot, or silently updates it when the handle exists (an upsert). */
  async createBot(body: BotCreate, o: CallOptions = {}): Promise<WriteResult> {
    return this.write('POST', '/bots', body, o);
  }

  /** PATCH: only the given fields change; api_bot_settings is merged. */
  async updateBot(handle: string, patch: BotBody, o: CallOptions = {}): Promise<WriteResult> {
    return this.write('PATCH', botPath(handle), patch, o);
  }

  /** PUT: everything is replaced; what the body lacks is reset. */
  async replaceBot(handle: string, body: BotBody, o: CallOptions = {}): Promise<WriteResult> {
    return this.write('PUT', botPath(handle), body, o);
  }

  /** GET of any JSON resource of Poe's API under the base URL (e.g. /usage/current_balance). */
  async getJson(path: string, o: CallOptions = {}): Promise<unknown> {
    return (await this.send('GET', path, undefined, o)).data;
  }

  async deleteBot(handle: string, o: CallOptions = {}): Promise<void> {
    await this.send('DELETE', botPath(handle), undefined, o);
  }

  /** Closes the connections this client opened. */
  async dispose(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    this.dispatcher = undefined;
    await agent?.close().catch(() => undefined);
  }

  private async write(method: string, path: string, body: unknown, o: CallOptions): Promise<WriteResult> {
    const { status } = await this.send(method, path, body, o);
    return { status, created: status === 201 };
  }

  private unexpected(method: string, path: string): PoeApiError {
    return new PoeApiError({
      kind: 'server',
      method,
      path,
      serverMessage: 'the response was not the JSON the Bots API documents',
    });
  }

  private getDispatcher(): Promise<Dispatcher> {
    return (this.dispatcher ??= loadUndici().then((undici) => {
      const base =
        this.opts.dispatcher ??
        (this.agent = agentFor(undici, this.opts.proxy, { connections: 8, keepAliveTimeout: 10_000 }));
      return base.compose(
        undici.interceptors.retry({
          throwOnError: false,
          maxRetries: this.policy.maxRetries,
          retry: retryCallback(this.policy, this.clock, this.limiter) as never,
        }),
      );
    }));
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    o: CallOptions,
  ): Promise<{ status: number; data: unknown }> {
    const key = await this.opts.getKey();
    if (!key) throw new PoeApiError({ kind: 'auth', method, path, serverMessage: 'no Poe API key is set' });
    rememberSecret(key);
    const secrets = () => [key, ...(this.opts.extraSecrets?.() ?? [])];
    const write = method !== 'GET';
    const attempt: Attempt = { dispatched: false, mightHaveApplied: false, retries: 0 };
    const started = this.clock.now();
    const json = body === undefined ? undefined : JSON.stringify(body);
    let timeout: AbortSignal | undefined;
    const timeoutMs = this.opts.timeoutMs ?? 60_000;
    try {
      // Waiting for a slot to keep under the rate limit is not part of the timeout: a long folder push may queue for
      // minutes, and a request that never left the queue changed nothing. Only the caller's signal ends that wait.
      // A wait the server asked for is part of it (and capped): it is spent on this call, not on the queue.
      const onServersWord = (await this.limiter?.acquire(o.signal, Math.min(timeoutMs, MAX_SERVER_WAIT_MS))) ?? 0;
      const undici = await loadUndici();
      const dispatcher = await this.getDispatcher();
      timeout = this.clock.timeout(Math.max(0, timeoutMs - onServersWord));
      const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
      attempt.dispatched = true;
      attempt.mightHaveApplied = write;
      const res = await undici.request(apiUrl(this.baseUrl, path), {
        method: method as Dispatcher.HttpMethod,
        dispatcher,
        signal,
        body: json,
        headers: {
          authorization: `Bearer ${key}`,
          accept: 'application/json',
          'user-agent': this.opts.userAgent ?? 'poe-bots-vscode',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        poeAttempt: attempt,
      } as Parameters<Undici['request']>[1]);
      this.limiter?.observe(res.headers);
      let text: string;
      try {
        text = await readCapped(res.body, MAX_RESPONSE_BYTES, res.headers['content-length']);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        throw new PoeApiError({ kind: 'tooLarge', status: res.statusCode, method, path, write, mayHaveApplied: write });
      }
      const retried = attempt.retries ? `, ${attempt.retries} retries` : '';
      this.opts.log?.debug(`${method} ${path} → ${res.statusCode} (${this.clock.now() - started} ms${retried})`);
      if (json !== undefined) this.opts.log?.trace(`${method} ${path} request body: ${redact(json, secrets())}`);
      this.opts.log?.trace(`${method} ${path} response body: ${redact(text, secrets())}`);
      // A 429 handed back because the caller stopped the wait for the next retry: cancelled, and nothing changed.
      if (res.statusCode === 429 && o.signal?.aborted)
        throw new PoeApiError({ kind: 'cancelled', method, path, write });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const waitMs = res.statusCode === 429 ? serverDelayMs(res.headers, this.clock.now()) : undefined;
        throw errorFromResponse(res.statusCode, text, method, path, {
          baseHasPath: this.baseUrl.pathname.replace(/\/+$/, '') !== '',
          waitMs,
        });
      }
      if (!text.trim()) return { status: res.statusCode, data: undefined };
      try {
        return { status: res.statusCode, data: JSON.parse(text) };
      } catch {
        throw this.unexpected(method, path);
      }
    } catch (e) {
      if (e instanceof PoeApiError) throw e;
      if (e instanceof ServerWaitTooLong)
        throw new PoeApiError({
          kind: 'rateLimited',
          method,
          path,
          write,
          sent: false,
          waitMs: e.waitMs,
          waitLimitMs: e.limitMs,
        });
      const failed = this.transportError(e, method, path, write, attempt, o.signal, timeout);
      this.opts.log?.debug(
        `${method} ${path} → ${failed.kind} (${this.clock.now() - started} ms): ${redact(String((e as Error)?.message ?? e), secrets())}`,
      );
      throw failed;
    }
  }

  private transportError(
    e: unknown,
    method: string,
    path: string,
    write: boolean,
    attempt: Attempt,
    user: AbortSignal | undefined,
    timeout: AbortSignal | undefined,
  ): PoeApiError {
    const mayHaveApplied = write && attempt.dispatched && attempt.mightHaveApplied && !neverSent(e);
    const base = { method, path, cause: e, write, mayHaveApplied, sent: attempt.dispatched };
    if (user?.aborted) return new PoeApiError({ ...base, kind: 'cancelled' });
    if (timeout?.aborted || /TIMEOUT/.test(errorCode(e))) return new PoeApiError({ ...base, kind: 'timeout' });
    return new PoeApiError({ ...base, kind: 'network' });
  }
}

function botPath(handle: string): string {
  return `/bots/${encodeURIComponent(handle)}`;
}
