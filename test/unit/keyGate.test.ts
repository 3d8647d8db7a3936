// The key gate every caller passes (push, Check Endpoint, Try Bot; the editor and the command line), one rule at a
// time; and redaction that fails closed: before a cut, inside JSON values, across the pieces of a stream.
import assert from 'node:assert/strict';
import { keyGate, keyPolicy, keySources } from '../../src/cli/keys';
import { cliWords, terminalText } from '../../src/cli/output';
import { resolveKey } from '../../src/botfile/secrets';
import { chat, checkEndpoint } from '../../src/endpoint';
import { errorBodyMessage } from '../../src/endpoint/errors';
import { MASK, rememberSecret, redactStrings, StreamRedactor } from '../../src/poe';
import { errorFromResponse } from '../../src/poe/errors';
import { destinationOf, hostAllowed, passKeyGate, type KeyGate, type KeyUse } from '../../src/sync/keyGate';
import { FakeEndpoint } from '../fake-endpoint/server';

const use = (url: unknown, extra: Partial<KeyUse> = {}): KeyUse => ({
  handle: 'MyBot',
  reference: '${secret:K}',
  key: 'sk-endpoint-1234',
  url,
  purpose: 'checkEndpoint',
  ...extra,
});
const yes: KeyGate = { poeKey: async () => 'poe-key-abcdef', allow: async () => true };

describe('The key gate', () => {
  it('an address that does not parse is refused, never waved through (fail closed)', async () => {
    for (const url of ['https://evil.example:443a/v1', 'not a url', '', undefined, 'ftp://x.example']) {
      await assert.rejects(passKeyGate(yes, use(url)), /is not an address.*nothing was sent/, String(url));
    }
  });

  it('plain http only to this machine', async () => {
    await assert.rejects(
      passKeyGate(yes, use('http://api.example.com/v1')),
      /unencrypted to http:\/\/api\.example\.com/,
    );
    for (const url of [
      'http://127.0.0.1:8000/v1',
      'http://localhost:1/v1',
      'http://[::1]:2/v1',
      'https://api.example.com/v1',
    ]) {
      assert.ok(await passKeyGate(yes, use(url)), url);
    }
  });

  it('the Poe key is never an endpoint key, whichever reference it came from', async () => {
    await assert.rejects(
      passKeyGate(yes, use('https://api.example.com/v1', { key: 'poe-key-abcdef' })),
      /is your Poe API key: api\.example\.com would get it/,
    );
    // A stored key moving (no key sent) has nothing to compare.
    assert.ok(await passKeyGate(yes, use('https://api.example.com/v1', { key: undefined })));
  });

  it('the question comes last, and its answer is the refusal', async () => {
    const asked: string[] = [];
    const no: KeyGate = {
      allow: async (q) => {
        asked.push(q.destination.host);
        return 'not allowed here';
      },
    };
    await assert.rejects(passKeyGate(no, use('https://api.example.com:8443/v1')), /not allowed here/);
    await assert.rejects(passKeyGate(no, use('http://api.example.com/v1')), /unencrypted/);
    assert.deepEqual(asked, ['api.example.com:8443'], 'a fixed rule refuses before anyone is asked');
  });

  it("host allow lists: host alone is the scheme's own port; host:port exactly; case does not matter", () => {
    const d = (u: string) => destinationOf(u)!;
    assert.ok(hostAllowed(['API.example.com'], d('https://api.example.com/v1')));
    assert.ok(hostAllowed(['api.example.com:443'], d('https://api.example.com/v1')));
    assert.ok(!hostAllowed(['api.example.com'], d('https://api.example.com:8443/v1')));
    assert.ok(hostAllowed(['api.example.com:8443'], d('https://api.example.com:8443/v1')));
    assert.ok(!hostAllowed(['example.com'], d('https://api.example.com/v1')), 'no suffix matching');
    assert.ok(!hostAllowed(['api.example.com.evil.example'], d('https://api.example.com/v1')));
    assert.ok(hostAllowed(['[::1]:9'], d('http://[::1]:9/v1')));
  });
});

