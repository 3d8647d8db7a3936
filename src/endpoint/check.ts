// Check Endpoint: is this bot's endpoint right, as Poe will call it? In order: the address, the key and model, a
// stream as Poe reads it, the usage Poe bills from, then what the bot declares (images, tools, parameter defaults,
// context size). At most one small request per row, each with a timeout; the whole check cancellable; the key never
// in a row, a curl line or an error.

import type { Dispatcher } from 'undici';
import { dollars, messageCost } from '../botfile/prices';
import { isLoopbackHost } from '../poe/baseUrl';
import { rememberSecret } from '../poe/redact';
import type { ApiBotSettings } from '../poe/types';
import { loadUndici } from '../poe/undici';
import { chat, type ChatResult } from './chat';
import { EndpointError } from './errors';
import { closestModel, listModels, type ModelInfo } from './models';
import { probe, ProbeError } from './probe';
import { ASSUMPTION, TITLES, summarize, type CheckReport, type CheckRow, type RowId, type RowStatus } from './report';
import { buildRequest, curlCommand, type ChatRequest, type ChatTarget } from './request';

export interface CheckInput {
  handle: string;
  settings: ApiBotSettings;
  /** The endpoint key, resolved; and how to name it ("${secret:NAME}"), never printed itself. */
  key: string;
  keyLabel: string;
}

export interface CheckOptions {
  signal?: AbortSignal;
  /** Each step's limit (default 20 s). */
  stepTimeoutMs?: number;
  /** A certificate authority to trust besides the system's (tests, a local server with its own certificate). */
  ca?: string | Buffer;
  onRow?(row: CheckRow, index: number): void;
}

const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TOOL = { type: 'function', function: { name: 'get_time', description: 'The current time', parameters: { type: 'object', properties: {} } } };
const CAP = 16;

