// The rows of Check Endpoint that interpret what came back: why the first request failed (a rejected key, an unknown
// model with the closest id, a wrong path, ...), what the usage means in money, and what the bot declares.

import type { ApiBotSettings } from '../poe/types';
import { dollars, messageCost } from '../botfile/prices';
import type { ChatResult } from './chat';
import type { EndpointError } from './errors';
import { closestModel, type ModelInfo } from './models';
import type { CheckRow, RowId, RowStatus } from './report';
import type { ChatRequest } from './request';

const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TOOL = {
  type: 'function',
  function: { name: 'get_time', description: 'The current time', parameters: { type: 'object', properties: {} } },
};

export type Add = (id: RowId, status: RowStatus, summary: string, extra?: Partial<CheckRow>) => CheckRow;
export type Call = (
  req: ChatRequest,
) => Promise<
  { result: ChatResult; error?: undefined; ms: number } | { error: EndpointError; result?: undefined; ms: number }
>;

export async function explainFirst(
  e: EndpointError,
  keyLabel: string,
  model: string,
  modelList: () => Promise<ModelInfo[] | undefined>,
): Promise<{ summary: string; fix?: string }> {
  if (e.kind === 'auth')
    return {
      summary: `The endpoint rejected the key from ${keyLabel} (${e.status}).`,
      fix: `Store the endpoint's current key under ${keyLabel}${keyLabel.startsWith('${secret:') ? ' ("Poe: Set Endpoint Secret")' : ''}.`,
    };
  if (e.kind === 'redirect')
    return { summary: e.message, fix: `Set base_url to ${e.location ?? 'the address it redirects to'}.` };
  if (e.kind === 'notFound') {
    const list = await modelList();
    const mentionsModel = e.serverCode === 'model_not_found' || /model/i.test(e.serverMessage ?? '');
    if (mentionsModel || (list && !list.some((m) => m.id === model))) {
      const near =
        list &&
        closestModel(
          model,
          list.map((m) => m.id),
        );
      const served = list?.length
        ? ` It serves: ${list
            .slice(0, 8)
            .map((m) => m.id)
            .join(', ')}${list.length > 8 ? ', …' : ''}.`
        : '';
      return {
        summary: `The endpoint does not know the model "${model}".${served}`,
        fix: near ? `Did you mean "${near}"? Set model_name to it.` : 'Set model_name to a model the endpoint serves.',
      };
    }
    return {
      summary: `Nothing answers at this path (404${e.serverMessage ? `: ${e.serverMessage}` : ''}).`,
      fix: "Check base_url's path: it should be the part before /chat/completions (it often ends in /v1).",
    };
  }
  if (e.kind === 'invalid')
    return {
      summary: `The endpoint refused the request: ${e.serverMessage ?? e.message}`,
      fix: 'Fix what the endpoint names: Poe will send the same request.',
    };
  if (e.kind === 'timeout')
    return {
      summary: "The endpoint did not answer within the step's time limit.",
      fix: 'Check that it is up and not overloaded.',
    };
  return { summary: e.message, fix: e.kind === 'server' ? "Look at the endpoint's own logs." : undefined };
}

export function usageRow(r: ChatResult, s: ApiBotSettings): [RowStatus, string, Partial<CheckRow>] {
  if (!r.usage) {
    return [
      'fail',
      'The stream reports no usage. Poe bills its users from the usage your endpoint reports, so you would earn nothing for these messages.',
      {
        fix:
          s.api_type === 'responses_api'
            ? 'Put usage (input_tokens, output_tokens) in the response.completed event.'
            : 'Honour stream_options.include_usage: send a last chunk with usage (prompt_tokens, completion_tokens) and an empty choices list.',
      },
    ];
  }
  const u = r.usage;
  const cost = messageCost(s.pricing, u);
  const thousand = messageCost(s.pricing, { inputTokens: 1000, outputTokens: 1000 });
  const price =
    cost === undefined
      ? ' The file sets no pricing, so Poe users pay nothing for it.'
      : ` At the file's prices this message costs a Poe user ${dollars(cost)}; a 1,000-in / 1,000-out message costs ${dollars(thousand!)}.`;
  return [
    cost === undefined ? 'warn' : 'pass',
    `Usage reported: ${u.inputTokens} in, ${u.outputTokens} out.${price}`,
    cost === undefined ? { fix: 'Add pricing to api_bot_settings (US dollars per token).' } : {},
  ];
}

