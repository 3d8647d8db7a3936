// The fake endpoint's checks of a request body, as a strict OpenAI-compatible server makes them: the model it
// serves, well-formed messages, known fields only (plus the parameters it declares), and features it supports.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const CHAT_FIELDS = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'user',
  'tools',
  'tool_choice',
];
const RESPONSES_FIELDS = [
  'model',
  'input',
  'stream',
  'max_output_tokens',
  'temperature',
  'top_p',
  'user',
  'tools',
  'tool_choice',
  'instructions',
];
const ROLES = ['system', 'user', 'assistant', 'developer', 'tool'];

export interface Features {
  models: string[];
  params: string[];
  images: boolean;
  tools: boolean;
  /** Values of its parameters it refuses, as a server does for an option it does not serve ("high" effort). */
  refuse?: Record<string, unknown[]>;
}

/** The last user message's text, after every check passed. */
export function checkBody(
  body: unknown,
  responses: boolean,
  f: Features,
): { model: string; lastUser: string; maxTokens?: number; tools: string[] } {
  if (!isObj(body)) throw new Refused(400, 'The request body must be a JSON object');
  const allowed = [...(responses ? RESPONSES_FIELDS : CHAT_FIELDS), ...f.params];
  for (const k of Object.keys(body))
    if (!allowed.includes(k))
      throw new Refused(400, `Unrecognized request argument supplied: ${k}`, 'unknown_parameter', k);
  if (typeof body.model !== 'string')
    throw new Refused(400, 'you must provide a model parameter', 'missing_parameter', 'model');
  if (!f.models.includes(body.model))
    throw new Refused(
      404,
      `The model \`${body.model}\` does not exist or you do not have access to it.`,
      'model_not_found',
      'model',
    );
  const messages = responses ? body.input : body.messages;
  if (!Array.isArray(messages) || !messages.length)
    throw new Refused(400, `'${responses ? 'input' : 'messages'}' must be a non-empty array`, 'invalid_value');
  let lastUser = '';
  for (const m of messages) {
    if (!isObj(m) || typeof m.role !== 'string' || !ROLES.includes(m.role))
      throw new Refused(400, 'Each message needs a role of system, user or assistant', 'invalid_value');
    if (typeof m.content === 'string') {
      if (m.role === 'user') lastUser = m.content;
      continue;
    }
    if (!Array.isArray(m.content))
      throw new Refused(400, 'A message content must be a string or a list of parts', 'invalid_value');
    for (const part of m.content) {
      if (isObj(part) && (part.type === 'image_url' || part.type === 'input_image') && !f.images)
        throw new Refused(400, 'This model does not accept image input', 'invalid_value');
      if (
        isObj(part) &&
        (part.type === 'text' || part.type === 'input_text') &&
        typeof part.text === 'string' &&
        m.role === 'user'
      )
        lastUser = part.text;
    }
  }
  if (body.tools !== undefined && !f.tools)
    throw new Refused(400, 'This model does not support tools', 'invalid_value', 'tools');
  if (body.tools !== undefined && !Array.isArray(body.tools))
    throw new Refused(400, "'tools' must be an array", 'invalid_value', 'tools');
  const tools = ((body.tools ?? []) as unknown[]).map((t) => {
    const name = isObj(t) && isObj(t.function) ? t.function.name : isObj(t) ? t.name : undefined;
    if (typeof name !== 'string') throw new Refused(400, 'Each tool needs a function name', 'invalid_value', 'tools');
    return name;
  });
  for (const [param, refused] of Object.entries(f.refuse ?? {})) {
    if (param in body && refused.some((v) => v === body[param]))
      throw new Refused(
        400,
        `Invalid value for '${param}': ${JSON.stringify(body[param])} is not supported by this model`,
        'invalid_value',
        param,
      );
  }
  if (body.stream_options !== undefined && body.stream !== true)
    throw new Refused(400, 'stream_options is only allowed when stream is true', 'invalid_value', 'stream_options');
  const cap = responses ? body.max_output_tokens : (body.max_tokens ?? body.max_completion_tokens);
  return { model: body.model, lastUser, maxTokens: typeof cap === 'number' ? cap : undefined, tools };
}