export async function checkEndpoint(input: CheckInput, o: CheckOptions = {}): Promise<CheckReport> {
  rememberSecret(input.key);
  const s = input.settings;
  const timeoutMs = o.stepTimeoutMs ?? 20_000;
  const rows: CheckRow[] = [];
  const add = (id: RowId, status: RowStatus, summary: string, extra: Partial<CheckRow> = {}) => {
    const row: CheckRow = { id, title: TITLES[id], status, summary, ...extra };
    rows.push(row);
    o.onRow?.(row, rows.length - 1);
    return row;
  };
  const undici = await loadUndici();
  const dispatcher: Dispatcher | undefined = o.ca ? new undici.Agent({ connect: { ca: o.ca } }) : undefined;
  const target: ChatTarget = { baseUrl: s.base_url ?? '', key: input.key, keyLabel: input.keyLabel, apiType: s.api_type, who: 'Your endpoint' };
  const model = s.model_name ?? '';
  const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: 'user', content: 'Say hello in one word.' }], maxTokens: CAP, stream: false, ...extra });
  const curl = (req: ChatRequest) => curlCommand(buildRequest(target, req), input.keyLabel);
  const call = async (req: ChatRequest) => {
    const t = performance.now();
    try { return { result: await chat(target, req, { signal: o.signal, timeoutMs, dispatcher }), ms: performance.now() - t }; } catch (e) {
      if (e instanceof EndpointError && e.kind !== 'cancelled') return { error: e, ms: performance.now() - t };
      throw e;
    }
  };
  let models: Promise<ModelInfo[] | undefined> | undefined;
  const modelList = () => (models ??= listModels(target.baseUrl, input.key, { dispatcher, signal: o.signal, timeoutMs }));
  const skipRest = (from: RowId[], why: string) => { for (const id of from) add(id, 'skip', why); };
  const declared = (['image', 'tools', 'params', 'context'] as RowId[]);

  try {
    // 1. Address
    let url: URL;
    try { url = new URL(s.base_url ?? ''); } catch {
      add('address', 'fail', `base_url ${JSON.stringify(s.base_url ?? '')} is not an address.`, { fix: 'Set base_url to your endpoint\'s https:// address, e.g. "https://api.example.com/v1".' });
      skipRest(['keyModel', 'stream', 'usage', ...declared], 'Needs a working address.');
      return done();
    }
    const local = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      add('address', 'fail', `${url.origin} is not https: Poe sends your endpoint key with every request, so it must be encrypted.`, { fix: 'Serve your endpoint over https and put that address in base_url.' });
      skipRest(['keyModel', 'stream', 'usage', ...declared], 'Needs a working address.');
      return done();
    }
    const t0 = performance.now();
    try {
      const p = await probe(url, { timeoutMs, ca: o.ca, signal: o.signal });
      const cert = p.certificate ? ` TLS certificate for ${p.certificate.subject}, issued by ${p.certificate.issuer}, valid until ${p.certificate.validTo}.` : '';
      const where = `${url.host} resolves${p.address && p.address !== url.hostname ? ` to ${p.address}` : ''} and accepts connections.${cert}`;
      // An http server on this machine is for development only (a push refuses it); an https one gets a note.
      if (local && url.protocol === 'http:') add('address', 'warn', `${where} It is a plain http server on this machine, which Poe's servers cannot reach: fine while you develop.`, { fix: 'Before you push, give base_url an https:// address Poe can reach.', ms: performance.now() - t0 });
      else add('address', 'pass', `${where}${local ? ' (It is on this machine: Poe\'s servers reach it only through an address they can resolve.)' : ''}`, { ms: performance.now() - t0 });
    } catch (e) {
      if (e instanceof ProbeError && e.stage === 'cancelled') throw e;
      const fix = e instanceof ProbeError && e.stage === 'tls' ? 'Use a certificate from a public authority for this host: Poe will refuse the one it has.' : 'Check the host name and port in base_url, and that the server is up.';
      add('address', 'fail', (e as Error).message, { fix, ms: performance.now() - t0 });
      skipRest(['keyModel', 'stream', 'usage', ...declared], 'Needs a working address.');
      return done();
    }

    // 2. Key and model
    const first = await call(ask());
    if (first.error) {
      const { summary, fix } = await explainFirst(first.error, input.keyLabel, model, modelList);
      add('keyModel', 'fail', summary, { fix, request: curl(ask()), response: responseLine(first.error), ms: first.ms });
      skipRest(['stream', 'usage', ...declared], 'Needs the key and model to work.');
      return done();
    }
    add('keyModel', 'pass', `The endpoint took the key from ${input.keyLabel} and answered as ${model}: "${excerpt(first.result.text)}".`, { request: curl(ask()), response: `${first.result.status} ${excerpt(first.result.text)}`, ms: first.ms });

    // 3. Streaming, and 4. usage from the same stream
    const streamReq = ask({ stream: true });
    const streamed = await call(streamReq);
    if (streamed.error || !streamed.result.ended) {
      const why = streamed.error ? streamed.error.message : s.api_type === 'responses_api' ? 'The stream ended without a response.completed event.' : 'The stream ended without "data: [DONE]".';
      add('stream', 'fail', `${why} Poe streams every answer, so its users would see an error or a cut-off reply.`, { fix: 'Send server-sent events: "data: {json chunk}" lines with choices[].delta, then "data: [DONE]".', request: curl(streamReq), response: streamed.error ? responseLine(streamed.error) : undefined, ms: streamed.ms });
      add('usage', 'skip', 'Needs a stream Poe can read.');
    } else {
      const r = streamed.result;
      const rate = r.usage && r.firstTokenMs !== undefined && r.totalMs > r.firstTokenMs ? ` · ${(r.usage.outputTokens / ((r.totalMs - r.firstTokenMs) / 1000)).toFixed(0)} tokens/s` : '';
      add('stream', 'pass', `A valid stream in ${r.chunks} pieces: first words after ${Math.round(r.firstTokenMs ?? r.totalMs)} ms${rate}.`, { request: curl(streamReq), response: `${r.status} ${excerpt(r.text)}`, ms: streamed.ms });
      add('usage', ...usageRow(r, s));
    }

    // 5. What the bot declares
    await declaredRows(s, call, curl, ask, modelList, add);
    return done();
  } catch (e) {
    if (!(o.signal?.aborted || (e instanceof ProbeError && e.stage === 'cancelled'))) throw e;
    const missing = (['address', 'keyModel', 'stream', 'usage', ...declared] as RowId[]).filter((id) => !rows.some((r) => r.id === id));
    skipRest(missing, 'Cancelled.');
    return done();
  } finally {
    await dispatcher?.close().catch(() => undefined);
  }

  function done(): CheckReport {
    return { handle: input.handle, baseUrl: s.base_url ?? '', rows, assumption: ASSUMPTION, ...summarize(input.handle, rows) };
  }
}

type Add = (id: RowId, status: RowStatus, summary: string, extra?: Partial<CheckRow>) => CheckRow;
type Call = (req: ChatRequest) => Promise<{ result: ChatResult; error?: undefined; ms: number } | { error: EndpointError; result?: undefined; ms: number }>;

async function explainFirst(e: EndpointError, keyLabel: string, model: string, modelList: () => Promise<ModelInfo[] | undefined>): Promise<{ summary: string; fix?: string }> {
  if (e.kind === 'auth') return { summary: `The endpoint rejected the key from ${keyLabel} (${e.status}).`, fix: `Store the endpoint's current key under ${keyLabel}${keyLabel.startsWith('${secret:') ? ' ("Poe: Set Endpoint Secret")' : ''}.` };
  if (e.kind === 'redirect') return { summary: e.message, fix: `Set base_url to ${e.location ?? 'the address it redirects to'}.` };
  if (e.kind === 'notFound') {
    const list = await modelList();
    const mentionsModel = e.serverCode === 'model_not_found' || /model/i.test(e.serverMessage ?? '');
    if (mentionsModel || (list && !list.some((m) => m.id === model))) {
      const near = list && closestModel(model, list.map((m) => m.id));
      const served = list?.length ? ` It serves: ${list.slice(0, 8).map((m) => m.id).join(', ')}${list.length > 8 ? ', …' : ''}.` : '';
      return { summary: `The endpoint does not know the model "${model}".${served}`, fix: near ? `Did you mean "${near}"? Set model_name to it.` : 'Set model_name to a model the endpoint serves.' };
    }
    return { summary: `Nothing answers at this path (404${e.serverMessage ? `: ${e.serverMessage}` : ''}).`, fix: 'Check base_url\'s path: it should be the part before /chat/completions (it often ends in /v1).' };
  }
  if (e.kind === 'invalid') return { summary: `The endpoint refused the request: ${e.serverMessage ?? e.message}`, fix: 'Fix what the endpoint names: Poe will send the same request.' };
  if (e.kind === 'timeout') return { summary: 'The endpoint did not answer within the step\'s time limit.', fix: 'Check that it is up and not overloaded.' };
  return { summary: e.message, fix: e.kind === 'server' ? 'Look at the endpoint\'s own logs.' : undefined };
}

