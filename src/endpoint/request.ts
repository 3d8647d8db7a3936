// The request an OpenAI-compatible endpoint gets, built the way the OpenAI SDK builds it (which is how Poe is
// understood to call a creator's endpoint; its docs do not show the exact request): POST {base}/chat/completions or
// {base}/responses, the model, the messages, and each extra_body parameter as a top-level field.

import type { ApiType } from '../poe/types';

export interface ChatTarget {
  /** The endpoint's base URL, e.g. https://api.example.com/v1 (its path is kept). */
  baseUrl: string;
  key: string;
  /** How to name the key in messages and in curl: "${secret:NAME}", "$POE_API_KEY" (never the key itself). */
  keyLabel: string;
  apiType?: ApiType;
  /** Who answers, in messages: "Your endpoint", "Poe". */
  who?: string;
}

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Top-level fields (Poe's param_definitions with param_dest "extra_body"). */
  params?: Record<string, unknown>;
  /** A cap on output tokens (max_tokens, or max_output_tokens for the Responses API). */
  maxTokens?: number;
  stream: boolean;
  tools?: unknown[];
}

export interface BuiltRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** {base}/{path}, keeping the base's own path and never doubling a slash. */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function buildRequest(target: ChatTarget, req: ChatRequest): BuiltRequest {
  const responses = target.apiType === 'responses_api';
  const body: Record<string, unknown> = responses
    ? { model: req.model, input: req.messages, ...(req.maxTokens ? { max_output_tokens: req.maxTokens } : {}) }
    : { model: req.model, messages: req.messages, ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}) };
  if (req.tools?.length) body.tools = req.tools;
  if (req.stream) {
    body.stream = true;
    if (!responses) body.stream_options = { include_usage: true };
  }
  Object.assign(body, req.params ?? {});
  return {
    url: endpointUrl(target.baseUrl, responses ? 'responses' : 'chat/completions'),
    headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json', accept: 'application/json' },
    body,
  };
}

/** The request as a curl command a creator can paste, the key shown only as its label. */
export function curlCommand(built: BuiltRequest, keyLabel: string): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const headers = Object.entries(built.headers).map(
    ([k, v]) => `  -H ${quote(`${k}: ${k === 'authorization' ? `Bearer ${keyLabel}` : v}`)}`,
  );
  return [`curl ${quote(built.url)}`, ...headers, `  -d ${quote(JSON.stringify(built.body))}`].join(' \\\n');
}
