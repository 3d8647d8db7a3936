// `poe-bots mcp` as an agent starts it (docs/agents.md): a process on stdio, driven through the MCP SDK's own Client,
// against the fake Poe. Read-only unless --allow-writes, each tool annotated; a push only by plan id; no key in any
// result nor on stderr.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListResourcesResultSchema, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { spawn } from 'node:child_process';
import { PROTOCOL_VERSIONS } from '../../src/cli/mcp';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { CLI, runCli } from './cliRun';

const READ = [
  'poe_list_bots',
  'poe_get_bot',
  'poe_validate_bot_file',
  'poe_plan_push',
  'poe_check_endpoint',
  'poe_get_balance',
  'poe_run_bot_tests',
];
const WRITE = ['poe_push_bot_file', 'poe_pull_bot', 'poe_try_bot'];

interface Result {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

describe('poe-bots mcp (an MCP server on stdio)', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  const clients: Client[] = [];
  const seen: string[] = [];

  async function connect(args: string[] = []): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', ...args],
      cwd: dir,
      stderr: 'pipe',
      env: { PATH: process.env.PATH ?? '', POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url },
    });
    transport.stderr?.on('data', (c: Buffer) => seen.push(String(c)));
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(transport);
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown> = {}): Promise<Result> => {
    const r = (await client.callTool({ name, arguments: args })) as Result;
    seen.push(JSON.stringify(r));
    return r;
  };
  const text = (r: Result) => r.content.map((c) => c.text).join('\n');

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-mcp-'));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    const all = seen.join('\n');
    for (const key of [DEMO_KEY, 'sk-demo-endpoint-1', 'sk-demo-endpoint-2'])
      assert.ok(!all.includes(key), `an output held ${key.slice(0, 8)}…`);
  });

  it('read-only by default: lists the read tools, annotated read-only, and refuses a write tool by name', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      READ,
    );
    for (const t of tools) {
      assert.deepEqual([t.annotations?.readOnlyHint, t.annotations?.destructiveHint], [true, false], t.name);
      assert.equal(t.inputSchema.type, 'object');
      assert.ok(t.description && t.description.length > 80);
    }
    const refused = await call(client, 'poe_pull_bot', { handle: 'DraftBot' });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /this server is read-only: start it with poe-bots mcp --allow-writes/);
    assert.deepEqual(fake.writes(), []);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.match(
      seen.join(''),
      new RegExp(`poe-bots mcp .*: ${READ.length} tools for Poe at 127\\.0\\.0\\.1:\\d+, read-only`),
    );
  });

  it('each read tool answers against the fake, as text and structured content', async () => {
    fs.writeFileSync(
      path.join(dir, 'GlmHelper.poebot.json'),
      JSON.stringify(
        {
          handle: 'GlmHelper',
          description: 'Changed here',
          is_private: false,
          api_bot_settings: { base_url: 'https://api.example.com/v1', model_name: 'zai-org/glm-4.6' },
        },
        null,
        2,
      ),
    );
    const client = await connect();
    const list = await call(client, 'poe_list_bots');
    assert.deepEqual(
      (list.structuredContent!.bots as { handle: string }[]).map((b) => b.handle),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
    assert.match(text(await call(client, 'poe_get_bot', { handle: 'DraftBot' })), /"DraftBot" on Poe:/);
    assert.deepEqual((await call(client, 'poe_get_balance')).structuredContent, { points: 12345 });
    const valid = await call(client, 'poe_validate_bot_file', { file: 'GlmHelper.poebot.json' });
    assert.equal(valid.structuredContent!.errors, 0);
    const plan = await call(client, 'poe_plan_push', { file: 'GlmHelper.poebot.json' });
    assert.match(text(plan), /Update "GlmHelper"[\s\S]*Changes: description/);
    const check = await call(client, 'poe_check_endpoint', { file: 'GlmHelper.poebot.json' });
    assert.equal(check.isError, true);
    assert.match(text(check), /no api_key reference/);
    const bad = await call(client, 'poe_get_bot', {});
    assert.deepEqual([bad.isError, text(bad)], [true, 'poe_get_bot: "handle" is required.']);
    assert.deepEqual(fake.writes(), []);
  });

  it('with --allow-writes: the write tools too, annotated destructive; pull, then a push by plan id with its key lines', async () => {
    const client = await connect(['--allow-writes']);
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      [...READ, ...WRITE],
    );
    for (const t of tools.filter((x) => WRITE.includes(x.name)))
      assert.deepEqual([t.annotations?.readOnlyHint, t.annotations?.destructiveHint], [false, true], t.name);

    const pulled = await call(client, 'poe_pull_bot', { handle: 'GlmHelper' });
    assert.match(text(pulled), /Wrote "GlmHelper" to a new file, GlmHelper\.poebot\.json\./);
    const file = path.join(dir, 'GlmHelper.poebot.json');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('"A helpful assistant on GLM 4.6"', '"Pushed over MCP"'),
    );
    const plan = await call(client, 'poe_plan_push', { file: 'GlmHelper.poebot.json' });
    const planId = plan.structuredContent!.planId as string;
    assert.deepEqual(fake.writes(), []);
    const pushed = await call(client, 'poe_push_bot_file', { plan_id: planId });
    assert.equal(pushed.isError, undefined, text(pushed));
    assert.deepEqual(pushed.structuredContent!.keyLines, []);
    assert.match(
      text(pushed),
      /Pushed "GlmHelper" to Poe \(PATCH description\)\.\n {2}Changes: description\n {2}The endpoint key is not sent \(Poe keeps the one it has\)\./,
    );
    assert.deepEqual(
      fake.writes().map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`),
      ['PATCH /bots/GlmHelper {"description":"Pushed over MCP"}'],
    );
    assert.match(
      text(await call(client, 'poe_push_bot_file', { plan_id: 'plan-000000000000' })),
      /No plan has the id "plan-000000000000"/,
    );
  });

  it('without POE_API_KEY it does not start, and says why on stderr', async () => {
    const r = await runCli(dir, ['mcp'], { POE_API_BASE_URL: fake.url }, seen);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Set POE_API_KEY/);
  });
  it('speaks the MCP revisions the SDK speaks, answers ping, and says so of a method it does not offer', async () => {
    assert.deepEqual(PROTOCOL_VERSIONS, SUPPORTED_PROTOCOL_VERSIONS);
    const client = await connect();
    assert.equal(client.getServerVersion()?.name, 'poe-bots');
    assert.deepEqual(client.getServerCapabilities(), { tools: { listChanged: false } });
    assert.deepEqual(await client.ping(), {});
    await assert.rejects(client.request({ method: 'resources/list' }, ListResourcesResultSchema), (e: Error) => {
      assert.match(e.message, /-32601.*Method not found: resources\/list/);
      return true;
    });
  });

  it('a client that writes its requests and closes stdin gets every answer, then the server ends (exit 0)', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp'], {
      cwd: dir,
      env: { PATH: process.env.PATH, POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
    child.stderr.on('data', (c: Buffer) => seen.push(String(c)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const send = [
      {
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      },
      { method: 'notifications/initialized' },
      { id: 2, method: 'tools/call', params: { name: 'poe_get_balance', arguments: {} } },
      {
        id: 3,
        method: 'initialize',
        params: { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      },
    ];
    child.stdin.end(send.map((m) => JSON.stringify({ jsonrpc: '2.0', ...m })).join('\n') + '\n');
    assert.equal(await exited, 0);
    seen.push(stdout);
    const answers = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: Record<string, unknown> });
    const byId = new Map(answers.map((a) => [a.id, a.result]));
    assert.equal(answers.length, 3);
    // The client's revision when the server speaks it, else the newest.
    assert.equal(byId.get(1)!.protocolVersion, '2024-11-05');
    assert.equal(byId.get(3)!.protocolVersion, SUPPORTED_PROTOCOL_VERSIONS[0]);
    assert.deepEqual(byId.get(2)!.structuredContent, { points: 12345 });
  });
});
