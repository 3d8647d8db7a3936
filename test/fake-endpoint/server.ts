// A strict in-memory OpenAI-compatible endpoint, like a creator's, on 127.0.0.1 (http, or https with the test
// certificate in tls/): Chat Completions, the Responses API and /models, with modes for every way an endpoint goes
// wrong. Used by the endpoint checker's tests, Try Bot's direct route, and the sandbox's demo bots.

import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Refused, checkBody, type Features } from './checks';
import { writeHugeBody } from '../fake-poe/hugeBody';
import { chatChunks, chatWhole, endlessChunks, replyTo, responsesEvents, responsesWhole, sse } from './replies';

// echoKey: a careless (or hostile) endpoint that quotes the key it received, in its replies (split across two stream
// pieces) and in its refusals (deep enough in a long message that a cut at 80-160 characters goes through it).
export type EndpointMode =
  | 'ok'
  | 'wrongKey'
  | 'unknownModel'
  | 'noUsage'
  | 'brokenStream'
  | 'slow'
  | 'serverError'
  | 'responses'
  | 'echoKey'
  // Misbehaving without limit: the end marker then an open connection; one line that never ends; a reply that never
  // ends (small chunks forever); a 300 MB answer (models and whole answers); an error page that never ends.
  | 'doneThenHang'
  | 'responsesThenHang'
  | 'endlessLine'
  | 'endlessReply'
  | 'hugeAnswer'
  | 'hugeError';
export const MODES: EndpointMode[] = [
  'ok',
  'wrongKey',
  'unknownModel',
  'noUsage',
  'brokenStream',
  'slow',
  'serverError',
  'responses',
  'echoKey',
  'doneThenHang',
  'responsesThenHang',
  'endlessLine',
  'endlessReply',
  'hugeAnswer',
  'hugeError',
];
const HUGE = 300 * 1024 * 1024;

export const FAKE_ENDPOINT_KEY = 'sk-fake-endpoint-0123456789';
export const DEFAULT_MODELS = ['zai-org/glm-4.6', 'example-provider/model-1', 'my-model'];

export interface FakeEndpointOptions {
  port?: number;
  mode?: EndpointMode;
  /** https with the test certificate (tls/cert.pem), at https://localhost:<port>/v1. */
  tls?: boolean;
  key?: string;
  models?: string[];
  /** Extra top-level parameters it accepts (extra_body fields). */
  params?: string[];
  images?: boolean;
  tools?: boolean;
  /** What /models reports as each model's context length. */
  contextLength?: number;
  /** Answer every request with a redirect to this address. */
  redirectTo?: string;
  /** Think this long before answering any request, as every real model server does (for measurements). */
  latencyMs?: number;
  /** Parameter values it refuses with a 400 ({"reasoning_effort": ["high"]}), as a server that does not serve one. */
  refuse?: Record<string, unknown[]>;
}

export interface LoggedCall {
  method: string;
  path: string;
  status: number | 'open';
  body?: unknown;
  authorized: boolean;
}

/** The test certificate's folder, found from wherever this file was bundled to (out/test/…, out/bench, …). */
const TLS_DIR = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test/fake-endpoint/tls');
    if (fs.existsSync(path.join(candidate, 'cert.pem'))) return candidate;
  }
  throw new Error('test/fake-endpoint/tls/cert.pem not found above ' + __dirname);
})();
export const TEST_CA = () => fs.readFileSync(path.join(TLS_DIR, 'cert.pem'), 'utf8');

const error = (message: string, type: string, code?: string, param?: string) =>
  JSON.stringify({ error: { message, type, code: code ?? null, param: param ?? null } });

