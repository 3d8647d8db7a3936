// One error type for everything a call to an OpenAI-compatible endpoint can fail with (the creator's endpoint, or
// Poe's own /v1 API), each with a sentence a creator understands. Redacted when made: an endpoint that echoes its
// key cannot put it on screen.

import { MAX_ERROR_SCAN_CHARS, MAX_RESPONSE_BYTES, boundMessage, sizeInWords } from '../poe/bounds';
import { notJsonSummary } from '../poe/errors';
import { redactKnown } from '../poe/redact';

export type EndpointErrorKind =
  | 'auth'
  | 'notFound'
  | 'invalid'
  | 'rateLimited'
  | 'insufficientPoints'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'badStream'
  | 'redirect'
  | 'insecure'
  | 'tooLarge';

export interface EndpointErrorInit {
  kind: EndpointErrorKind;
  /** Who answered, in words: "Your endpoint", "Poe". */
  who: string;
  status?: number;
  serverMessage?: string;
  serverType?: string;
  serverCode?: string;
  /** For a redirect: where it pointed. */
  location?: string;
  /** How the key is named in messages: "${secret:NAME}", "your Poe key" (never the key). */
  keyLabel?: string;
  cause?: unknown;
}

export class EndpointError extends Error {
  readonly kind: EndpointErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly serverType?: string;
  readonly serverCode?: string;
  readonly location?: string;
  readonly userFacing = true;

  constructor(init: EndpointErrorInit) {
    const serverMessage = init.serverMessage === undefined ? undefined : boundMessage(redactKnown(init.serverMessage));
    super(redactKnown(describe({ ...init, serverMessage })), { cause: init.cause });
    this.name = 'EndpointError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = serverMessage;
    this.serverType = init.serverType;
    this.serverCode = init.serverCode;
    this.location = init.location;
  }
}

function describe(i: EndpointErrorInit): string {
  const said = i.serverMessage ? `: ${i.serverMessage}` : '.';
  const status = i.status === undefined ? '' : ` ${i.status}`;
  switch (i.kind) {
    case 'auth':
      return `${i.who} rejected the key${i.keyLabel ? ` from ${i.keyLabel}` : ''} (${i.status ?? 401})${said}`;
    case 'notFound':
      return `${i.who} answered 404${said}`;
    case 'invalid':
      return `${i.who} refused the request (${i.status ?? 400})${said}`;
    case 'rateLimited':
      return `${i.who} is rate-limiting these requests (429)${said}`;
    case 'insufficientPoints':
      return `Not enough Poe points for this message (402)${said}`;
    case 'server':
      return `${i.who} failed (${i.status ?? 'no status'})${said}`;
    case 'redirect':
      return `${i.who} answered${status} with a redirect to ${i.location ?? 'another address'}. Poe does not follow redirects, and the key is never sent after one: use that address as base_url.`;
    case 'badStream':
      return `${i.who} sent a stream Poe cannot read${said}`;
    case 'timeout':
      return `${i.who} did not answer in time.`;
    case 'network':
      return `Cannot reach ${i.who.toLowerCase().replace(/^your /, 'your ')}${said}`;
    case 'tooLarge':
      return `${i.who}'s answer was larger than ${sizeInWords(MAX_RESPONSE_BYTES)}; it was not read${i.status === undefined || i.status < 400 ? '' : ` (an error page, status ${i.status})`}.`;
    case 'cancelled':
      return 'Stopped.';
    case 'insecure':
      return `The key is never sent over plain http:// to ${i.location ?? 'another machine'}: use an https:// address (plain http only for a server on this machine).`;
  }
}

interface Envelope {
  error?: { message?: unknown; type?: unknown; code?: unknown } | string;
  message?: unknown;
  detail?: unknown;
}

/** The sentence an endpoint put in its error body: OpenAI's envelope first, then common shapes, then the text. */
export function errorBodyMessage(whole: string): { message?: string; type?: string; code?: string } {
  // A sentence is all that is kept: past its opening an error body is not JSON worth parsing or a page worth
  // searching. Redacted before anything is cut: a cut through an echoed key would leave part of it unmatched.
  const text = redactKnown(whole.slice(0, MAX_ERROR_SCAN_CHARS + 1024)).slice(0, MAX_ERROR_SCAN_CHARS);
  let body: Envelope | undefined;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    /* not JSON */
  }
  if (body && typeof body === 'object') {
    const e = body.error;
    if (e && typeof e === 'object') {
      return {
        message: typeof e.message === 'string' ? e.message : undefined,
        type: typeof e.type === 'string' ? e.type : undefined,
        code: e.code === undefined || e.code === null ? undefined : String(e.code),
      };
    }
    if (typeof e === 'string') return { message: e };
    if (typeof body.message === 'string') return { message: body.message };
    if (typeof body.detail === 'string') return { message: body.detail };
  }
  return { message: notJsonSummary(text, 160) || undefined };
}

export function errorForStatus(status: number, text: string, who: string, keyLabel?: string): EndpointError {
  const { message, type, code } = errorBodyMessage(text);
  const base = { who, status, serverMessage: message, serverType: type, serverCode: code, keyLabel };
  if (status === 401 || status === 403) return new EndpointError({ ...base, kind: 'auth' });
  if (status === 402) return new EndpointError({ ...base, kind: 'insufficientPoints' });
  if (status === 404) return new EndpointError({ ...base, kind: 'notFound' });
  if (status === 429) return new EndpointError({ ...base, kind: 'rateLimited' });
  if (status >= 400 && status < 500) return new EndpointError({ ...base, kind: 'invalid' });
  return new EndpointError({ ...base, kind: 'server' });
}
