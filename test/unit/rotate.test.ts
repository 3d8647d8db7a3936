// Rotating an endpoint key across the bots that use it, the core flow against the fake Poe and two fake endpoints:
// three bot files on ${secret:SHARED}, two of them on one endpoint. The new key is tried at each endpoint before Poe
// hears of it; then one PATCH of api_key per bot, one read-back, and the secret replaced only after.
import assert from 'node:assert/strict';
import { tryEndpointKey } from '../../src/endpoint';
import { rotateKey, rotationReference, type RotateEnv, type RotationConfirmation } from '../../src/sync';
import { FakeEndpoint } from '../fake-endpoint/server';
import { startHarness, type Harness } from './helpers';
import { botFile, MemoryBaselines } from './syncHelpers';

const OLD = 'sk-shared-old-0123456789';
const NEW = 'sk-shared-new-9876543210';

describe('Rotate an endpoint key', function () {
  this.timeout(20_000);
  let h: Harness;
  let a: FakeEndpoint;
  let b: FakeEndpoint;
  const files: Record<string, string> = {};
  const refs = ['/w/Alpha.poebot.json', '/w/Beta.poebot.json', '/w/Gamma.poebot.json', '/w/Other.poebot.json'].map(
    (id) => ({ id, label: id.slice(3) }),
  );

  async function start(bKey: string) {
    h = await startHarness();
    a = await FakeEndpoint.start({ key: NEW });
    b = await FakeEndpoint.start({ key: bKey });
    const where = { Alpha: a.url, Beta: a.url, Gamma: b.url, Other: a.url };
    for (const [handle, url] of Object.entries(where)) {
      const settings = { model_name: 'my-model', base_url: url, api_type: 'chat_completions_api' as const };
      h.fake.putBehindTheBack(
        { handle, description: handle, is_private: true, api_bot_settings: settings },
        'demo',
        OLD,
      );
      const api_key = handle === 'Other' ? '${secret:SOMETHING_ELSE}' : '${secret:SHARED}';
      files[`/w/${handle}.poebot.json`] = botFile({ handle, api_bot_settings: { ...settings, api_key } });
    }
  }
  afterEach(async () => {
    await h?.fake.stop();
    await a?.stop();
    await b?.stop();
  });

  function env(answer = true, gate: (host: string) => true | string = () => true) {
    const asked: RotationConfirmation[] = [];
    const stored: string[][] = [];
    const e: RotateEnv = {
      client: h.client,
      read: async (f) => files[f.id],
      files: refs,
      keyGate: { poeKey: async () => 'poe-demo-key-0123456789abcdef', allow: async (q) => gate(q.destination.host) },
      account: '"default" (fake)',
      tryKey: (handle, settings, key, label) => tryEndpointKey(handle, settings, key, label, { stepTimeoutMs: 5000 }),
      confirm: async (c) => {
        asked.push(c);
        return answer;
      },
      // What each bot holds at the moment the secret is replaced: every one must have the new key by then.
      replaceStored: async () => {
        stored.push(['Alpha', 'Beta', 'Gamma'].map((x) => h.fake.peek(x)!.apiKey!));
        return undefined;
      },
      baselines: new MemoryBaselines(),
    };
    return { e, asked, stored };
  }
  const writes = () => h.fake.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

  it('checks the new key at each distinct endpoint, asks once, sends three PATCHes of api_key only, then replaces the secret', async () => {
    await start(NEW);
    const { e, asked, stored } = env();
    const report = await rotateKey(e, '${secret:SHARED}', NEW);
    assert.equal(report.outcome, 'rotated', report.message);
    assert.equal(asked.length, 1, 'one confirmation');
    assert.deepEqual(
      asked[0]!.bots.map((x) => x.handle),
      ['Alpha', 'Beta', 'Gamma'],
      'the bot on another reference is left out',
    );
    assert.match(asked[0]!.detail, /Alpha \(Alpha\.poebot\.json\) → 127\.0\.0\.1:\d+/);
    assert.deepEqual(asked[0]!.hosts, [new URL(a.url).host, new URL(b.url).host].sort());
    assert.equal(report.endpoints.length, 2, 'two distinct endpoints, each tried once');
    assert.equal(a.log.filter((c) => c.authorized).length, 1);
    assert.equal(b.log.filter((c) => c.authorized).length, 1);
    assert.deepEqual(writes().sort(), ['PATCH /bots/Alpha', 'PATCH /bots/Beta', 'PATCH /bots/Gamma']);
    for (const r of h.fake.log.filter((x) => x.method === 'PATCH'))
      assert.deepEqual(r.body, { api_bot_settings: { api_key: NEW } });
    assert.deepEqual(stored, [[NEW, NEW, NEW]], 'replaced once, after every bot had the new key');
    assert.equal(h.fake.peek('Other')!.apiKey, OLD);
    assert.equal(h.fake.log.at(-1)!.method, 'GET', 'read back after the writes');
    assert.equal(report.stored, true);
  });

  it('an endpoint that refuses the new key: nothing is sent to Poe, the secret is not replaced, and the report says where', async () => {
    await start(OLD);
    const { e, stored } = env();
    const report = await rotateKey(e, '${secret:SHARED}', NEW);
    assert.equal(report.outcome, 'keyRefused');
    assert.deepEqual(writes(), [], 'no PATCH');
    assert.deepEqual(stored, []);
    assert.deepEqual(
      ['Alpha', 'Beta', 'Gamma'].map((x) => h.fake.peek(x)!.apiKey),
      [OLD, OLD, OLD],
    );
    assert.match(
      report.message,
      new RegExp(`did not work at ${new URL(b.url).host.replace(/\./g, '\\.')}: nothing was sent to Poe`),
    );
    assert.ok(!report.message.includes(NEW));
    assert.ok(report.bots.every((x) => x.outcome === 'notSent'));
  });

  it('a bot Poe refuses: listed with what to do, the others rotated, the secret kept', async () => {
    await start(NEW);
    h.fake.inject({
      method: 'PATCH',
      path: '/bots/Beta',
      fault: { status: 400, body: JSON.stringify({ error: { message: 'api_key rejected' } }) },
    });
    const { e, stored } = env();
    const report = await rotateKey(e, '${secret:SHARED}', NEW);
    assert.equal(report.outcome, 'partial');
    assert.deepEqual(stored, [], 'the old key is kept until every bot has the new one');
    assert.equal(report.bots.find((x) => x.handle === 'Beta')!.outcome, 'failed');
    assert.match(
      report.message,
      /2 of 3 bots have the new key; \$\{secret:SHARED\} kept the old key\. Fix what is said for Beta and rotate again/,
    );
    assert.match(report.message, /Alpha, Gamma must keep working with the new key/);
  });

  it('cancelled, or refused at the key gate: nothing is tried or sent', async () => {
    await start(NEW);
    const cancelled = await rotateKey(env(false).e, '${secret:SHARED}', NEW);
    assert.equal(cancelled.outcome, 'cancelled');
    const gated = await rotateKey(env(true, (host) => `not allowed: ${host}`).e, '${secret:SHARED}', NEW);
    assert.equal(gated.outcome, 'refused');
    assert.match(gated.message, /not allowed/);
    assert.deepEqual(writes(), []);
    assert.equal(a.log.length + b.log.length, 0, 'the new key went nowhere');
  });

  it("names a reference: ${secret:NAME}, ${env:NAME} or a secret's NAME; anything else is refused", async () => {
    assert.equal(rotationReference('SHARED'), '${secret:SHARED}');
    assert.equal(rotationReference('${env:MY_KEY}'), '${env:MY_KEY}');
    assert.throws(() => rotationReference('${nope}'), /is not a key reference/);
    await start(NEW);
    await assert.rejects(
      rotateKey(env().e, '${secret:NOBODY}', NEW),
      /No bot file here has api_key \$\{secret:NOBODY\}/,
    );
  });
});
