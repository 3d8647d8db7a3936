// What the fake endpoint answers: a deterministic reply, its token counts, and the server-sent events of a stream in
// the Chat Completions and the Responses formats.

export interface Reply {
  text: string;
  words: string[];
  inputTokens: number;
  outputTokens: number;
  /** A model offered tools calls the one the message names (its arguments: the message, as {"query": …}). */
  toolCall?: { name: string; arguments: string };
}

const countTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function replyTo(model: string, lastUser: string, maxTokens?: number, tools: readonly string[] = []): Reply {
  const tool = tools.find((t) => lastUser.includes(t));
  if (tool) {
    const args = JSON.stringify({ query: lastUser.slice(0, 200) });
    return {
      text: '',
      words: [],
      inputTokens: countTokens(lastUser) + 8,
      outputTokens: countTokens(args),
      toolCall: { name: tool, arguments: args },
    };
  }
  let words = `Hello from ${model}. You said: ${lastUser.slice(0, 20_000)}`.split(/(?<= )/);
  if (maxTokens !== undefined) words = words.slice(0, Math.max(1, maxTokens));
  const text = words.join('');
  return { text, words, inputTokens: countTokens(lastUser) + 8, outputTokens: words.length };
}

export const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

export function chatChunks(model: string, reply: Reply, withUsage: boolean): string[] {
  const id = 'chatcmpl-fake';
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    sse({ id, object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] });
  const call = reply.toolCall;
  // A tool call streams as OpenAI's does: the name first, then the arguments in two fragments.
  const calling = call
    ? [
        chunk(
          {
            tool_calls: [{ index: 0, id: 'call_fake', type: 'function', function: { name: call.name, arguments: '' } }],
          },
          null,
        ),
        ...[call.arguments.slice(0, 5), call.arguments.slice(5)].map((a) =>
          chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] }, null),
        ),
      ]
    : [];
  const out = [
    chunk({ role: 'assistant', content: call ? null : '' }, null),
    ...reply.words.map((w) => chunk({ content: w }, null)),
    ...calling,
    chunk({}, call ? 'tool_calls' : 'stop'),
  ];
  if (withUsage) out.push(sse({ id, object: 'chat.completion.chunk', model, choices: [], usage: usage(reply) }));
  return out;
}

export function chatWhole(model: string, reply: Reply, withUsage: boolean): unknown {
  const call = reply.toolCall;
  const message = call
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_fake', type: 'function', function: { name: call.name, arguments: call.arguments } }],
      }
    : { role: 'assistant', content: reply.text };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    model,
    choices: [{ index: 0, message, finish_reason: call ? 'tool_calls' : 'stop' }],
    ...(withUsage ? { usage: usage(reply) } : {}),
  };
}

export function responsesEvents(model: string, reply: Reply, withUsage: boolean): string[] {
  const done = {
    id: 'resp-fake',
    object: 'response',
    model,
    status: 'completed',
    output: [responseMessage(reply)],
    ...(withUsage ? { usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens } } : {}),
  };
  return [
    sse({ type: 'response.created', response: { id: 'resp-fake', status: 'in_progress' } }),
    ...reply.words.map((w) => sse({ type: 'response.output_text.delta', delta: w })),
    sse({ type: 'response.completed', response: done }),
  ];
}

export function responsesWhole(model: string, reply: Reply, withUsage: boolean): unknown {
  return {
    id: 'resp-fake',
    object: 'response',
    model,
    status: 'completed',
    output: [responseMessage(reply)],
    ...(withUsage ? { usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens } } : {}),
  };
}

const responseMessage = (reply: Reply) =>
  reply.toolCall
    ? { type: 'function_call', call_id: 'call_fake', name: reply.toolCall.name, arguments: reply.toolCall.arguments }
    : { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: reply.text }] };
const usage = (reply: Reply) => ({
  prompt_tokens: reply.inputTokens,
  completion_tokens: reply.outputTokens,
  total_tokens: reply.inputTokens + reply.outputTokens,
});

/** Chat Completions chunks of 1,000 characters each, written as fast as the client reads, until it goes away. */
export function endlessChunks(res: {
  write(s: string): boolean;
  once(e: 'drain' | 'close', f: () => void): unknown;
}): void {
  const chunk = sse({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content: 'x'.repeat(1000) }, finish_reason: null }],
  });
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed)
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
  };
  pump();
}
