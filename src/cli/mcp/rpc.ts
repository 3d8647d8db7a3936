// JSON-RPC 2.0 as MCP's stdio transport carries it: one message a line on stdin, one a line on stdout (JSON.stringify
// never writes a raw newline). A request gets exactly one answer, a notification none; a request the client cancels
// gets none either (MCP: "receivers SHOULD NOT send a response" to a cancelled request). What comes in is bounded: a
// line past MAX_LINE is refused unread, so a client cannot make the server hold an endless line.

export const MAX_LINE = 4 * 1024 * 1024;

/** JSON-RPC's error codes, as MCP uses them. */
export const RPC_ERROR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
} as const;

export type RequestId = string | number;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Handlers {
  /** A request: its result, or an RpcError for a protocol error. */
  request(method: string, params: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
  /** A notification (no answer). Cancellation is handled here, before it reaches this. */
  notification?(method: string, params: Record<string, unknown>): void;
}

export interface Channel {
  input: NodeJS.ReadableStream;
  write(line: string): void;
  log(message: string): void;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is RequestId => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Serves until the input ends and every request in flight has been answered (or `stop` is aborted). */
export function serveRpc(channel: Channel, handlers: Handlers, stop: AbortSignal): Promise<void> {
  const inFlight = new Map<RequestId, AbortController>();
  const send = (message: object) => channel.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const fail = (id: RequestId | null, code: number, message: string) => send({ id, error: { code, message } });

  async function answer(id: RequestId, method: string, params: Record<string, unknown>): Promise<void> {
    const controller = new AbortController();
    inFlight.set(id, controller);
    const onStop = () => controller.abort(stop.reason);
    stop.addEventListener('abort', onStop, { once: true });
    try {
      const result = await handlers.request(method, params, controller.signal);
      if (!controller.signal.aborted) send({ id, result });
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e instanceof RpcError) fail(id, e.code, e.message);
      else {
        channel.log(`${method} failed: ${e instanceof Error ? e.message : String(e)}`);
        fail(id, RPC_ERROR.internal, `Internal error in ${method}.`);
      }
    } finally {
      stop.removeEventListener('abort', onStop);
      inFlight.delete(id);
      settled();
    }
  }

  function receive(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return fail(null, RPC_ERROR.parse, 'Parse error: a line is one JSON-RPC message.');
    }
    if (!isObj(message) || message.jsonrpc !== '2.0')
      return fail(
        isObj(message) && isId(message.id) ? message.id : null,
        RPC_ERROR.invalidRequest,
        Array.isArray(message)
          ? 'Invalid Request: batches are not part of MCP (since 2025-06-18); send one message a line.'
          : 'Invalid Request: not a JSON-RPC 2.0 message.',
      );
    // An answer to a request of ours: this server sends none, so there is nothing to match it to.
    if (typeof message.method !== 'string') return;
    const params = message.params === undefined ? {} : message.params;
    if (!isObj(params)) {
      if (isId(message.id))
        fail(message.id, RPC_ERROR.invalidParams, `Invalid params: ${message.method} takes an object.`);
      return;
    }
    if (message.id === undefined) {
      if (message.method === 'notifications/cancelled' && isId(params.requestId))
        inFlight.get(params.requestId)?.abort(new Error('Cancelled by the client.'));
      else handlers.notification?.(message.method, params);
      return;
    }
    if (!isId(message.id))
      return fail(null, RPC_ERROR.invalidRequest, 'Invalid Request: an id is a string or a number.');
    if (inFlight.has(message.id))
      return fail(message.id, RPC_ERROR.invalidRequest, `Invalid Request: request ${message.id} is still in flight.`);
    void answer(message.id, message.method, params);
  }

  let ended = false;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const settled = () => {
    if ((ended || stop.aborted) && inFlight.size === 0) done();
  };

  // Lines, with what has not yet met a newline kept as pieces (joined once), and a line past MAX_LINE skipped to its end.
  let pieces: string[] = [];
  let held = 0;
  let skipping = false;
  channel.input.setEncoding?.('utf8');
  channel.input.on('data', (chunk: string | Buffer) => {
    const text = String(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
      const tail = text.slice(start, nl);
      if (skipping) skipping = false;
      else if (held + tail.length > MAX_LINE) refuseLong();
      else {
        const line = (pieces.length ? pieces.join('') + tail : tail).trim();
        if (line) receive(line);
      }
      pieces = [];
      held = 0;
    }
    const rest = text.slice(start);
    if (skipping || !rest) return;
    if (held + rest.length > MAX_LINE) {
      refuseLong();
      skipping = true;
      pieces = [];
      held = 0;
    } else {
      pieces.push(rest);
      held += rest.length;
    }
  });
  function refuseLong(): void {
    fail(null, RPC_ERROR.parse, `Parse error: a message over ${MAX_LINE / (1024 * 1024)} MB was not read.`);
  }
  channel.input.once('end', () => {
    ended = true;
    settled();
  });
  stop.addEventListener('abort', settled, { once: true });
  return finished;
}
