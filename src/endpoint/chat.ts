// One call to an OpenAI-compatible endpoint (the creator's, or Poe's own /v1 API): streamed or whole, Chat
// Completions or Responses, read into text, usage and timings. Redirects are never followed with the key; one
// AbortSignal (a Stop button, a closed panel, a timeout) ends it.

import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../poe/baseUrl';
import { BodyTooLarge, readCapped } from '../poe/body';
import { MAX_REPLY_CHARS, MAX_RESPONSE_BYTES, sizeInWords } from '../poe/bounds';
import { redactKnown, rememberSecret, StreamRedactor } from '../poe/redact';
import { loadUndici } from '../poe/undici';
import { EndpointError, errorForStatus } from './errors';
import { buildRequest, type ChatRequest, type ChatTarget } from './request';
import { readStream, readWhole } from './replyRead';
import { EventTooLong } from './sse';
import type { ToolCall } from './toolCalls';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResult {
  text: string;
  usage?: Usage;
  /** From sending to the first piece of text. */
  firstTokenMs?: number;
  totalMs: number;
  /** Pieces of text received (1 for a whole answer). */
  chunks: number;
  finishReason?: string;
  status: number;
  /** Stream only: whether the end marker (data: [DONE], or response.completed) arrived. */
  ended?: boolean;
  /** The tools the reply calls, when it calls any. */
  toolCalls?: ToolCall[];
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Ends the call with a timeout error after this long (default 60 s). */
  timeoutMs?: number;
  onText?(delta: string): void;
  dispatcher?: Dispatcher;
}

export async function chat(target: ChatTarget, req: ChatRequest, opts: ChatOptions = {}): Promise<ChatResult> {
  rememberSecret(target.key);
  const who = target.who ?? 'Your endpoint';
  const built = buildRequest(target, req);
  refuseInsecure(built.url, who);
  // One controller for the caller's signal and the timeout (cheaper than AbortSignal.any on every call).
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }, opts.timeoutMs ?? 60_000);
  const onAbort = () => ac.abort(opts.signal!.reason);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = ac.signal;
  const started = performance.now();
  try {
    return await send();
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }

  async function send(): Promise<ChatResult> {
    const undici = await loadUndici();
    let res: Dispatcher.ResponseData;
    try {
      res = await undici.request(built.url, {
        method: 'POST',
        headers: built.headers,
        body: JSON.stringify(built.body),
        signal,
        dispatcher: opts.dispatcher,
      });
    } catch (e) {
      throw transportError(e, who, opts.signal, timedOut);
    }
    const result: ChatResult = { text: '', totalMs: 0, chunks: 0, status: res.statusCode };
    try {
      if (res.statusCode >= 300 && res.statusCode < 400) {
        await res.body.dump();
        throw new EndpointError({
          kind: 'redirect',
          who,
          status: res.statusCode,
          location: String(res.headers.location ?? '') || undefined,
        });
      }
      const whole = () => readCapped(res.body, MAX_RESPONSE_BYTES, res.headers['content-length']);
      if (res.statusCode >= 400) throw errorForStatus(res.statusCode, await whole(), who, target.keyLabel);
      // An endpoint that echoes the key it got must not put it on screen: pieces shown as they come are redacted as
      // they come, a key split across two pieces included; a reply only read whole (a bot test's) is redacted once,
      // whole, at its end (the same keys masked, for a fraction of the work).
      const redactor = opts.onText ? new StreamRedactor() : undefined;
      const pieces: string[] = [];
      let read = 0;
      const show = (text: string) => {
        if (text) {
          result.text += text;
          opts.onText?.(text);
        }
      };
      const piece = (delta: string) => {
        if (!delta) return;
        if (read + delta.length > MAX_REPLY_CHARS) {
          throw new EndpointError({
            kind: 'badStream',
            who,
            status: result.status,
            serverMessage: `the reply passed ${MAX_REPLY_CHARS.toLocaleString('en-US')} characters (the longest reply read), so it was stopped there`,
          });
        }
        read += delta.length;
        result.firstTokenMs ??= performance.now() - started;
        result.chunks++;
        if (redactor) show(redactor.push(delta));
        else pieces.push(delta);
      };
      const streamed = req.stream && /text\/event-stream/i.test(String(res.headers['content-type'] ?? ''));
      if (req.stream && !streamed)
        throw new EndpointError({
          kind: 'badStream',
          who,
          status: res.statusCode,
          serverMessage: `asked to stream, it answered ${String(res.headers['content-type'] ?? 'no content type')} instead of text/event-stream`,
        });
      if (streamed) await readStream(res.body, target.apiType === 'responses_api', piece, result, who);
      else readWhole(await whole(), target.apiType === 'responses_api', piece, result, who);
      if (redactor) show(redactor.end());
      else result.text = redactKnown(pieces.join(''));
    } catch (e) {
      // Whatever stopped the read, the connection goes with it (a stream left open after its end, a body past the cap).
      res.body.destroy();
      if (e instanceof EndpointError) throw e;
      if (e instanceof BodyTooLarge) throw new EndpointError({ kind: 'tooLarge', who, status: res.statusCode });
      if (e instanceof EventTooLong)
        throw new EndpointError({
          kind: 'badStream',
          who,
          status: res.statusCode,
          serverMessage: `a line or event of the stream is longer than ${sizeInWords(e.limitChars)} (the longest read), so it was stopped there`,
        });
      throw transportError(e, who, opts.signal, timedOut);
    }
    result.totalMs = performance.now() - started;
    return result;
  }
}

/** A key crosses the network only encrypted: plain http:// only to this machine (every caller's last line of defence). */
export function refuseInsecure(url: string, who: string): void {
  // The same address again (every case of a bot test, every turn of Try Bot) has the same answer: no parse.
  if (url === lastAllowed) return;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new EndpointError({ kind: 'insecure', who, location: 'an address that does not parse' });
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) {
    lastAllowed = url;
    return;
  }
  throw new EndpointError({ kind: 'insecure', who, location: u.origin });
}
let lastAllowed: string | undefined;

function transportError(e: unknown, who: string, user: AbortSignal | undefined, timedOut: boolean): EndpointError {
  if (user?.aborted) return new EndpointError({ kind: 'cancelled', who, cause: e });
  if (timedOut) return new EndpointError({ kind: 'timeout', who, cause: e });
  const code = String((e as { code?: unknown })?.code ?? '');
  return new EndpointError({ kind: 'network', who, serverMessage: code || (e as Error)?.message, cause: e });
}
