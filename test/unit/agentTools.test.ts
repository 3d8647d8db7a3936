// The agent tools (src/agent) over the command line's world, in process, against the fake Poe and the fake endpoint:
// each tool's input schema and result, plan ids (bound to the file and the bot, used once, expiring), the pull rules,
// the key gate, and no key in any result.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlanStore, runTool, TOOL_NAMES, TOOLS, type AgentEnv, type ToolName, type ToolResult } from '../../src/agent';
import { cliAgentEnv } from '../../src/cli/mcp/agentEnv';
import { keyPolicy } from '../../src/cli/keys';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { FakeEndpoint } from '../fake-endpoint/server';

const ENDPOINT_KEY = 'sk-agent-endpoint-key-4242';

describe('Agent tools (src/agent)', function () {
  this.timeout(20_000);
  let fake: FakePoe;
  let dir: string;
  let now: number;
  const seen: string[] = [];

  const envWith = (o: { allowHost?: string[]; secrets?: Record<string, string> } = {}): AgentEnv =>
    cliAgentEnv({
      version: 'test',
      root: dir,
      policy: keyPolicy({ allowHost: o.allowHost }, false, {}),
      plans: plans(),
      env: { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url, ...o.secrets },
    });
  let store: PlanStore;
  const plans = () => store;
  let env: AgentEnv;
  const call = async (name: ToolName, input: unknown, e = env): Promise<ToolResult> => {
    const r = await runTool(e, name, input);
    seen.push(r.text, JSON.stringify(r.data));
    return r;
  };
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-agent-'));
    now = Date.now();
    store = new PlanStore(() => now);
    env = envWith();
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    const all = seen.join('\n');
    for (const key of [DEMO_KEY, 'sk-demo-endpoint-1', 'sk-demo-endpoint-2', ENDPOINT_KEY])
      assert.ok(!all.includes(key), `a result held ${key.slice(0, 8)}…`);
  });

  it('every tool has a schema of its own inputs, a model description that says when not to use it, and refuses input its schema does not take', async () => {
    assert.deepEqual(
      TOOL_NAMES.filter((n) => TOOLS[n].readOnly),
      [
        'poe_list_bots',
        'poe_get_bot',
        'poe_validate_bot_file',
        'poe_plan_push',
        'poe_check_endpoint',
        'poe_get_balance',
        'poe_run_bot_tests',
      ],
    );
    for (const name of TOOL_NAMES) {
      const t = TOOLS[name];
      assert.equal(t.input.type, 'object');
      assert.equal(t.input.additionalProperties, false);
      for (const r of t.input.required) assert.ok(t.input.properties[r], `${name}: required ${r} is a property`);
      assert.match(t.description, /\b(Not|only)\b/, `${name} says when not to use it`);
      const extra = await call(name, { ...Object.fromEntries(t.input.required.map((r) => [r, 'x'])), colour: 'red' });
      assert.equal(extra.error, true);
      assert.match(extra.text, /"colour" is not an input of this tool/);
      if (t.input.required.length) assert.match((await call(name, {})).text, /is required/);
    }
    assert.match((await call('poe_get_bot', { handle: 7 })).text, /"handle" must be a string/);
    assert.match(
      (await call('poe_plan_push', { file: '../elsewhere/A.poebot.json' })).text,
      /outside the workspace folder/,
    );
    assert.match((await call('poe_validate_bot_file', { file: 'notes.txt' })).text, /is not a bot file/);
    assert.deepEqual(
      fake.log.filter((r) => r.method !== 'GET'),
      [],
    );
  });

  it('poe_list_bots, poe_get_bot and poe_get_balance read the account', async () => {
    const list = await call('poe_list_bots', {});
    assert.deepEqual(
      (list.data.bots as { handle: string }[]).map((b) => b.handle),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
    assert.match(
      list.text,
      /^3 bot\(s\):\nGlmHelper: zai-org\/glm-4\.6 \(chat_completions_api\), public, https:\/\/api\.example\.com\/v1/,
    );
    const bot = await call('poe_get_bot', { handle: 'ThinkingTutor' });
    assert.equal((bot.data.bot as { handle: string }).handle, 'ThinkingTutor');
    assert.match(bot.text, /"enable_thinking"/);
    const missing = await call('poe_get_bot', { handle: 'NoSuchBot' });
    assert.equal(missing.error, true);
    assert.match(missing.text, /not|404/i);
    const balance = await call('poe_get_balance', {});
    assert.deepEqual([balance.text, balance.data], ['Balance: 12,345 points.', { points: 12345 }]);
  });

  it('poe_validate_bot_file lists problems with their lines', async () => {
    write('Bad.poebot.json', '{\n  "handle": "Bad",\n  "is_private": "yes"\n}\n');
    const r = await call('poe_validate_bot_file', { file: 'Bad.poebot.json' });
    assert.equal(r.data.errors, 1);
    assert.match(r.text, /Bad\.poebot\.json:3 error/);
  });

  it("poe_plan_push shows the confirmation's lines and a plan id, sending nothing; poe_push_bot_file writes exactly that, once", async () => {
    await call('poe_pull_bot', { handle: 'GlmHelper' });
    write(
      'GlmHelper.poebot.json',
      read('GlmHelper.poebot.json').replace('"A helpful assistant on GLM 4.6"', '"Edited by an agent"'),
    );
    fake.log.length = 0;
    const plan = await call('poe_plan_push', { file: 'GlmHelper.poebot.json' });
    assert.equal(plan.error, undefined, plan.text);
    assert.deepEqual(plan.data.lines, [
      'Changes: description',
      'The endpoint key is not sent (Poe keeps the one it has).',
    ]);
    assert.match(plan.text, /^Update "GlmHelper" on 127\.0\.0\.1:\d+ \(POE_API_KEY\)\?\n {2}Changes: description\n/);
    assert.match(String(plan.data.planId), /^plan-[0-9a-f]{12}$/);
    assert.deepEqual(fake.writes(), []);

    const pushed = await call('poe_push_bot_file', { plan_id: plan.data.planId });
    assert.equal(pushed.error, undefined, pushed.text);
    assert.equal(pushed.data.outcome, 'pushed');
    assert.match(
      pushed.text,
      /^Pushed "GlmHelper" to Poe \(PATCH description\)\.\n {2}Changes: description\n {2}The endpoint key is not sent/,
    );
    assert.deepEqual(
      fake.writes().map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`),
      ['PATCH /bots/GlmHelper {"description":"Edited by an agent"}'],
    );

    const again = await call('poe_push_bot_file', { plan_id: plan.data.planId });
    assert.equal(again.data.outcome, 'unknownPlan');
    assert.equal(fake.writes().length, 1, 'a plan is used once');
    assert.match(
      (await call('poe_plan_push', { file: 'GlmHelper.poebot.json' })).text,
      /"GlmHelper" is up to date on Poe: nothing to push\./,
    );
  });

  it('poe_push_bot_file refuses, sending nothing, when the file or the bot on Poe changed since the plan', async () => {
    await call('poe_pull_bot', { handle: 'GlmHelper' });
    const file = 'GlmHelper.poebot.json';
    write(file, read(file).replace('"A helpful assistant on GLM 4.6"', '"First"'));
    const byFile = await call('poe_plan_push', { file });
    write(file, read(file).replace('"First"', '"Second"'));
    fake.log.length = 0;
    const refused = await call('poe_push_bot_file', { plan_id: byFile.data.planId });
    assert.deepEqual([refused.error, refused.data.outcome], [true, 'changedSincePlan']);
    assert.match(refused.text, /Not pushed: GlmHelper\.poebot\.json changed since plan plan-\w+\. Nothing was sent\./);
    assert.deepEqual(fake.writes(), []);

    const byPoe = await call('poe_plan_push', { file });
    fake.putBehindTheBack({ ...fake.peek('GlmHelper')!.bot, is_private: true });
    fake.log.length = 0;
    const refusedPoe = await call('poe_push_bot_file', { plan_id: byPoe.data.planId });
    assert.match(refusedPoe.text, /Not pushed: "GlmHelper" changed on Poe since plan/);
    assert.deepEqual(fake.writes(), []);
  });

  it('a plan id expires', async () => {
    await call('poe_pull_bot', { handle: 'DraftBot' });
    write('DraftBot.poebot.json', read('DraftBot.poebot.json').replace('"description": ""', '"description": "x"'));
    const plan = await call('poe_plan_push', { file: 'DraftBot.poebot.json' });
    assert.match(plan.text, /expires in 10 minutes/);
    now += store.ttlMs;
    fake.log.length = 0;
    const late = await call('poe_push_bot_file', { plan_id: plan.data.planId });
    assert.deepEqual([late.error, late.data.outcome], [true, 'expiredPlan']);
    assert.match(late.text, /expired: call poe_plan_push again/);
    assert.deepEqual(fake.log, []);
  });

  it("a new bot's key lines are in the plan and the push; the key goes only to a host the run allows", async () => {
    write(
      'Fresh.poebot.json',
      JSON.stringify({
        handle: 'Fresh',
        description: 'new',
        api_bot_settings: { base_url: 'https://llm.example.net/v1', model_name: 'm', api_key: '${secret:fresh}' },
      }),
    );
    const secrets = { POE_SECRET_FRESH: ENDPOINT_KEY };
    const refused = await call('poe_plan_push', { file: 'Fresh.poebot.json' }, envWith({ secrets }));
    assert.equal(refused.error, true);
    assert.match(
      refused.text,
      /which this run does not allow: nothing was sent for Fresh\. If the host is yours, pass --allow-host llm\.example\.net/,
    );
    assert.deepEqual(refused.data.keyLines, [
      'The endpoint key from ${secret:fresh} is sent, for Poe to use with llm.example.net.',
    ]);

    const allowed = envWith({ secrets, allowHost: ['llm.example.net'] });
    const plan = await call('poe_plan_push', { file: 'Fresh.poebot.json' }, allowed);
    assert.deepEqual(plan.data.keyLines, [
      'The endpoint key from ${secret:fresh} is sent, for Poe to use with llm.example.net.',
    ]);
    const pushed = await call('poe_push_bot_file', { plan_id: plan.data.planId }, allowed);
    assert.equal(pushed.data.outcome, 'pushed', pushed.text);
    assert.match(
      pushed.text,
      /The endpoint key from \$\{secret:fresh\} is sent, for Poe to use with llm\.example\.net\./,
    );
    assert.equal(fake.peek('Fresh')?.apiKey, ENDPOINT_KEY);
  });

  it('poe_pull_bot edits a file in place and follows the pull rules', async () => {
    write(
      'mine.poebot.json',
      '{\n  // ours\n  "handle": "DraftBot",\n  "description": "stale",\n  "api_bot_settings": { "api_key": "${secret:draft}", "model_name": "my-model" }\n}\n',
    );
    const r = await call('poe_pull_bot', { handle: 'DraftBot' });
    assert.deepEqual([r.data.outcome, r.data.file], ['updated', 'mine.poebot.json']);
    assert.match(r.text, /^Edited mine\.poebot\.json in place: description/);
    assert.match(read('mine.poebot.json'), /\/\/ ours[\s\S]*"\$\{secret:draft\}"/);

    write('mine.poebot.json', '<<<<<<< HEAD\n{ "handle": "DraftBot" }\n=======\n{}\n>>>>>>> theirs\n');
    const before = read('mine.poebot.json');
    const refused = await call('poe_pull_bot', { handle: 'DraftBot' });
    assert.deepEqual([refused.error, refused.data.outcome], [true, 'refused']);
    assert.match(refused.text, /merge-conflict markers \(line 1\)/);
    assert.equal(read('mine.poebot.json'), before);

    assert.match((await call('poe_pull_bot', { handle: 'NotMine' })).text, /Not on this Poe account: NotMine/);
  });

  it("poe_check_endpoint checks the endpoint with the file's key, only at an allowed host", async () => {
    const endpoint = await FakeEndpoint.start({ key: ENDPOINT_KEY });
    try {
      write(
        'Ep.poebot.json',
        JSON.stringify({
          handle: 'Ep',
          api_bot_settings: {
            base_url: endpoint.url,
            model_name: 'my-model',
            api_key: '${secret:ep}',
            pricing: { prompt: '0.000001', completion: '0.000002' },
          },
        }),
      );
      const secrets = { POE_SECRET_EP: ENDPOINT_KEY };
      const refused = await call('poe_check_endpoint', { file: 'Ep.poebot.json' }, envWith({ secrets }));
      assert.match(refused.text, /which this run does not allow/);
      assert.equal(endpoint.log.length, 0);
      const r = await call(
        'poe_check_endpoint',
        { file: 'Ep.poebot.json' },
        envWith({ secrets, allowHost: [`127.0.0.1:${endpoint.port}`] }),
      );
      assert.match(r.text, /✓ Key and model: The endpoint took the key from \$\{secret:ep\}/);
      assert.equal(r.data.handle, 'Ep');
      assert.ok(Array.isArray(r.data.rows));
    } finally {
      await endpoint.stop();
    }
  });

  it("poe_run_bot_tests runs a test file against its bot's endpoint: passes and failures with expected vs got, the key only at an allowed host", async () => {
    const endpoint = await FakeEndpoint.start({ key: ENDPOINT_KEY });
    try {
      write(
        'Ep.poebot.json',
        JSON.stringify({
          handle: 'Ep',
          api_bot_settings: { base_url: endpoint.url, model_name: 'my-model', api_key: '${secret:ep}' },
        }),
      );
      write(
        'Ep.poebot-test.json',
        JSON.stringify({
          bot: 'Ep.poebot.json',
          cases: [
            {
              name: 'says hello',
              messages: [{ role: 'user', content: 'Hi' }],
              assert: [{ type: 'contains', value: 'Hello' }],
            },
            {
              name: 'says goodbye',
              messages: [{ role: 'user', content: 'Hi' }],
              assert: [{ type: 'contains', value: 'Goodbye' }],
            },
          ],
        }),
      );
      const secrets = { POE_SECRET_EP: ENDPOINT_KEY };
      const refused = await call('poe_run_bot_tests', { file: 'Ep.poebot-test.json' }, envWith({ secrets }));
      assert.match(refused.text, /which this run does not allow/);
      assert.equal(endpoint.log.length, 0, 'nothing reached the endpoint before its host was allowed');
      const r = await call(
        'poe_run_bot_tests',
        { file: 'Ep.poebot-test.json' },
        envWith({ secrets, allowHost: [`127.0.0.1:${endpoint.port}`] }),
      );
      assert.match(r.text, /^Ep\.poebot-test\.json: 1 passed, 1 failed\./);
      assert.match(r.text, /✓ says hello/);
      assert.match(
        r.text,
        /✗ says goodbye\n {4}contains: expected a reply containing "Goodbye", got "Hello from my-model/,
      );
      assert.equal(r.error, true);
      assert.deepEqual((r.data.counts as Record<string, number>).passed, 1);
      assert.match(
        (await call('poe_run_bot_tests', { file: 'Ep.poebot.json' })).text,
        /is not a bot test file: its name must end in \.poebot-test\.json/,
      );
    } finally {
      await endpoint.stop();
    }
  });

  it('poe_try_bot talks to a public bot through Poe and says what it cost', async () => {
    const r = await call('poe_try_bot', { handle: 'GlmHelper', message: 'Hello there' });
    assert.equal(r.error, undefined, r.text);
    const cost = r.data.pointsCost as number;
    assert.ok(cost > 0);
    assert.equal(r.data.balance, 12345 - cost);
    assert.match(
      r.text,
      new RegExp(
        `^"GlmHelper" answered through Poe \\(it cost ${cost} points; balance: ${(12345 - cost).toLocaleString('en-US')} points\\)`,
      ),
    );
    const priv = await call('poe_try_bot', { handle: 'ThinkingTutor', message: 'Hi' });
    assert.equal(priv.error, true);
    assert.match(priv.text, /private/);
  });
});
