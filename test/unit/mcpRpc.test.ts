// The JSON-RPC framing under `poe-bots mcp` (src/cli/mcp/rpc.ts), in process: one message a line however the input is
// cut, one answer a request, none for a notification or a cancelled request, a line past the bound refused unread, and
// a request in flight when the input ends still answered.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { MAX_LINE, RPC_ERROR, RpcError, serveRpc, type Handlers } from '../../src/cli/mcp/rpc';

interface Wire {
  input: PassThrough;
  out: Record<string, unknown>[];
  logs: string[];
  served: Promise<void>;
  stop: AbortController;
  /** Resolves once `n` messages have been written. */
  answers(n: number): Promise<Record<string, unknown>[]>;
}

function wire(handlers: Handlers): Wire {
  const input = new PassThrough();
  const out: Record<string, unknown>[] = [];
  const logs: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const stop = new AbortController();
  const served = serveRpc(
    {
      input,
      write: (line) => {
        assert.equal(line.indexOf('\n'), line.length - 1, 'one message a line');
        out.push(JSON.parse(line) as Record<string, unknown>);
        for (const w of waiting.filter((x) => out.length >= x.n)) w.resolve();
      },
      log: (m) => logs.push(m),
    },
    handlers,
    stop.signal,
  );
  return {
    input,
    out,
    logs,
    served,
    stop,
    answers: (n) =>
      new Promise((resolve) => {
        if (out.length >= n) resolve(out);
        else waiting.push({ n, resolve: () => resolve(out) });
      }),
  };
}

const echo: Handlers = {
  request: async (method, params) => {
    if (method === 'boom') throw new Error('inner detail');
    if (method === 'refuse') throw new RpcError(RPC_ERROR.methodNotFound, 'Method not found: refuse');
    return { method, params };
  },
};

describe('poe-bots mcp: JSON-RPC on stdio', () => {
  it('reads one message a line, however the input is cut, and answers each request by its id', async () => {
    const w = wire(echo);
    const text = [
      { jsonrpc: '2.0', id: 1, method: 'a', params: { x: 'é' } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'two', method: 'b' },
    ]
      .map((m) => JSON.stringify(m))
      .join('\r\n');
    // Byte by byte, a multi-byte character split too (the stream decodes UTF-8 across chunks).
    const bytes = Buffer.from(`${text}\n`);
    for (let i = 0; i < bytes.length; i++) w.input.write(bytes.subarray(i, i + 1));
    const out = await w.answers(2);
    assert.deepEqual(out, [
      { jsonrpc: '2.0', id: 1, result: { method: 'a', params: { x: 'é' } } },
      { jsonrpc: '2.0', id: 'two', result: { method: 'b', params: {} } },
    ]);
    w.input.end();
    await w.served;
  });

  it('says what is wrong with a message, and goes on', async () => {
    const w = wire(echo);
    w.input.write('not json\n');
    w.input.write('[{"jsonrpc":"2.0","id":1,"method":"a"}]\n');
    w.input.write('{"jsonrpc":"1.0","id":2,"method":"a"}\n');
    w.input.write('{"jsonrpc":"2.0","id":3,"method":"a","params":[1]}\n');
    w.input.write('{"jsonrpc":"2.0","id":4,"method":"refuse"}\n');
    w.input.write('{"jsonrpc":"2.0","id":5,"method":"boom"}\n');
    w.input.write('{"jsonrpc":"2.0","id":6,"result":{}}\n'); // an answer to nothing we asked: ignored
    w.input.write('{"jsonrpc":"2.0","id":7,"method":"a"}\n');
    const out = await w.answers(7);
    assert.deepEqual(
      out.map((m) => [m.id, (m.error as { code?: number } | undefined)?.code ?? 'ok']),
      [
        [null, -32700],
        [null, -32600],
        [2, -32600],
        [3, -32602],
        [4, -32601],
        [5, -32603],
        [7, 'ok'],
      ],
    );
    assert.match((out[1]!.error as { message: string }).message, /batches are not part of MCP/);
    // An error of our own code is logged on stderr, and the client hears only that the method failed.
    assert.equal((out[5]!.error as { message: string }).message, 'Internal error in boom.');
    assert.deepEqual(w.logs, ['boom failed: inner detail']);
    w.input.end();
    await w.served;
  });

  it('refuses a line past the bound without holding it, and answers the next one', async () => {
    const w = wire(echo);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i <= MAX_LINE / chunk.length; i++) w.input.write(chunk);
    w.input.write('\n{"jsonrpc":"2.0","id":1,"method":"after"}\n');
    const out = await w.answers(2);
    assert.deepEqual(out[0], {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: a message over 4 MB was not read.' },
    });
    assert.equal(out[1]!.id, 1);
    assert.equal(out.length, 2, 'the rest of the long line was skipped, not read as messages');
    w.input.end();
    await w.served;
  });

  it('a cancelled request: its handler sees the abort, and no answer is sent', async () => {
    let seen: AbortSignal | undefined;
    const w = wire({
      request: (method, _params, signal) =>
        method === 'slow'
          ? new Promise((resolve) => {
              seen = signal;
              signal.addEventListener('abort', () => resolve('too late'));
            })
          : Promise.resolve('pong'),
    });
    w.input.write('{"jsonrpc":"2.0","id":1,"method":"slow"}\n');
    w.input.write('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"user"}}\n');
    w.input.write('{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
    const out = await w.answers(1);
    assert.deepEqual(out, [{ jsonrpc: '2.0', id: 2, result: 'pong' }]);
    assert.equal(seen?.aborted, true);
    w.input.end();
    await w.served;
    assert.equal(w.out.length, 1);
  });

  it('when the input ends, a request in flight is still answered before serving ends', async () => {
    let release: () => void = () => undefined;
    const w = wire({ request: () => new Promise((resolve) => (release = () => resolve('done'))) });
    w.input.end('{"jsonrpc":"2.0","id":9,"method":"work"}\n');
    let ended = false;
    void w.served.then(() => (ended = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(ended, false, 'served while a request was in flight');
    release();
    await w.served;
    assert.deepEqual(w.out, [{ jsonrpc: '2.0', id: 9, result: 'done' }]);
  });

  it('a stop (Ctrl-C) aborts what is in flight and ends serving', async () => {
    let seen: AbortSignal | undefined;
    const w = wire({
      request: (_m, _p, signal) =>
        new Promise((resolve) => {
          seen = signal;
          signal.addEventListener('abort', () => resolve('stopped'));
        }),
    });
    w.input.write('{"jsonrpc":"2.0","id":1,"method":"work"}\n');
    while (!seen) await new Promise((r) => setImmediate(r));
    w.stop.abort(new Error('Interrupted.'));
    await w.served;
    assert.equal(seen.aborted, true);
    assert.deepEqual(w.out, []);
  });
});