export class FakeEndpoint {
  readonly log: LoggedCall[] = [];
  mode: EndpointMode;
  readonly key: string;
  private readonly features: Features;
  private readonly open = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    private readonly opts: FakeEndpointOptions,
  ) {
    this.mode = opts.mode ?? 'ok';
    this.key = opts.key ?? FAKE_ENDPOINT_KEY;
    this.features = {
      models: opts.models ?? DEFAULT_MODELS,
      params: opts.params ?? ['enable_thinking', 'reasoning_effort', 'temperature'],
      images: opts.images ?? true,
      tools: opts.tools ?? true,
      refuse: opts.refuse,
    };
  }

  static async start(opts: FakeEndpointOptions = {}): Promise<FakeEndpoint> {
    const holder: { fake?: FakeEndpoint } = {};
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      void holder.fake!.handle(req, res);
    };
    const server = opts.tls
      ? https.createServer({ cert: TEST_CA(), key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')) }, handler)
      : http.createServer(handler);
    const fake = (holder.fake = new FakeEndpoint(server, opts));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** The base URL a bot file would give: .../v1. */
  get url(): string {
    return `${this.opts.tls ? 'https://localhost' : 'http://127.0.0.1'}:${this.port}/v1`;
  }
  setMode(mode: EndpointMode): void {
    this.mode = mode;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => {
        s += c;
      });
      req.on('end', () => resolve(s));
    });
    if (url.pathname.startsWith('/__fake/')) {
      this.admin(req.method ?? 'GET', url.pathname, raw, res);
      return;
    }
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    const entry: LoggedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 'open',
      authorized: req.headers.authorization === `Bearer ${this.key}`,
    };
    if (raw) {
      try {
        entry.body = JSON.parse(raw);
      } catch {
        entry.body = raw;
      }
    }
    this.log.push(entry);
    const send = (status: number, body: string, type = 'application/json') => {
      entry.status = status;
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (this.opts.redirectTo) {
      entry.status = 307;
      res.writeHead(307, { location: this.opts.redirectTo });
      res.end();
      return;
    }

    const responses = this.mode === 'responses' || this.mode === 'responsesThenHang';
    const route = `${req.method} ${url.pathname}`;
    const known = ['GET /v1/models', 'POST /v1/chat/completions', 'POST /v1/responses'];
    if (
      !known.includes(route) ||
      (responses && route === 'POST /v1/chat/completions') ||
      (!responses && route === 'POST /v1/responses')
    ) {
      return send(404, '<html><head><title>404 Not Found</title></head><body>Not Found</body></html>', 'text/html');
    }
    const received = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (this.mode === 'echoKey' && !entry.authorized) {
      return send(
        401,
        error(
          `${'The key you sent was not accepted by this endpoint; '.repeat(3).slice(0, 150)}you sent: ${received}`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    if (!entry.authorized || this.mode === 'wrongKey')
      return send(401, error('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    const models =
      this.mode === 'unknownModel' ? this.features.models.map((m) => `${m}-instruct`) : this.features.models;
    const huge = (status: number, prefix: string) => {
      entry.status = status;
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
      res.writeHead(status, { 'content-type': 'application/json' });
      writeHugeBody(res, this.mode === 'hugeError' ? 'endless' : HUGE, prefix);
    };
    if (this.mode === 'hugeError') return huge(500, '{"error": {"message": "');
    if (route === 'GET /v1/models') {
      if (this.mode === 'hugeAnswer') return huge(200, '{"object": "list", "data": [{"id": "');
      return send(
        200,
        JSON.stringify({
          object: 'list',
          data: models.map((id) => ({
            id,
            object: 'model',
            owned_by: 'fake',
            ...(this.opts.contextLength ? { context_length: this.opts.contextLength } : {}),
          })),
        }),
      );
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return send(400, error('Content-Type must be application/json', 'invalid_request_error'));
    let parsed;
    try {
      parsed = checkBody(entry.body, responses, { ...this.features, models });
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      return send(e.status, error(e.message, 'invalid_request_error', e.code, e.param));
    }
    if (this.mode === 'serverError')
      return send(500, error('The server had an error while processing your request.', 'server_error'));
    if (this.mode === 'slow') {
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
      return;
    }
    const body = entry.body as { stream?: boolean; stream_options?: { include_usage?: boolean } };
    const reply = replyTo(parsed.model, parsed.lastUser, parsed.maxTokens, parsed.tools);
    if (this.mode === 'echoKey') {
      const half = Math.floor(received.length / 2);
      reply.words = ['Your key is ', received.slice(0, half), received.slice(half), ' ok.'];
      reply.text = reply.words.join('');
    }
    const withUsage = this.mode !== 'noUsage';
    if (!body.stream && this.mode === 'hugeAnswer') return huge(200, '{"choices": [{"message": {"content": "');
    if (!body.stream)
      return send(
        200,
        JSON.stringify(
          responses ? responsesWhole(parsed.model, reply, withUsage) : chatWhole(parsed.model, reply, withUsage),
        ),
      );
    entry.status = 200;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (this.mode === 'brokenStream') {
      res.write(sse({ choices: [{ delta: { content: 'Hel' } }] }));
      res.end('data: {"choices": [{"delta": \n\n');
      return;
    }
    if (this.mode === 'endlessLine' || this.mode === 'endlessReply') {
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
      if (this.mode === 'endlessLine') writeHugeBody(res, 'endless', 'data: {"choices": [{"delta": {"content": "');
      else endlessChunks(res);
      return;
    }
    const events = responses
      ? responsesEvents(parsed.model, reply, withUsage)
      : chatChunks(parsed.model, reply, withUsage && body.stream_options?.include_usage === true);
    for (const e of events) res.write(e);
    if (this.mode === 'doneThenHang' || this.mode === 'responsesThenHang') {
      if (!responses) res.write(sse('[DONE]'));
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
      return;
    }
    res.end(responses ? '' : sse('[DONE]'));
  }

  private admin(method: string, p: string, raw: string, res: http.ServerResponse): void {
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (p === '/__fake/mode' && method === 'POST') {
      this.setMode((JSON.parse(raw || '{}') as { mode: EndpointMode }).mode);
      return reply(200, { mode: this.mode });
    }
    if (p === '/__fake/log' && method === 'GET') return reply(200, this.log);
    if (p === '/__fake/log' && method === 'DELETE') {
      this.log.length = 0;
      return reply(200, {});
    }
    return reply(404, { error: { message: 'unknown fake route' } });
  }
}