describe("The command line's key rules", () => {
  const env = {
    POE_API_KEY: 'poe-key-abcdef',
    AWS_SECRET_ACCESS_KEY: 'aws-secret-xyz',
    POE_SECRET_K: 'sk-endpoint-1234',
  };

  it('${env:NAME} only for names the run allows, never POE_API_KEY; ${secret:NAME} from POE_SECRET_<NAME>', async () => {
    const none = keySources(keyPolicy({}, false, env), env);
    await assert.rejects(
      resolveKey('${env:AWS_SECRET_ACCESS_KEY}', none),
      /\$\{env:AWS_SECRET_ACCESS_KEY\} is not read.*--allow-env AWS_SECRET_ACCESS_KEY.*POE_BOTS_ALLOW_ENV=AWS_SECRET_ACCESS_KEY/,
    );
    assert.equal(await resolveKey('${secret:K}', none), 'sk-endpoint-1234');
    const allowed = keySources(keyPolicy({ allowEnv: ['AWS_SECRET_ACCESS_KEY', 'POE_API_KEY'] }, false, env), env);
    assert.equal(await resolveKey('${env:AWS_SECRET_ACCESS_KEY}', allowed), 'aws-secret-xyz');
    await assert.rejects(resolveKey('${env:POE_API_KEY}', allowed), /names your Poe API key, which is never sent/);
    const fromEnv = keySources(keyPolicy({}, false, { ...env, POE_BOTS_ALLOW_ENV: 'A, AWS_SECRET_ACCESS_KEY' }), env);
    assert.equal(await resolveKey('${env:AWS_SECRET_ACCESS_KEY}', fromEnv), 'aws-secret-xyz');
  });

  it('a host needs allowing (flag, variable or a yes at a terminal); --yes is not asked, and a no names the flag', async () => {
    const target = use('https://collector.example/v1');
    await assert.rejects(
      passKeyGate(keyGate(keyPolicy({}, false, {}), undefined), target),
      /collector\.example.*nothing was sent for MyBot.*--allow-host collector\.example.*POE_BOTS_ALLOW_HOSTS=collector\.example/,
    );
    assert.ok(
      await passKeyGate(keyGate(keyPolicy({ allowHost: ['collector.example'] }, false, {}), undefined), target),
    );
    assert.ok(
      await passKeyGate(
        keyGate(keyPolicy({}, false, { POE_BOTS_ALLOW_HOSTS: 'x.example,collector.example' }), undefined),
        target,
      ),
    );
    const questions: string[] = [];
    const gate = keyGate(keyPolicy({}, true, {}), undefined, async (q) => {
      questions.push(q);
      return true;
    });
    assert.ok(await passKeyGate(gate, target));
    assert.ok(await passKeyGate(gate, target));
    assert.equal(questions.length, 1, 'asked once per reference and host');
    assert.match(
      questions[0]!,
      /The endpoint key from \$\{secret:K\} would go to collector\.example \(check-endpoint of MyBot\)\. Is collector\.example yours\? \[y\/N\]/,
    );
    const refused = keyGate(keyPolicy({}, true, {}), undefined, async () => false);
    await assert.rejects(passKeyGate(refused, target), /--allow-host collector\.example/);
    await assert.rejects(
      passKeyGate(keyGate(keyPolicy({ allowHost: ['collector.example'] }, false, {}), 'sk-endpoint-1234'), target),
      /is your Poe API key/,
      'an allowed host does not make the Poe key an endpoint key',
    );
  });
});

