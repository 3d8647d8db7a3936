// One error type for everything the Bots API client can fail with, each with a sentence a creator understands.

export type PoeErrorKind =
  | 'auth' | 'notEnabled' | 'forbidden' | 'notFound' | 'invalid' | 'handleTaken'
  | 'rateLimited' | 'server' | 'network' | 'timeout' | 'cancelled';

export interface PoeErrorInit {
  kind: PoeErrorKind;
  status?: number;
  serverMessage?: string;
  method: string;
  path: string;
  /** For a write that failed in a way that leaves its effect unknown. */
  mayHaveApplied?: boolean;
  cause?: unknown;
}

export class PoeApiError extends Error {
  readonly kind: PoeErrorKind;
  readonly status?: number;
  /** The server's own `error.message`, when it sent one. */
  readonly serverMessage?: string;
  readonly method: string;
  readonly path: string;
  readonly mayHaveApplied: boolean;

  constructor(init: PoeErrorInit) {
    super(describe(init), { cause: init.cause });
    this.name = 'PoeApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
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
  switch (i.kind) {
    case 'auth': return `Poe rejected the API key (401). Set a current key from poe.com/api/keys.${said}`;
    case 'notEnabled': return 'This Poe account is not enabled for API bots (GET /bots answered 404).';
    case 'forbidden': return `This bot belongs to another account, so this key cannot change or read it (403).${said}`;
    case 'notFound': return `Poe has no such bot on this account (404).${said}`;
    case 'handleTaken': return `That handle is already used by another creator's bot. Choose another handle.${said}`;
    case 'invalid': return `Poe refused the request (${i.status ?? 400}).${said}`;
    case 'rateLimited': return 'Poe is rate-limiting this key (429) and retries did not get through. Wait a minute and try again.';
    case 'server': return `Poe's server failed (${i.status ?? 'no status'}).${said}`;
    case 'timeout': return i.mayHaveApplied
      ? `Poe did not answer in time. The change may or may not have been made: check the bot before trying again.`
      : 'Poe did not answer in time. Check your connection and try again.';
    case 'network': return i.mayHaveApplied
      ? 'The connection to Poe broke during the request. The change may or may not have been made: check the bot before trying again.'
      : 'Cannot reach Poe. Check your connection (or the poeBots.apiBaseUrl setting) and try again.';
    case 'cancelled': return 'Cancelled.';
  }
}

interface Envelope { error?: { message?: unknown; code?: unknown; type?: unknown }; create_bot_status?: unknown }

/** Turns a non-2xx response into a typed error; the body may be JSON, an HTML page, empty or cut short. */
export function errorFromResponse(status: number, bodyText: string, method: string, path: string): PoeApiError {
  let envelope: Envelope | undefined;
  try { envelope = JSON.parse(bodyText) as Envelope; } catch { /* not JSON: described below */ }
  const message = typeof envelope?.error?.message === 'string' ? envelope.error.message : undefined;
  const serverMessage = message ?? (bodyText.trim() ? summarizeNonJson(bodyText) : undefined);
  const base = { status, serverMessage, method, path };
  const taken = envelope?.create_bot_status === 'handle_already_taken' || envelope?.error?.code === 'handle_already_taken'
    || (message?.includes('handle_already_taken') ?? false);
  if (status === 400 && taken) return new PoeApiError({ ...base, kind: 'handleTaken' });
  if (status === 401) return new PoeApiError({ ...base, kind: 'auth' });
  if (status === 403) return new PoeApiError({ ...base, kind: 'forbidden' });
  if (status === 404) return new PoeApiError({ ...base, kind: method === 'GET' && path === '/bots' ? 'notEnabled' : 'notFound' });
  if (status === 429) return new PoeApiError({ ...base, kind: 'rateLimited' });
  if (status >= 400 && status < 500) return new PoeApiError({ ...base, kind: 'invalid' });
  return new PoeApiError({ ...base, kind: 'server' });
}

function summarizeNonJson(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return `an HTML page titled "${title.slice(0, 80)}"`;
  if (/^\s*</.test(text)) return 'an HTML page instead of JSON';
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
