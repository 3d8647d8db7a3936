// One call to an OpenAI-compatible endpoint (the creator's, or Poe's own /v1 API): streamed or whole, Chat
// Completions or Responses, read into text, usage and timings. Redirects are never followed with the key; one
// AbortSignal (a Stop button, a closed panel, a timeout) ends it.

import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../poe/baseUrl';
import { BodyTooLarge, readCapped } from '../poe/body';
import { MAX_REPLY_CHARS, MAX_RESPONSE_BYTES, sizeInWords } from '../poe/bounds';
import { isObj } from '../poe/json';
import { redactKnown, rememberSecret, StreamRedactor } from '../poe/redact';
import { loadUndici } from '../poe/undici';
import { EndpointError, errorForStatus } from './errors';
import { buildRequest, type ChatRequest, type ChatTarget } from './request';
import { EventTooLong, readEvents } from './sse';
import { responsesToolCalls, ToolCallPieces, wholeToolCalls, type ToolCall } from './toolCalls';

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

type Obj = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function usageOf(u: unknown): Usage | undefined {
  if (!isObj(u)) return undefined;
  const input = num(u.prompt_tokens) ?? num(u.input_tokens);
  const output = num(u.completion_tokens) ?? num(u.output_tokens);
  return input === undefined || output === undefined ? undefined : { inputTokens: input, outputTokens: output };
}

async function readStream(
  body: AsyncIterable<Uint8Array>,
  responses: boolean,
  piece: (d: string) => void,
  result: ChatResult,
  who: string,
): Promise<void> {
  const bad = (why: string) => new EndpointError({ kind: 'badStream', who, status: result.status, serverMessage: why });
  let problem: EndpointError | undefined;
  const calls = new ToolCallPieces();
  // After the end marker (or a problem) nothing more is read: a stream that stays open after [DONE] is done.
  await readEvents(body, (e) => {
    take(e);
    return problem || result.ended ? 'stop' : 'more';
  });
  if (problem) throw problem;
  if (calls.calls.length) result.toolCalls = calls.calls;

  function take(e: { data: string }): void {
    if (!responses && e.data.trim() === '[DONE]') {
      result.ended = true;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      problem = bad(`an event is not JSON: ${JSON.stringify(e.data.slice(0, 80))}`);
      return;
    }
    if (!isObj(data)) {
      problem = bad('an event is not a JSON object');
      return;
    }
    if (responses)
      return readResponsesEvent(data, piece, result, (why) => {
        problem = bad(why);
      });
    if (isObj(data.error)) {
      problem = bad(String(data.error.message ?? 'the stream reported an error'));
      return;
    }
    if (!Array.isArray(data.choices)) {
      problem = bad('a chunk has no "choices" list');
      return;
    }
    const choice = data.choices[0];
    if (isObj(choice)) {
      const delta = isObj(choice.delta) ? choice.delta : undefined;
      if (typeof delta?.content === 'string') piece(delta.content);
      calls.add(delta?.tool_calls);
      if (typeof choice.finish_reason === 'string') result.finishReason = choice.finish_reason;
    }
    result.usage = usageOf(data.usage) ?? result.usage;
  }
}

function readResponsesEvent(
  data: Obj,
  piece: (d: string) => void,
  result: ChatResult,
  fail: (why: string) => void,
): void {
  const type = data.type;
  if (type === 'response.output_text.delta' && typeof data.delta === 'string') piece(data.delta);
  else if (type === 'response.completed' || type === 'response.incomplete') {
    const response = isObj(data.response) ? data.response : {};
    result.usage = usageOf(response.usage) ?? result.usage;
    const calls = responsesToolCalls(response.output);
    if (calls.length) result.toolCalls = calls;
    result.finishReason = type === 'response.completed' ? 'stop' : 'length';
    result.ended = true;
  } else if (type === 'response.failed' || type === 'error') {
    const response = isObj(data.response) ? data.response : data;
    const error = isObj(response.error) ? response.error : response;
    fail(String(error.message ?? 'the response failed'));
  }
}

function readWhole(
  text: string,
  responses: boolean,
  piece: (d: string) => void,
  result: ChatResult,
  who: string,
): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new EndpointError({ kind: 'badStream', who, status: result.status, serverMessage: 'the answer is not JSON' });
  }
  if (!isObj(data))
    throw new EndpointError({
      kind: 'badStream',
      who,
      status: result.status,
      serverMessage: 'the answer is not a JSON object',
    });
  if (responses) {
    const output = Array.isArray(data.output) ? data.output : [];
    const texts = output
      .flatMap((o) => (isObj(o) && Array.isArray(o.content) ? o.content : []))
      .flatMap((c) => (isObj(c) && c.type === 'output_text' && typeof c.text === 'string' ? [c.text] : []));
    piece(typeof data.output_text === 'string' && !texts.length ? data.output_text : texts.join(''));
    const calls = responsesToolCalls(data.output);
    if (calls.length) result.toolCalls = calls;
  } else {
    const choice = Array.isArray(data.choices) && isObj(data.choices[0]) ? data.choices[0] : undefined;
    if (!choice)
      throw new EndpointError({
        kind: 'badStream',
        who,
        status: result.status,
        serverMessage: 'the answer has no "choices"',
      });
    const message = isObj(choice.message) ? choice.message : {};
    if (typeof message.content === 'string') piece(message.content);
    const calls = wholeToolCalls(message.tool_calls);
    if (calls.length) result.toolCalls = calls;
    if (typeof choice.finish_reason === 'string') result.finishReason = choice.finish_reason;
  }
  result.usage = usageOf(data.usage);
  result.ended = true;
}

function transportError(e: unknown, who: string, user: AbortSignal | undefined, timedOut: boolean): EndpointError {
  if (user?.aborted) return new EndpointError({ kind: 'cancelled', who, cause: e });
  if (timedOut) return new EndpointError({ kind: 'timeout', who, cause: e });
  const code = String((e as { code?: unknown })?.code ?? '');
  return new EndpointError({ kind: 'network', who, serverMessage: code || (e as Error)?.message, cause: e });
}
