// The command line as a pipeline runs it: every secret in its environment, bot files a pull request may have changed.
// A local server stands in for a hostile endpoint and must never see a key it was not allowed; the fake Poe must never
// store one. Run as a process, as CI runs it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { runCli, type Run } from './cliRun';
import { DEMO_KEY } from '../fake-poe/seeds';

const AWS = 'aws-secret-access-key-0123456789';
const SECRET = 'sk-endpoint-secret-for-k-9876';

/** Records every request: which Authorization it carried and its body. Answers 401 to anything. */
async function collector(): Promise<{ url: string; port: number; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c;
    });
    req.on('end', () => {
      seen.push(`${req.headers.authorization ?? ''} ${body}`);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"no"}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    seen,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('poe-bots and the keys in its environment', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  let sink: Awaited<ReturnType<typeof collector>>;
  const outputs: string[] = [];

  const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(
      dir,
      args,
      { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url, AWS_SECRET_ACCESS_KEY: AWS, POE_SECRET_K: SECRET, ...env },
      outputs,
    );
  const bot = (name: string, baseUrl: string, apiKey: string) =>
    fs.writeFileSync(
      path.join(dir, `${name}.poebot.json`),
      JSON.stringify(
        {
          handle: name,
          description: 'd',
          api_bot_settings: { base_url: baseUrl, model_name: 'my-model', api_key: apiKey },
        },
        null,
        2,
      ),
    );
  const keysSent = () =>
    [...fake.log.map((r) => JSON.stringify(r.body ?? '')), ...sink.seen].filter(
      (t) => t.includes(AWS) || t.includes(DEMO_KEY) || t.includes(SECRET),
    );

  beforeEach(async () => {
    fake = await FakePoe.start({ seed: 'empty' });
    sink = await collector();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-keys-'));
  });
  afterEach(async () => {
    await fake.stop();
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    const all = outputs.join('\n');
    for (const key of [DEMO_KEY, AWS, SECRET]) assert.ok(!all.includes(key), `an output held ${key.slice(0, 8)}…`);
  });

  it('check-endpoint sends no environment variable a file names: refused, naming the variable and how to allow it', async () => {
    bot('Aws', sink.url, '${env:AWS_SECRET_ACCESS_KEY}');
    bot('Poe', sink.url, '${env:POE_API_KEY}');
    const aws = await cli(['check-endpoint', 'Aws.poebot.json']);
    assert.equal(aws.code, 1);
    assert.match(aws.stderr, /\$\{env:AWS_SECRET_ACCESS_KEY\} is not read.*--allow-env AWS_SECRET_ACCESS_KEY/);
    const poe = await cli([
      'check-endpoint',
      'Poe.poebot.json',
      '--allow-env',
      'POE_API_KEY',
      '--allow-host',
      `127.0.0.1:${sink.port}`,
    ]);
    assert.equal(poe.code, 1);
    assert.match(poe.stderr, /names your Poe API key, which is never sent/);
    // The variable allowed, not the host: still nothing leaves, and the refusal names the host and the flag.
    const host = await cli(['check-endpoint', 'Aws.poebot.json', '--allow-env', 'AWS_SECRET_ACCESS_KEY']);
    assert.equal(host.code, 1);
    assert.match(
      host.stderr,
      new RegExp(`would go to 127\\.0\\.0\\.1:${sink.port}.*--allow-host 127\\.0\\.0\\.1:${sink.port}`),
    );
    // A ${secret:…} whose variable holds the Poe key is refused too.
    bot('Same', sink.url, '${secret:SAME}');
    const same = await cli(['check-endpoint', 'Same.poebot.json', '--allow-host', `127.0.0.1:${sink.port}`], {
      POE_SECRET_SAME: DEMO_KEY,
    });
    assert.match(same.stderr, /is your Poe API key/);
    assert.equal(sink.seen.length, 0, 'the endpoint saw no request at all');
    assert.deepEqual(keysSent(), []);
    // Both allowed: the key goes, and only there.
    const allowed = await cli([
      'check-endpoint',
      'Aws.poebot.json',
      '--allow-env',
      'AWS_SECRET_ACCESS_KEY',
      '--allow-host',
      `127.0.0.1:${sink.port}`,
    ]);
    assert.match(allowed.stdout, /✗ Key and model: The endpoint rejected the key from \$\{env:AWS_SECRET_ACCESS_KEY\}/);
    assert.ok(sink.seen.length > 0 && sink.seen.every((s) => s.startsWith(`Bearer ${AWS}`)));
  });

  it('plan and push --yes: a key goes to Poe only for an allowed host; --yes alone never allows one; key lines always shown', async () => {
    bot('Leak', 'https://collector.example/v1', '${env:AWS_SECRET_ACCESS_KEY}');
    bot('Mine', 'https://api.mine.example/v1', '${secret:K}');
    const plan = await cli(['plan', '.', '--json']);
    assert.equal(plan.code, 1, 'a bot that would be refused is a plan that cannot be pushed');
    const rows = JSON.parse(plan.stdout).bots as {
      handle: string;
      action: string;
      reason?: string;
      keyLines: string[];
    }[];
    assert.match(rows.find((r) => r.handle === 'Leak')!.reason!, /--allow-env AWS_SECRET_ACCESS_KEY/);
    assert.match(
      rows.find((r) => r.handle === 'Mine')!.reason!,
      /would go to api\.mine\.example.*--allow-host api\.mine\.example/,
    );
    assert.deepEqual(rows.find((r) => r.handle === 'Mine')!.keyLines, [
      'The endpoint key from ${secret:K} is sent, for Poe to use with api.mine.example.',
    ]);

    const pushed = await cli(['push', '.', '--yes']);
    assert.equal(pushed.code, 1);
    assert.match(pushed.stdout, /Leak\s+refused: \$\{env:AWS_SECRET_ACCESS_KEY\} is not read/);
    assert.match(pushed.stdout, /Mine\s+refused: .*--allow-host api\.mine\.example/);
    assert.deepEqual(fake.writes(), [], 'nothing was written');
    assert.deepEqual(keysSent(), []);

    const envAllowed = await cli([
      'push',
      '.',
      '--yes',
      '--allow-env',
      'AWS_SECRET_ACCESS_KEY',
      '--allow-host',
      'api.mine.example',
    ]);
    assert.equal(envAllowed.code, 1, 'Leak is still refused: its host is not allowed');
    assert.match(envAllowed.stdout, /Leak\s+refused: .*collector\.example.*--allow-host collector\.example/);
    assert.match(
      envAllowed.stdout,
      /The endpoint key from \$\{secret:K\} is sent, for Poe to use with api\.mine\.example\./,
      'the key line, with --yes',
    );
    assert.deepEqual(
      fake.writes().map((w) => w.path),
      ['/bots'],
      'only Mine was created',
    );
    assert.ok(JSON.stringify(fake.writes()[0]!.body).includes(SECRET), 'Mine got its own key');
    assert.ok(!fake.log.some((r) => JSON.stringify(r.body ?? '').includes(AWS)), 'the AWS secret never reached Poe');

    // --json carries the key lines (and the question, if any, goes to stderr).
    bot('Mine', 'https://api.mine.example/v1', '${secret:K}');
    const again = await cli([
      'push',
      '.',
      '--yes',
      '--json',
      '--only',
      'Mine',
      '--send-key',
      '--allow-host',
      'api.mine.example',
    ]);
    const results = JSON.parse(again.stdout).results as { handle: string; keyLines: string[] }[];
    assert.deepEqual(results.find((r) => r.handle === 'Mine')!.keyLines, [
      'The endpoint key from ${secret:K} is sent, for Poe to use with api.mine.example.',
    ]);
    assert.match(again.stderr, /The endpoint key from \$\{secret:K\} is sent/);
  });

  it('a base_url no URL parser accepts is refused, not waved through as "no host"', async () => {
    bot('Odd', 'https://evil.example:443a/v1', '${secret:K}');
    const v = await cli(['validate']);
    assert.equal(v.code, 3);
    assert.match(v.stdout, /Odd\.poebot\.json:\d+:\d+ error This is not an address a URL parser accepts/);
    const p = await cli(['push', '.', '--yes', '--allow-host', 'evil.example']);
    assert.equal(p.code, 1);
    assert.deepEqual(fake.writes(), []);
  });

  it('text from a file or a server reaches the terminal without its control characters', async () => {
    fs.writeFileSync(
      path.join(dir, 'Esc.poebot.json'),
      JSON.stringify({ handle: 'Esc', '\u001b]52;c;aGk=\u0007\u001b[2Jboom': 1 }),
    );
    const r = await cli(['validate']);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /boom/);
    // eslint-disable-next-line no-control-regex -- looking for them
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(r.stdout + r.stderr), JSON.stringify(r.stdout));
    const json = await cli(['validate', '--json']);
    assert.ok(JSON.parse(json.stdout).files[0].problems.length > 0, 'JSON keeps it, escaped');
  });
});
