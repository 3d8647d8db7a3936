// Requests to Poe go through the proxy the settings or the environment name (and around it for a NO_PROXY host):
// a tiny CONNECT proxy on 127.0.0.1 records every tunnel it opens.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PoeBotsClient, type ProxySettings } from '../../src/poe';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

class TinyProxy {
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: http.Server) {
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      this.tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
    });
    // A proxy asked for a plain request (no tunnel) would forward it; none is expected: say so loudly.
    server.on('request', (_req, res) => {
      this.tunnels.push('unexpected plain request');
      res.writeHead(502).end();
    });
  }
  static async start(): Promise<TinyProxy> {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return new TinyProxy(server);
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('Proxy', () => {
  let fake: FakePoe;
  let proxy: TinyProxy;
  const saved = { ...process.env };
  beforeEach(async () => {
    fake = await FakePoe.start();
    proxy = await TinyProxy.start();
  });
  afterEach(async () => {
    for (const k of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await fake.stop();
    await proxy.stop();
  });

  async function list(settings: ProxySettings | undefined): Promise<number> {
    const client = new PoeBotsClient({
      baseUrl: fake.url,
      getKey: async () => DEMO_KEY,
      limiter: false,
      proxy: settings,
    });
    try {
      return (await client.listBots()).length;
    } finally {
      await client.dispose();
    }
  }
  const target = () => `127.0.0.1:${fake.port}`;

  it("the editor's http.proxy: every request goes through it", async () => {
    assert.equal(await list({ url: proxy.url }), 3);
    assert.deepEqual(proxy.tunnels, [target()]);
  });

  it('http.noProxy: a listed host goes direct', async () => {
    assert.equal(await list({ url: proxy.url, noProxy: ['127.0.0.1'] }), 3);
    assert.deepEqual(proxy.tunnels, []);
  });

  it('the environment (the CLI): HTTP_PROXY / HTTPS_PROXY are honoured, NO_PROXY too', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    assert.equal(await list({}), 3);
    assert.deepEqual(proxy.tunnels, [target()]);
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    assert.equal(await list({}), 3);
    assert.equal(proxy.tunnels.length, 1, 'NO_PROXY: direct');
  });

  it('no settings at all (tests, the bench): no proxy, whatever the environment says', async () => {
    process.env.HTTP_PROXY = proxy.url;
    assert.equal(await list(undefined), 3);
    assert.deepEqual(proxy.tunnels, []);
  });
});