describe('Redaction that fails closed', () => {
  const KEY = 'sk-partial-0123456789abcdef';
  before(() => rememberSecret(KEY));

  it('a server message is redacted before it is cut: no part of a key survives the cut', () => {
    const body = JSON.stringify({ error: { message: `${'x'.repeat(150)} ${KEY}` } });
    assert.ok(!errorBodyMessage(`${'y'.repeat(150)}${KEY} tail`).message!.includes('sk-partial'));
    assert.ok(!JSON.stringify(errorBodyMessage(body)).includes('sk-partial'));
    const poe = errorFromResponse(500, `${'z'.repeat(110)}${KEY}`, 'GET', '/bots');
    assert.ok(!poe.message.includes('sk-partial') && !poe.message.includes('0123'), poe.message);
  });

  it('values are redacted, not serialized text: the JSON stays JSON', () => {
    const value = { a: `has ${KEY} inside`, list: [KEY, { api_key: 'literal-key-in-a-body' }], n: 3 };
    const text = JSON.stringify(redactStrings(value));
    assert.deepEqual(JSON.parse(text), { a: `has ${MASK} inside`, list: [MASK, { api_key: MASK }], n: 3 });
  });

  it('a key split across the pieces of a stream is still masked, and every other character arrives', () => {
    const text = `Hello, here it is: ${KEY}. And again: ${KEY}!`;
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const r = new StreamRedactor();
      let out = '';
      for (let i = 0; i < text.length; i += size) out += r.push(text.slice(i, i + size));
      out += r.end();
      assert.equal(out, `Hello, here it is: ${MASK}. And again: ${MASK}!`, `pieces of ${size}`);
    }
  });

  it("an endpoint that echoes its key: not in chat's text or pieces, not in any Check Endpoint row", async () => {
    const fake = await FakeEndpoint.start({ mode: 'echoKey', key: 'sk-echoed-endpoint-key-42' });
    try {
      const pieces: string[] = [];
      const r = await chat(
        { baseUrl: fake.url, key: fake.key, keyLabel: '${secret:E}' },
        { model: 'my-model', messages: [{ role: 'user', content: 'hi' }], stream: true },
        { onText: (d) => pieces.push(d) },
      );
      assert.equal(r.text, `Your key is ${MASK} ok.`);
      assert.ok(!pieces.join('').includes('sk-echoed') && pieces.join('') === r.text);
      const report = await checkEndpoint({
        handle: 'E',
        key: fake.key,
        keyLabel: '${secret:E}',
        settings: { base_url: fake.url, model_name: 'my-model' },
      });
      assert.ok(!JSON.stringify(report).includes('echoed-endpoint'), JSON.stringify(report));
      // A wrong key the endpoint quotes back deep in a long refusal.
      const wrong = await checkEndpoint({
        handle: 'E',
        key: 'sk-wrong-echoed-key-77',
        keyLabel: '${secret:E}',
        settings: { base_url: fake.url, model_name: 'my-model' },
      });
      assert.equal(wrong.rows.find((x) => x.id === 'keyModel')!.status, 'fail');
      assert.ok(
        !JSON.stringify(wrong).includes('wrong-echoed') && !JSON.stringify(wrong).includes('sk-wrong'),
        JSON.stringify(wrong),
      );
    } finally {
      await fake.stop();
    }
  });

  it('a call over plain http to this machine lets no later call take a key over plain http elsewhere', async () => {
    // chat() remembers the last address it allowed: a bot test's cases, sent over one kept-alive connection.
    const fake = await FakeEndpoint.start();
    try {
      for (let i = 0; i < 2; i++) {
        const r = await chat(
          { baseUrl: fake.url, key: fake.key, keyLabel: '${secret:E}' },
          { model: 'my-model', messages: [{ role: 'user', content: 'hi' }], stream: true },
        );
        assert.equal(r.ended, true);
      }
      for (const baseUrl of [
        'http://api.example.com/v1',
        'http://10.0.0.7:8080/v1',
        fake.url.replace('127.0.0.1', '127.0.0.1.nip.io'),
      ])
        await assert.rejects(
          chat({ baseUrl, key: fake.key, keyLabel: 'k' }, { model: 'my-model', messages: [], stream: true }),
          /never sent over plain http:\/\//,
          baseUrl,
        );
      const again = await chat(
        { baseUrl: fake.url, key: fake.key, keyLabel: '${secret:E}' },
        { model: 'my-model', messages: [{ role: 'user', content: 'hi' }], stream: true },
      );
      assert.equal(again.ended, true, 'and the local endpoint is still called');
    } finally {
      await fake.stop();
    }
  });

  it('a key never goes over plain http to another machine, whoever calls chat()', async () => {
    await assert.rejects(
      chat(
        { baseUrl: 'http://api.example.com/v1', key: 'sk-x-123456', keyLabel: 'k' },
        { model: 'm', messages: [], stream: false },
      ),
      /never sent over plain http:\/\/ to http:\/\/api\.example\.com/,
    );
  });
});

describe('The terminal is ours', () => {
  it('control characters from a server or a file are stripped: no cursor moves, no clipboard writes, no overwritten lines', () => {
    const evil = 'ok\u001b[2J\u001b]52;c;aGVsbG8=\u0007\rfake line\u009b31m\u202eabc\tend\n';
    assert.equal(terminalText(evil), 'ok[2J]52;c;aGVsbG8=fake line31mabc\tend\n');
  });

  it("the core's editor words become the command line's", () => {
    assert.equal(
      cliWords('Check your connection (or the poeBots.apiBaseUrl setting) and try again.'),
      'Check your connection (or POE_API_BASE_URL) and try again.',
    );
    assert.equal(
      cliWords('Store it under ${secret:K} ("Poe: Set Endpoint Secret").'),
      'Store it under ${secret:K} (POE_SECRET_<NAME>).',
    );
  });
});
