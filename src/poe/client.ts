// The Poe Bots REST API over undici. Knows nothing of VS Code: the key, the base URL, the dispatcher and the log are
// handed in. Every failure leaves as a PoeApiError; undici itself is loaded on the first request, not at activation.

import type { Dispatcher } from 'undici';
import { apiUrl, parseBaseUrl } from './baseUrl';
import { PoeApiError, errorFromResponse } from './errors';
import { RateLimiter } from './limiter';
import { redact } from './redact';
import { loadUndici, type Undici } from './undici';
import { NOT_SENT, defaultRetryPolicy, retryCallback, type RetryPolicy } from './retry';
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
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  /** A shared limiter, or false for none. */
  limiter?: RateLimiter | false;
  /** Per attempt chain, including retries. */
  timeoutMs?: number;
  log?: RequestLog;
  /** Values to scrub from the log besides the Poe key (endpoint keys being sent). */
  extraSecrets?: () => readonly string[];
}

export interface CallOptions { signal?: AbortSignal }


export class PoeBotsClient {
  readonly baseUrl: URL;
  private readonly limiter?: RateLimiter;
  private readonly policy: RetryPolicy;
  private dispatcher?: Promise<Dispatcher>;

  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = parseBaseUrl(opts.baseUrl);
    this.limiter = opts.limiter === false ? undefined : (opts.limiter ?? new RateLimiter());
    this.policy = { ...defaultRetryPolicy, ...opts.retry };
  }

  /** The same client with another key, e.g. to check a key before it is stored. */
  withKey(key: string): PoeBotsClient {
    const twin = new PoeBotsClient({ ...this.opts, getKey: async () => key, limiter: this.limiter ?? false });
    twin.dispatcher = this.dispatcher;
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
    if (!data || typeof data !== 'object' || typeof (data as Bot).handle !== 'string') throw this.unexpected('GET', path);
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

  private async write(method: string, path: string, body: unknown, o: CallOptions): Promise<WriteResult> {
    const { status } = await this.send(method, path, body, o);
    return { status, created: status === 201 };
  }

  private unexpected(method: string, path: string): PoeApiError {
    return new PoeApiError({ kind: 'server', method, path, serverMessage: 'the response was not the JSON the Bots API documents' });
  }

  private getDispatcher(undici: Undici): Promise<Dispatcher> {
    return (this.dispatcher ??= Promise.resolve().then(() => {
      const base = this.opts.dispatcher ?? new undici.Agent({ connections: 8, keepAliveTimeout: 10_000 });
      return base.compose(undici.interceptors.retry({
        throwOnError: false,
        maxRetries: this.policy.maxRetries,
        retry: retryCallback(this.policy, this.limiter) as never,
      }));
    }));
  }

  private async send(method: string, path: string, body: unknown, o: CallOptions): Promise<{ status: number; data: unknown }> {
    const key = await this.opts.getKey();
    if (!key) throw new PoeApiError({ kind: 'auth', method, path, serverMessage: 'no Poe API key is set' });
    const secrets = () => [key, ...(this.opts.extraSecrets?.() ?? [])];
    const write = method !== 'GET';
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 60_000);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    const started = Date.now();
    const json = body === undefined ? undefined : JSON.stringify(body);
    try {
      await this.limiter?.acquire(signal);
      const undici = await loadUndici();
      const res = await undici.request(apiUrl(this.baseUrl, path), {
        method: method as Dispatcher.HttpMethod,
        dispatcher: await this.getDispatcher(undici),
        signal,
        body: json,
        headers: {
          authorization: `Bearer ${key}`,
          accept: 'application/json',
          'user-agent': this.opts.userAgent ?? 'poe-bots-vscode',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });
      const text = await res.body.text();
      this.limiter?.observe(res.headers);
      this.opts.log?.debug(`${method} ${path} → ${res.statusCode} (${Date.now() - started} ms)`);
      if (json !== undefined) this.opts.log?.trace(`${method} ${path} request body: ${redact(json, secrets())}`);
      this.opts.log?.trace(`${method} ${path} response body: ${redact(text, secrets())}`);
      if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromResponse(res.statusCode, text, method, path);
      if (!text.trim()) return { status: res.statusCode, data: undefined };
      try { return { status: res.statusCode, data: JSON.parse(text) }; } catch { throw this.unexpected(method, path); }
    } catch (e) {
      if (e instanceof PoeApiError) throw e;
      const failed = this.transportError(e, method, path, write, o.signal, timeout);
      this.opts.log?.debug(`${method} ${path} → ${failed.kind} (${Date.now() - started} ms): ${redact(String((e as Error)?.message ?? e), secrets())}`);
      throw failed;
    }
  }

  private transportError(e: unknown, method: string, path: string, write: boolean, user: AbortSignal | undefined, timeout: AbortSignal): PoeApiError {
    const code = (e as { code?: string })?.code ?? '';
    const sent = !NOT_SENT.has(code);
    if (user?.aborted) return new PoeApiError({ kind: 'cancelled', method, path, cause: e, mayHaveApplied: write });
    if (timeout.aborted || /TIMEOUT/.test(code)) return new PoeApiError({ kind: 'timeout', method, path, cause: e, mayHaveApplied: write && sent });
    return new PoeApiError({ kind: 'network', method, path, cause: e, mayHaveApplied: write && sent });
  }
}

function botPath(handle: string): string {
  return `/bots/${encodeURIComponent(handle)}`;
}
