// Check Endpoint: is this bot's endpoint right, as Poe will call it? In order: the address, the key and model, a
// stream as Poe reads it, the usage Poe bills from, then what the bot declares (images, tools, parameter defaults,
// context size). At most one small request per row, each with a timeout; the whole check cancellable; the key never
// in a row, a curl line or an error.

import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../poe/baseUrl';
import { redactStrings, rememberSecret } from '../poe/redact';
import type { ApiBotSettings } from '../poe/types';
import { loadUndici } from '../poe/undici';
import { chat } from './chat';
import { declaredRows, excerpt, explainFirst, responseLine, usageRow } from './checkRows';
import { EndpointError } from './errors';
import { listModels, type ModelInfo } from './models';
import { probe, ProbeError } from './probe';
import {
  ASSUMPTION,
  ROW_ORDER,
  ROWS,
  rowsNeeding,
  summarize,
  type CheckReport,
  type CheckRow,
  type RowId,
  type RowStatus,
} from './report';
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
  /** The address and the key only (a new key tried before it is rotated): every later row is skipped, unsent. */
  keyOnly?: boolean;
}

const CAP = 16;

export async function checkEndpoint(input: CheckInput, o: CheckOptions = {}): Promise<CheckReport> {
  rememberSecret(input.key);
  const s = input.settings;
  const timeoutMs = o.stepTimeoutMs ?? 20_000;
  const rows: CheckRow[] = [];
  // Every row is redacted as it is made (its summary and excerpts quote what the endpoint said), against every key
  // known by now, the one just used included.
  const add = (id: RowId, status: RowStatus, summary: string, extra: Partial<CheckRow> = {}) => {
    const row: CheckRow = redactStrings({ id, title: ROWS[id].title, status, summary, ...extra });
    rows.push(row);
    o.onRow?.(row, rows.length - 1);
    return row;
  };
  const undici = await loadUndici();
  const dispatcher: Dispatcher | undefined = o.ca ? new undici.Agent({ connect: { ca: o.ca } }) : undefined;
  const target: ChatTarget = {
    baseUrl: s.base_url ?? '',
    key: input.key,
    keyLabel: input.keyLabel,
    apiType: s.api_type,
    who: 'Your endpoint',
  };
  const model = s.model_name ?? '';
  const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model,
    messages: [{ role: 'user', content: 'Say hello in one word.' }],
    maxTokens: CAP,
    stream: false,
    ...extra,
  });
  const curl = (req: ChatRequest) => curlCommand(buildRequest(target, req), input.keyLabel);
  const call = async (req: ChatRequest) => {
    const t = performance.now();
    try {
      return {
        result: await chat(target, req, { signal: o.signal, timeoutMs, dispatcher }),
        ms: performance.now() - t,
      };
    } catch (e) {
      if (e instanceof EndpointError && e.kind !== 'cancelled') return { error: e, ms: performance.now() - t };
      throw e;
    }
  };
  let models: Promise<ModelInfo[] | undefined> | undefined;
  const modelList = () =>
    (models ??= listModels(target.baseUrl, input.key, { dispatcher, signal: o.signal, timeoutMs }));
  const skipRest = (from: RowId[], why: string) => {
    for (const id of from) add(id, 'skip', why);
  };
  // A row that failed skips every row that needs it, in the report's order, with the sentence the table gives.
  const failedSkip = (id: RowId) =>
    skipRest(rowsNeeding(id), (ROWS[id] as { unmet?: string }).unmet ?? 'Needs an earlier check to pass.');

  try {
    // 1. Address
    let url: URL;
    try {
      url = new URL(s.base_url ?? '');
    } catch {
      add('address', 'fail', `base_url ${JSON.stringify(s.base_url ?? '')} is not an address.`, {
        fix: 'Set base_url to your endpoint\'s https:// address, e.g. "https://api.example.com/v1".',
      });
      failedSkip('address');
      return done();
    }
    const local = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      add(
        'address',
        'fail',
        `${url.origin} is not https: Poe sends your endpoint key with every request, so it must be encrypted.`,
        { fix: 'Serve your endpoint over https and put that address in base_url.' },
      );
      failedSkip('address');
      return done();
    }
    const t0 = performance.now();
    try {
      const p = await probe(url, { timeoutMs, ca: o.ca, signal: o.signal });
      const cert = p.certificate
        ? ` TLS certificate for ${p.certificate.subject}, issued by ${p.certificate.issuer}, valid until ${p.certificate.validTo}.`
        : '';
      const where = `${url.host} resolves${p.address && p.address !== url.hostname ? ` to ${p.address}` : ''} and accepts connections.${cert}`;
      // An http server on this machine is for development only (a push refuses it); an https one gets a note.
      if (local && url.protocol === 'http:')
        add(
          'address',
          'warn',
          `${where} It is a plain http server on this machine, which Poe's servers cannot reach: fine while you develop.`,
          { fix: 'Before you push, give base_url an https:// address Poe can reach.', ms: performance.now() - t0 },
        );
      else
        add(
          'address',
          'pass',
          `${where}${local ? " (It is on this machine: Poe's servers reach it only through an address they can resolve.)" : ''}`,
          { ms: performance.now() - t0 },
        );
    } catch (e) {
      if (e instanceof ProbeError && e.stage === 'cancelled') throw e;
      const fix =
        e instanceof ProbeError && e.stage === 'tls'
          ? 'Use a certificate from a public authority for this host: Poe will refuse the one it has.'
          : 'Check the host name and port in base_url, and that the server is up.';
      add('address', 'fail', (e as Error).message, { fix, ms: performance.now() - t0 });
      failedSkip('address');
      return done();
    }

    // 2. Key and model
    const first = await call(ask());
    if (first.error) {
      const { summary, fix } = await explainFirst(first.error, input.keyLabel, model, modelList);
      add('keyModel', 'fail', summary, {
        fix,
        request: curl(ask()),
        response: responseLine(first.error),
        ms: first.ms,
      });
      failedSkip('keyModel');
      return done();
    }
    add(
      'keyModel',
      'pass',
      `The endpoint took the key from ${input.keyLabel} and answered as ${model}: "${excerpt(first.result.text)}".`,
      { request: curl(ask()), response: `${first.result.status} ${excerpt(first.result.text)}`, ms: first.ms },
    );
    if (o.keyOnly) {
      skipRest(ROW_ORDER.slice(ROW_ORDER.indexOf('keyModel') + 1), 'Not checked: only the key was tried.');
      return done();
    }

    // 3. Streaming, and 4. usage from the same stream
    const streamReq = ask({ stream: true });
    const streamed = await call(streamReq);
    if (streamed.error || !streamed.result.ended) {
      const why = streamed.error
        ? streamed.error.message
        : s.api_type === 'responses_api'
          ? 'The stream ended without a response.completed event.'
          : 'The stream ended without "data: [DONE]".';
      add('stream', 'fail', `${why} Poe streams every answer, so its users would see an error or a cut-off reply.`, {
        fix: 'Send server-sent events: "data: {json chunk}" lines with choices[].delta, then "data: [DONE]".',
        request: curl(streamReq),
        response: streamed.error ? responseLine(streamed.error) : undefined,
        ms: streamed.ms,
      });
      failedSkip('stream');
    } else {
      const r = streamed.result;
      const rate =
        r.usage && r.firstTokenMs !== undefined && r.totalMs > r.firstTokenMs
          ? ` · ${(r.usage.outputTokens / ((r.totalMs - r.firstTokenMs) / 1000)).toFixed(0)} tokens/s`
          : '';
      add(
        'stream',
        'pass',
        `A valid stream in ${r.chunks} pieces: first words after ${Math.round(r.firstTokenMs ?? r.totalMs)} ms${rate}.`,
        { request: curl(streamReq), response: `${r.status} ${excerpt(r.text)}`, ms: streamed.ms },
      );
      add('usage', ...usageRow(r, s));
    }

    // 5. What the bot declares
    await declaredRows(s, call, curl, ask, modelList, add);
    return done();
  } catch (e) {
    if (!(o.signal?.aborted || (e instanceof ProbeError && e.stage === 'cancelled'))) throw e;
    const missing = ROW_ORDER.filter((id) => !rows.some((r) => r.id === id));
    skipRest(missing, 'Cancelled.');
    return done();
  } finally {
    await dispatcher?.close().catch(() => undefined);
  }

  function done(): CheckReport {
    // Every row of the table is in every report, in its order: a row the table has and the check forgot is a bug.
    const made = rows.map((r) => r.id).join(',');
    if (made !== ROW_ORDER.join(','))
      throw new Error(`Check Endpoint made the rows ${made}, not ${ROW_ORDER.join(',')}`);
    return {
      handle: input.handle,
      baseUrl: s.base_url ?? '',
      rows,
      assumption: ASSUMPTION,
      ...summarize(input.handle, rows),
    };
  }
}
