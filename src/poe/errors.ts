// One error type for everything the Bots API client can fail with, each with a sentence a creator understands.
// The server's message and the sentence are redacted when the error is made: whatever shows it later cannot leak
// a key Poe echoed back.

import {
  MAX_ERROR_SCAN_CHARS,
  MAX_RESPONSE_BYTES,
  MAX_SERVER_WAIT_MS,
  boundMessage,
  sizeInWords,
  waitInWords,
} from './bounds';
import { redactKnown } from './redact';

export type PoeErrorKind =
  | 'auth'
  | 'notEnabled'
  | 'wrongAddress'
  | 'forbidden'
  | 'notFound'
  | 'invalid'
  | 'handleTaken'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'tooLarge';

export interface PoeErrorInit {
  kind: PoeErrorKind;
  status?: number;
  serverMessage?: string;
  /** The error envelope's `type` and `code`, when Poe sent them. */
  serverType?: string;
  serverCode?: string;
  method: string;
  path: string;
  /** A write (POST, PUT, PATCH, DELETE). */
  write?: boolean;
  /** For a write that failed in a way that leaves its effect unknown. */
  mayHaveApplied?: boolean;
  /** Whether the request left this machine at all (false: it was still waiting for the rate limiter). */
  sent?: boolean;
  /** For rateLimited: how long Poe asked to wait, when that is past what we wait (MAX_SERVER_WAIT_MS). */
  waitMs?: number;
  /** The longest this call would have waited (MAX_SERVER_WAIT_MS, or less when its timeout is shorter). */
  waitLimitMs?: number;
  cause?: unknown;
}

// Every file of dist/ bundles its own copy of this class (extension.js, and the agent tools' sibling that is handed
// extension.js's client): a brand shared through the symbol registry makes `instanceof` hold across them.
const BRAND = Symbol.for('poe-bots.PoeApiError');

export class PoeApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly kind: PoeErrorKind;
  readonly status?: number;
  /** The server's own `error.message`, when it sent one (redacted). */
  readonly serverMessage?: string;
  readonly serverType?: string;
  readonly serverCode?: string;
  readonly method: string;
  readonly path: string;
  readonly mayHaveApplied: boolean;
  /** Shown to the creator as it is. */
  readonly userFacing = true;

  constructor(init: PoeErrorInit) {
    const serverMessage = init.serverMessage === undefined ? undefined : boundMessage(redactKnown(init.serverMessage));
    super(redactKnown(describe({ ...init, serverMessage })), { cause: init.cause });
    this.name = 'PoeApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = serverMessage;
    this.serverType = init.serverType;
    this.serverCode = init.serverCode;
    this.method = init.method;
    this.path = init.path;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
  }
}

export function isPoeApiError(e: unknown, kind?: PoeErrorKind): e is PoeApiError {
  return e instanceof PoeApiError && (kind === undefined || e.kind === kind);
}

function describe(i: PoeErrorInit): string {
  const said = i.serverMessage ? ` Poe said: "${i.serverMessage}"` : '';
  const unchanged = i.write ? ' Nothing was changed on Poe; you can push again.' : '';
  const unknown = 'The change may or may not have been made: compare with Poe before pushing again.';
  switch (i.kind) {
    case 'auth':
      return `Poe rejected the API key (401). Set a current key from poe.com/api/keys.${said}`;
    case 'notEnabled':
      return 'This Poe account is not enabled for API bots (GET /bots answered 404).';
    case 'wrongAddress':
      return `There is no Bots API at this address (GET ${i.path} answered 404). Check poeBots.apiBaseUrl: it should be https://api.poe.com, with no path such as /v1.`;
    case 'forbidden':
      return `This bot belongs to another account, so this key cannot change or read it (403).${said}`;
    case 'notFound':
      return `Poe has no such bot on this account (404).${said}`;
    case 'handleTaken':
      return `That handle is already used by another creator's bot. Choose another handle.${said}`;
    case 'invalid':
      return `Poe refused the request (${i.status ?? 400}).${said}`;
    case 'rateLimited':
      if (i.waitMs !== undefined && i.waitMs > (i.waitLimitMs ?? MAX_SERVER_WAIT_MS)) {
        const limit = waitInWords(i.waitLimitMs ?? MAX_SERVER_WAIT_MS);
        return `Poe asked this key to wait ${waitInWords(i.waitMs)} before its next request, longer than the ${limit} this tool waits, so ${i.sent === false ? 'the request was not sent' : 'it stopped'}.${unchanged} Try again later.`;
      }
      return `Poe is rate-limiting this key (429) and retries did not get through.${unchanged || ' Wait a minute and try again.'}`;
    case 'server':
      return `Poe's server failed (${i.status ?? 'no status'}).${said}${i.write && i.status !== undefined ? ` ${unknown}` : ''}`;
    case 'timeout':
      if (i.sent === false)
        return `The request was still waiting for Poe's rate limit when time ran out, so it was never sent.${unchanged}`;
      return i.mayHaveApplied
        ? `Poe did not answer in time. ${unknown}`
        : `Poe did not answer in time. Check your connection and try again.${unchanged}`;
    case 'network':
      return i.mayHaveApplied
        ? `The connection to Poe broke during the request. ${unknown}`
        : `Cannot reach Poe. Check your connection (or the poeBots.apiBaseUrl setting) and try again.${unchanged}`;
    case 'tooLarge':
      return `Poe's answer was larger than ${sizeInWords(MAX_RESPONSE_BYTES)}; it was not read (the Bots API answers in a few KB, so the address may not be Poe's API).${i.write ? ` ${unknown}` : ''}`;
    case 'cancelled':
      return i.mayHaveApplied ? `Cancelled while the request was on its way. ${unknown}` : `Cancelled.${unchanged}`;
  }
}

