// The usage client over the Bots API client: the balance, the points history (and its older app_name), a wrong
// shape as a 'server' error, and picking what the last message to a bot cost.
import assert from 'node:assert/strict';
import {
  PoeApiError,
  costAfterReply,
  currentBalance,
  newestCostFor,
  pointsHistory,
  type PointsEntry,
} from '../../src/poe';
import { fakeReply, pointsFor, usageOf } from '../fake-poe/chatReply';
import { startHarness, type Harness } from './helpers';

const entry = (bot_name: string, creation_time: number, cost_points: number, usage_type = 'API'): PointsEntry => ({
  bot_name,
  creation_time,
  cost_points,
  usage_type,
  query_id: `${bot_name}-${creation_time}`,
});

describe('Usage client', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it('reads the balance, and the cost of a message from the history', async () => {
    assert.equal(await currentBalance(h.client), 12_345);
    const since = Date.now() - 5000;
    h.fake.chat.setBalance('demo', 1000);
    const messages = [{ role: 'user', content: 'hi' }];
    // The message itself goes through the fake directly: the usage client only reads.
    const res = await fetch(`${h.fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer poe-demo-key-0123456789abcdef', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'GlmHelper', messages }),
    });
    assert.equal(res.status, 200);
    const cost = pointsFor(usageOf(messages, fakeReply('GlmHelper', messages)));
    const page = await pointsHistory(h.client, { limit: 5 });
    assert.equal(page.has_more, false);
    assert.equal(newestCostFor(page.data, 'GlmHelper', since)?.cost_points, cost);
    assert.equal(newestCostFor(page.data, 'glmhelper', since)?.cost_points, cost, 'handles match regardless of case');
    assert.equal(await currentBalance(h.client), 1000 - cost);
    assert.equal(h.fake.log.at(-2)?.path, '/usage/points_history');
  });

  it('asks for at most 100 a page and passes starting_after', async () => {
    // The fake refuses a limit over 100, so a page at all shows the limit was brought down.
    assert.equal((await pointsHistory(h.client, { limit: 500 })).data.length, 2);
    assert.deepEqual(await pointsHistory(h.client, { startingAfter: 'demo-canvas-1' }), {
      has_more: false,
      data: [
        {
          creation_time: h.fake.chat.entries('demo')[1]!.creation_time,
          bot_name: 'Claude-Sonnet-4',
          query_id: 'demo-web-1',
          usage_type: 'Chat',
          cost_points: 310,
        },
      ],
    });
    const one = await pointsHistory(h.client, { limit: 1 });
    assert.deepEqual([one.data.length, one.has_more], [1, true]);
  });

  it('accepts app_name, the older name of bot_name', async () => {
    h.fake.inject({
      path: '/usage/points_history',
      fault: {
        status: 200,
        body: JSON.stringify({
          has_more: false,
          length: 1,
          data: [{ creation_time: 5, app_name: 'OldBot', query_id: 'q', usage_type: 'API', cost_points: 7 }],
        }),
      },
    });
    const page = await pointsHistory(h.client);
    assert.deepEqual(page.data, [
      { creation_time: 5, bot_name: 'OldBot', query_id: 'q', usage_type: 'API', cost_points: 7 },
    ]);
  });

  it('turns a shape other than the documented one into a server error', async () => {
    const wrong = [
      ['/usage/current_balance', { balance: 3 }],
      ['/usage/current_balance', { current_point_balance: '3' }],
      ['/usage/points_history', { has_more: false }],
      ['/usage/points_history', { has_more: 'no', data: [] }],
      ['/usage/points_history', { data: [{ creation_time: 1, bot_name: 'x', query_id: 'q', usage_type: 'API' }] }],
    ] as const;
    for (const [path, body] of wrong) {
      h.fake.inject({ path, fault: { status: 200, body: JSON.stringify(body) } });
      const read = path === '/usage/current_balance' ? currentBalance(h.client) : pointsHistory(h.client);
      await assert.rejects(
        read,
        (e: unknown) => e instanceof PoeApiError && e.kind === 'server' && /usage API/.test(e.message),
        JSON.stringify(body),
      );
    }
  });

  it('costAfterReply: the points and the balance together, or what of them Poe gave', async () => {
    const since = Date.now() - 5000;
    assert.deepEqual(
      await costAfterReply(h.client, 'GlmHelper', since),
      { pointsCost: undefined, balance: 12_345 },
      'no message yet',
    );
    h.fake.inject({ path: '/usage/current_balance', times: 5, fault: { status: 500 } }); // every retry too
    const partial = await costAfterReply(h.client, 'GlmHelper', since);
    assert.equal(partial.balance, undefined, 'a failing balance leaves the balance out, and does not throw');
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(costAfterReply(h.client, 'GlmHelper', since, { signal: ac.signal }));
  });

  it("passes Poe's own errors through as typed errors", async () => {
    h.fake.inject({
      path: '/usage/current_balance',
      fault: {
        status: 401,
        body: JSON.stringify({ error: { code: 401, type: 'authentication_error', message: 'bad key' } }),
      },
    });
    await assert.rejects(
      currentBalance(h.client),
      (e: unknown) => e instanceof PoeApiError && e.kind === 'auth' && e.serverMessage === 'bad key',
    );
  });
});

describe('newestCostFor', () => {
  const history = [
    entry('Other', 900, 1),
    entry('MyBot', 500, 10),
    entry('MyBot', 800, 20, 'Chat'),
    entry('MyBot', 700, 30),
    entry('MyBot', 600, 40),
  ];

  it('picks the newest API entry of that bot, whatever the order', () => {
    assert.equal(newestCostFor(history, 'MyBot')?.cost_points, 30);
    assert.equal(newestCostFor([...history].reverse(), 'MyBot')?.cost_points, 30);
  });

  it('leaves out entries before `since` (milliseconds; creation_time is in microseconds)', () => {
    assert.equal(newestCostFor(history, 'MyBot', 0.7)?.cost_points, 30);
    assert.equal(newestCostFor(history, 'MyBot', 0.75), undefined);
  });

  it('is undefined for a bot with no API entry', () => {
    assert.equal(newestCostFor(history, 'Nobody'), undefined);
    assert.equal(newestCostFor([], 'MyBot'), undefined);
  });
});
