// A reply's text, usage, finish reason and tool calls, read from what an endpoint sent: a stream of events (Chat
// Completions' chunks or the Responses API's events) or one whole body. chat() (chat.ts) makes the call around it.

import { isObj } from '../poe/json';
import type { ChatResult, Usage } from './chat';
import { EndpointError } from './errors';
import { readEvents } from './sse';
import { responsesToolCalls, ToolCallPieces, wholeToolCalls } from './toolCalls';

type Obj = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function usageOf(u: unknown): Usage | undefined {
  if (!isObj(u)) return undefined;
  const input = num(u.prompt_tokens) ?? num(u.input_tokens);
  const output = num(u.completion_tokens) ?? num(u.output_tokens);
  return input === undefined || output === undefined ? undefined : { inputTokens: input, outputTokens: output };
}

export async function readStream(
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

export function readWhole(
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