interface Envelope {
  error?: { message?: unknown; code?: unknown; type?: unknown };
  create_bot_status?: unknown;
}

export interface ResponseContext {
  /** The base URL has a path of its own (e.g. https://api.poe.com/v1): a 404 on GET /bots then means a wrong address. */
  baseHasPath?: boolean;
  /** How long the answer asked to wait (Retry-After), for a 429. */
  waitMs?: number;
}

/** Turns a non-2xx response into a typed error; the body may be JSON, an HTML page, empty or cut short. */
export function errorFromResponse(
  status: number,
  rawBody: string,
  method: string,
  path: string,
  ctx: ResponseContext = {},
): PoeApiError {
  // Redacted before anything is cut: a cut through an echoed key would leave part of it unmatched.
  const bodyText = redactKnown(rawBody);
  let envelope: Envelope | undefined;
  try {
    envelope = JSON.parse(bodyText) as Envelope;
  } catch {
    /* not JSON: described below */
  }
  if (typeof envelope !== 'object' || envelope === null) envelope = undefined;
  const message = typeof envelope?.error?.message === 'string' ? envelope.error.message : undefined;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const serverMessage =
    message ?? (bodyText.trim() ? notJsonSummary(bodyText.slice(0, MAX_ERROR_SCAN_CHARS)) : undefined);
  const write = method !== 'GET';
  const base = {
    status,
    serverMessage,
    serverType: text(envelope?.error?.type),
    serverCode: text(envelope?.error?.code),
    method,
    path,
    write,
  };
  const taken =
    envelope?.create_bot_status === 'handle_already_taken' ||
    envelope?.error?.code === 'handle_already_taken' ||
    (message?.includes('handle_already_taken') ?? false);
  if (status === 400 && taken) return new PoeApiError({ ...base, kind: 'handleTaken' });
  if (status === 401) return new PoeApiError({ ...base, kind: 'auth' });
  if (status === 403) return new PoeApiError({ ...base, kind: 'forbidden' });
  if (status === 404 && method === 'GET' && path === '/bots') {
    // Poe's quick start reads a 404 here as an account without API bots; an address with a path of its own (".../v1")
    // or a web page instead of an API answer means the request went somewhere else.
    return new PoeApiError({
      ...base,
      kind: ctx.baseHasPath || /^\s*</.test(bodyText) ? 'wrongAddress' : 'notEnabled',
    });
  }
  if (status === 404) return new PoeApiError({ ...base, kind: 'notFound' });
  if (status === 429) return new PoeApiError({ ...base, kind: 'rateLimited', waitMs: ctx.waitMs });
  if (status >= 400 && status < 500) return new PoeApiError({ ...base, kind: 'invalid' });
  return new PoeApiError({ ...base, kind: 'server' });
}

/** An error body that is not the JSON expected, in a few words: a web page by its title, else its first line. `text`
 * is the body's opening (MAX_ERROR_SCAN_CHARS at most), already redacted. */
export function notJsonSummary(text: string, maxLine = 120): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return `an HTML page titled "${title.slice(0, 80)}"`;
  if (/^\s*</.test(text)) return 'an HTML page instead of JSON';
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > maxLine ? `${line.slice(0, maxLine)}…` : line;
}
