// What the fake Poe answers when a bot is called: a deterministic Markdown reply, its token counts and points, and
// the reply cut into OpenAI-style stream chunks. Exported so tests can assert the exact text and cost.

export interface FakeMessage {
  role: string;
  content: unknown;
}
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** The text a message carries: a string, or the text parts of a content array. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      p && typeof p === 'object' && (p as { type?: unknown }).type === 'text'
        ? String((p as { text?: unknown }).text ?? '')
        : '',
    )
    .join('');
}

/** About four characters a token, like the usual rule of thumb; never zero. */
export const tokensOf = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** The reply: who answered, how many messages it saw, and the last user message quoted back. */
export function fakeReply(model: string, messages: readonly FakeMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const quoted = messageText(last?.content)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const n = messages.length;
  return `**${model}** on the fake Poe read ${n} message${n === 1 ? '' : 's'}. You wrote:\n\n${quoted}\n\n- This reply is deterministic.\n- It came in several chunks.`;
}

export function usageOf(messages: readonly FakeMessage[], reply: string): FakeUsage {
  // A few tokens of framing per message, as OpenAI's counts have.
  const prompt = messages.reduce((sum, m) => sum + tokensOf(messageText(m.content)) + 4, 0);
  const completion = tokensOf(reply);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Points one answered message costs: half a point per input token, one per output token, rounded up. */
export const pointsFor = (u: FakeUsage): number => Math.ceil(u.prompt_tokens / 2) + u.completion_tokens;

/** The reply in pieces of about three words each (so a stream has several chunks, whatever the message). */
export function splitReply(reply: string): string[] {
  const words = reply.match(/\S+\s*|\s+/g) ?? [reply];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += 3) pieces.push(words.slice(i, i + 3).join(''));
  return pieces;
}

/** Server-sent events as OpenAI streams a chat completion: role, content deltas, finish, usage (if asked), [DONE]. */
export function sseChunks(
  id: string,
  created: number,
  model: string,
  reply: string,
  usage: FakeUsage | undefined,
): string[] {
  const withUsage = usage !== undefined;
  const chunk = (delta: object, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  });
  const events: object[] = [chunk({ role: 'assistant', content: '' }, null)];
  for (const piece of splitReply(reply)) events.push(chunk({ content: piece }, null));
  events.push(chunk({}, 'stop'));
  if (usage) events.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
  return [...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), 'data: [DONE]\n\n'];
}

export function completion(id: string, created: number, model: string, reply: string, usage: FakeUsage): object {
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
    usage,
  };
}