function usageRow(r: ChatResult, s: ApiBotSettings): [RowStatus, string, Partial<CheckRow>] {
  if (!r.usage) {
    return ['fail', 'The stream reports no usage. Poe bills its users from the usage your endpoint reports, so you would earn nothing for these messages.', { fix: s.api_type === 'responses_api' ? 'Put usage (input_tokens, output_tokens) in the response.completed event.' : 'Honour stream_options.include_usage: send a last chunk with usage (prompt_tokens, completion_tokens) and an empty choices list.' }];
  }
  const u = r.usage;
  const cost = messageCost(s.pricing, u);
  const thousand = messageCost(s.pricing, { inputTokens: 1000, outputTokens: 1000 });
  const price = cost === undefined ? ' The file sets no pricing, so Poe users pay nothing for it.' : ` At the file's prices this message costs a Poe user ${dollars(cost)}; a 1,000-in / 1,000-out message costs ${dollars(thousand!)}.`;
  return [cost === undefined ? 'warn' : 'pass', `Usage reported: ${u.inputTokens} in, ${u.outputTokens} out.${price}`, cost === undefined ? { fix: 'Add pricing to api_bot_settings (US dollars per token).' } : {}];
}

async function declaredRows(s: ApiBotSettings, call: Call, curl: (r: ChatRequest) => string, ask: (x?: Partial<ChatRequest>) => ChatRequest, modelList: () => Promise<ModelInfo[] | undefined>, add: Add): Promise<void> {
  const tryOne = async (id: RowId, req: ChatRequest, pass: string, fix: string) => {
    const r = await call(req);
    if (r.error) add(id, 'fail', `The endpoint refused it: ${r.error.serverMessage ?? r.error.message}`, { fix, request: curl(req), response: responseLine(r.error), ms: r.ms });
    else add(id, 'pass', pass, { request: curl(req), response: `${r.result.status} ${excerpt(r.result.text)}`, ms: r.ms });
  };
  if (s.input_modalities?.includes('image')) {
    await tryOne('image', ask({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image? One word.' }, { type: 'image_url', image_url: { url: TINY_PNG } }] }] }),
      'A message with an image was accepted.', 'Remove "image" from input_modalities, or serve a model that takes images.');
  } else add('image', 'skip', 'The bot does not declare image input.');
  if (s.supported_features?.includes('tools')) {
    await tryOne('tools', ask({ tools: [TOOL] }), 'A request with a tool was accepted.', 'Remove "tools" from supported_features, or enable function calling on the endpoint.');
  } else add('tools', 'skip', 'The bot does not declare tools.');
  const defaults = Object.fromEntries((s.param_definitions ?? []).filter((d) => d.param_dest === 'extra_body' && d.default_value !== undefined).map((d) => [d.param_name, d.default_value]));
  if (Object.keys(defaults).length) {
    await tryOne('params', ask({ params: defaults }), `Every parameter default was accepted as a top-level field (${Object.keys(defaults).join(', ')}).`, 'Accept these fields on the endpoint, or change param_definitions.');
  } else add('params', 'skip', 'The bot declares no parameter defaults.');
  const declaredSize = s.context_size ?? s.max_input_tokens;
  if (declaredSize === undefined) { add('context', 'skip', 'The bot declares no context_size or max_input_tokens.'); return; }
  const t = performance.now();
  const reported = (await modelList())?.find((m) => m.id === s.model_name)?.contextLength;
  if (reported === undefined) add('context', 'skip', 'The endpoint\'s model list does not report a context length to compare with.', { ms: performance.now() - t });
  else if (declaredSize > reported) add('context', 'fail', `The bot declares ${declaredSize.toLocaleString('en-US')} tokens; the endpoint reports ${reported.toLocaleString('en-US')} for ${s.model_name}.`, { fix: `Lower context_size / max_input_tokens to ${reported.toLocaleString('en-US')} or less.`, ms: performance.now() - t });
  else add('context', 'pass', `The declared ${declaredSize.toLocaleString('en-US')} tokens fit the ${reported.toLocaleString('en-US')} the endpoint reports.`, { ms: performance.now() - t });
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text).replace(/\s+/g, ' ').trim();
const responseLine = (e: EndpointError) => `${e.status ?? e.kind}${e.serverMessage ? ` ${excerpt(e.serverMessage)}` : ''}`;
