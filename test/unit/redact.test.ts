// Keys never reach the log: the redaction helper, and the client's own debug and trace lines.
import assert from 'node:assert/strict';
import { BaseUrlError, parseBaseUrl, redact, redactValue } from '../../src/poe';
import { DEMO_KEY } from '../fake-poe/seeds';
import { startHarness } from './helpers';

describe('Redaction', () => {
  it('masks api_key values, Bearer tokens and known secrets', () => {
    const text = `{"api_bot_settings":{"api_key":"sk-live-\\"quoted\\"-123","model_name":"m"}} Authorization: Bearer abc.def and ${DEMO_KEY}`;
    const out = redact(text, [DEMO_KEY]);
    assert.ok(!out.includes('sk-live'));
    assert.ok(!out.includes('abc.def'));
    assert.ok(!out.includes(DEMO_KEY));
    assert.ok(out.includes('"model_name":"m"'));
  });

  it('masks api_key in structured values without touching the original', () => {
    const body = { api_bot_settings: { api_key: 'sk-1', pricing: { prompt: '1' } }, list: [{ api_key: 'sk-2' }] };
    const out = redactValue(body);
    assert.ok(!JSON.stringify(out).includes('sk-'));
    assert.equal(body.api_bot_settings.api_key, 'sk-1');
  });

  it('the client logs requests at debug and bodies at trace, with no key in either', async () => {
    const h = await startHarness();
    try {
      await h.client.createBot({ handle: 'LogBot', api_bot_settings: { api_key: 'sk-endpoint-secret-999' } });
      await h.client
        .withKey('bad-key-7777777')
        .listBots()
        .catch(() => undefined);
      const all = h.logLines.join('\n');
      assert.match(all, /debug POST \/bots → 201/);
      assert.match(all, /trace POST \/bots request body: .*LogBot/);
      for (const secret of ['sk-endpoint-secret-999', DEMO_KEY, 'bad-key-7777777'])
        assert.ok(!all.includes(secret), secret);
    } finally {
      await h.fake.stop();
    }
  });
});

describe('Base URL', () => {
  it('accepts https and loopback http only', () => {
    assert.equal(parseBaseUrl(undefined).href, 'https://api.poe.com/');
    assert.equal(parseBaseUrl('http://127.0.0.1:8787').port, '8787');
    assert.equal(parseBaseUrl('http://localhost:1').hostname, 'localhost');
    assert.equal(parseBaseUrl('http://[::1]:2').hostname, '[::1]');
    assert.throws(() => parseBaseUrl('http://api.poe.com'), BaseUrlError);
    assert.throws(() => parseBaseUrl('http://127.0.0.1.evil.example'), BaseUrlError);
    assert.throws(() => parseBaseUrl('ftp://x'), BaseUrlError);
    assert.throws(() => parseBaseUrl('https://user:pw@api.poe.com'), BaseUrlError);
    assert.throws(() => parseBaseUrl('not a url'), /not a URL/);
  });
});
