// The fake's check of a chat completions body, strict like the rest of the fake: OpenAI's documented fields only
// (custom parameters cannot pass through Poe's API), a model, and messages with known roles and content shapes.

const ROLES = ['system', 'user', 'assistant', 'tool'];
const FIELDS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'n',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'user',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'response_format',
  'reasoning_effort',
]);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with the body, in OpenAI's words where it has some; undefined when it is fine. */
export function checkChatBody(body: unknown): string | undefined {
  if (!isObj(body)) return 'The request body must be a JSON object';
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown) return `Unrecognized request argument supplied: ${unknown}`;
  if (typeof body.model !== 'string' || !body.model) return 'You must provide a model parameter';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages must be a non-empty array';
  for (const [i, m] of body.messages.entries()) {
    const problem = checkMessage(m, i);
    if (problem) return problem;
  }
  if (!body.messages.some((m) => (m as { role: string }).role === 'user'))
    return 'messages must include a user message';
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return 'stream must be a boolean';
  if (body.stream_options !== undefined) {
    if (body.stream !== true) return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
    if (
      !isObj(body.stream_options) ||
      (body.stream_options.include_usage !== undefined && typeof body.stream_options.include_usage !== 'boolean')
    ) {
      return 'stream_options must be an object with an optional boolean include_usage';
    }
  }
  if (body.n !== undefined && body.n !== 1) return 'n must be 1';
  for (const k of ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens']) {
    if (body[k] !== undefined && (typeof body[k] !== 'number' || !Number.isFinite(body[k])))
      return `${k} must be a number`;
  }
  return undefined;
}

function checkMessage(m: unknown, i: number): string | undefined {
  if (!isObj(m)) return `messages[${i}] must be an object`;
  if (typeof m.role !== 'string' || !ROLES.includes(m.role))
    return `messages[${i}].role must be one of ${ROLES.join(', ')}`;
  const c = m.content;
  if (typeof c === 'string') return undefined;
  if (c === null && m.role === 'assistant' && Array.isArray(m.tool_calls)) return undefined;
  if (!Array.isArray(c)) return `messages[${i}].content must be a string or an array of content parts`;
  for (const [j, p] of c.entries()) {
    const ok =
      isObj(p) &&
      ((p.type === 'text' && typeof p.text === 'string') ||
        (p.type === 'image_url' && isObj(p.image_url) && typeof p.image_url.url === 'string'));
    if (!ok)
      return `messages[${i}].content[${j}] must be {"type":"text","text":…} or {"type":"image_url","image_url":{"url":…}}`;
  }
  return undefined;
}