export async function declaredRows(
  s: ApiBotSettings,
  call: Call,
  curl: (r: ChatRequest) => string,
  ask: (x?: Partial<ChatRequest>) => ChatRequest,
  modelList: () => Promise<ModelInfo[] | undefined>,
  add: Add,
): Promise<void> {
  const tryOne = async (id: RowId, req: ChatRequest, pass: string, fix: string) => {
    const r = await call(req);
    if (r.error)
      add(id, 'fail', `The endpoint refused it: ${r.error.serverMessage ?? r.error.message}`, {
        fix,
        request: curl(req),
        response: responseLine(r.error),
        ms: r.ms,
      });
    else
      add(id, 'pass', pass, { request: curl(req), response: `${r.result.status} ${excerpt(r.result.text)}`, ms: r.ms });
  };
  if (s.input_modalities?.includes('image')) {
    await tryOne(
      'image',
      ask({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image? One word.' },
              { type: 'image_url', image_url: { url: TINY_PNG } },
            ],
          },
        ],
      }),
      'A message with an image was accepted.',
      'Remove "image" from input_modalities, or serve a model that takes images.',
    );
  } else add('image', 'skip', 'The bot does not declare image input.');
  if (s.supported_features?.includes('tools')) {
    await tryOne(
      'tools',
      ask({ tools: [TOOL] }),
      'A request with a tool was accepted.',
      'Remove "tools" from supported_features, or enable function calling on the endpoint.',
    );
  } else add('tools', 'skip', 'The bot does not declare tools.');
  const defaults = Object.fromEntries(
    (s.param_definitions ?? [])
      .filter((d) => d.param_dest === 'extra_body' && d.default_value !== undefined)
      .map((d) => [d.param_name, d.default_value]),
  );
  if (Object.keys(defaults).length) {
    await tryOne(
      'params',
      ask({ params: defaults }),
      `Every parameter default was accepted as a top-level field (${Object.keys(defaults).join(', ')}).`,
      'Accept these fields on the endpoint, or change param_definitions.',
    );
  } else add('params', 'skip', 'The bot declares no parameter defaults.');
  const declaredSize = s.context_size ?? s.max_input_tokens;
  if (declaredSize === undefined) {
    add('context', 'skip', 'The bot declares no context_size or max_input_tokens.');
    return;
  }
  const t = performance.now();
  const reported = (await modelList())?.find((m) => m.id === s.model_name)?.contextLength;
  if (reported === undefined)
    add('context', 'skip', "The endpoint's model list does not report a context length to compare with.", {
      ms: performance.now() - t,
    });
  else if (declaredSize > reported)
    add(
      'context',
      'fail',
      `The bot declares ${declaredSize.toLocaleString('en-US')} tokens; the endpoint reports ${reported.toLocaleString('en-US')} for ${s.model_name}.`,
      {
        fix: `Lower context_size / max_input_tokens to ${reported.toLocaleString('en-US')} or less.`,
        ms: performance.now() - t,
      },
    );
  else
    add(
      'context',
      'pass',
      `The declared ${declaredSize.toLocaleString('en-US')} tokens fit the ${reported.toLocaleString('en-US')} the endpoint reports.`,
      { ms: performance.now() - t },
    );
}

export const excerpt = (text: string) =>
  (text.length > 80 ? `${text.slice(0, 80)}…` : text).replace(/\s+/g, ' ').trim();
export const responseLine = (e: EndpointError) =>
  `${e.status ?? e.kind}${e.serverMessage ? ` ${excerpt(e.serverMessage)}` : ''}`;
