// dist/undici.js is the part of undici the code uses (scripts/entries/undici.js), not the whole package: each member
// src/poe/undici.ts types is there and works as undici's own does. The CLI's tests run it against the fake too.
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Undici } from '../../src/poe/undici';

const ROOT = path.resolve(__dirname, '../../..');

describe('dist/undici.js: the part of undici the code uses', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file itself
  const undici = require(path.join(ROOT, 'dist/undici.js')) as Undici;
  const seen: string[] = [];
  let failNext = 0;
  let server: http.Server;
  let url: string;
  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += String(c)));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body}`);
        if (failNext > 0) {
          failNext--;
          res.writeHead(503, { 'retry-after': '0' }).end('busy');
        } else res.writeHead(200, { 'content-type': 'text/plain' }).end(`answered ${req.method} ${req.url}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => (seen.length = 0));

  it('holds exactly the members the code types', () => {
    assert.deepEqual(Object.keys(undici).sort(), ['Agent', 'EnvHttpProxyAgent', 'interceptors', 'request']);
    assert.deepEqual(Object.keys(undici.interceptors), ['retry']);
  });

  it('request(): path and query kept, GET by default, on the global dispatcher or the one given', async () => {
    const plain = await undici.request(`${url}/bots?limit=2`);
    assert.equal(await plain.body.text(), 'answered GET /bots?limit=2');
    const agent = new undici.Agent();
    try {
      const posted = await undici.request(`${url}/bots`, { method: 'POST', body: '{"a":1}', dispatcher: agent });
      assert.equal(posted.statusCode, 200);
      await posted.body.dump();
      assert.deepEqual(seen, ['GET /bots?limit=2 ', 'POST /bots {"a":1}']);
    } finally {
      await agent.close();
    }
  });

  it('the retry interceptor retries a 503 on an Agent composed with it', async () => {
    const agent = new undici.Agent().compose(
      undici.interceptors.retry({ maxRetries: 2, minTimeout: 1, statusCodes: [503], methods: ['GET'] }),
    );
    try {
      failNext = 1;
      const res = await undici.request(`${url}/bots`, { dispatcher: agent });
      assert.equal(res.statusCode, 200);
      await res.body.dump();
      assert.deepEqual(seen, ['GET /bots ', 'GET /bots ']);
    } finally {
      await agent.close();
    }
  });

  it('EnvHttpProxyAgent sends through the proxy it is given, and around it for a NO_PROXY host', async () => {
    // A tunnel to this test's server, whatever host was asked for; it records what the agent asked for.
    const proxied: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      proxied.push(req.url ?? '');
      const upstream = net.connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const sock of [client, upstream]) sock.on('error', () => undefined);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const agent = new undici.EnvHttpProxyAgent({
      httpProxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      noProxy: 'localhost',
    });
    try {
      const via = await undici.request('http://api.example.test/bots', { dispatcher: agent });
      assert.equal(await via.body.text(), 'answered GET /bots');
      assert.deepEqual(proxied, ['api.example.test:80']);
      const port = (server.address() as AddressInfo).port;
      const around = await undici.request(`http://localhost:${port}/direct`, { dispatcher: agent });
      assert.equal(await around.body.text(), 'answered GET /direct');
      assert.deepEqual(proxied, ['api.example.test:80'], 'the NO_PROXY host was reached directly');
    } finally {
      await agent.close();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});
