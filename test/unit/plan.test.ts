// The push planner: for every verb, which request goes out, what it changes, what it resets, and when the
// endpoint key is sent.
import assert from 'node:assert/strict';
import { notTaken, planPush } from '../../src/botfile/plan';
import type { Bot } from '../../src/poe/types';

const remote: Bot = {
  handle: 'Bot',
  description: 'old',
  is_private: true,
  api_bot_settings: {
    model_name: 'm',
    base_url: 'https://e.example/v1',
    api_type: 'chat_completions_api',
    input_modalities: ['text'],
    pricing: {
      prompt: '0.000001',
      completion: '0.000002',
      context_pricing: { tiers: [{ min_tokens: 1000, prompt: '0.000002' }] },
    },
    param_definitions: [{ param_name: 't', param_dest: 'extra_body', default_value: 1 }],
  },
  parameter_controls: {
    api_version: '2',
    sections: [
      { controls: [{ control: 'slider', label: 'T', parameter_name: 't', min_value: 0, max_value: 2, step: 0.1 }] },
    ],
  },
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the bot freely
const file = (change: (b: Record<string, any>) => void = () => undefined): Record<string, unknown> => {
  const b = structuredClone({
    $schema: 'poebot-schema:/poebot.schema.json',
    ...remote,
    api_bot_settings: { ...remote.api_bot_settings, api_key: '${secret:K}' },
  }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  change(b);
  return b;
};

describe('Push plan: update', () => {
  it('an identical file is a no-op: nothing to send', () => {
    const p = planPush({ verb: 'update', local: file(), remote, key: 'sk', keyChanged: false });
    assert.equal(p.noop, true);
    assert.deepEqual(p.body, {});
  });

  it('key order and $schema do not count as changes', () => {
    const reordered = file();
    const { handle, description, ...rest } = reordered;
    const p = planPush({
      verb: 'update',
      local: { ...rest, description, handle },
      remote,
      key: 'sk',
      keyChanged: false,
    });
    assert.equal(p.noop, true);
  });

  it('a scalar: only that field', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        b.description = 'new';
      }),
      remote,
      key: 'sk',
      keyChanged: false,
    });
    assert.deepEqual(p.body, { description: 'new' });
    assert.deepEqual(p.changed, ['description']);
    assert.equal(p.method, 'PATCH');
  });

  it('a settings scalar: inside api_bot_settings, alone', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.model_name = 'm2';
      }),
      remote,
    });
    assert.deepEqual(p.body, { api_bot_settings: { model_name: 'm2' } });
  });

  it('an array: sent whole', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.input_modalities = ['text', 'image'];
      }),
      remote,
    });
    assert.deepEqual(p.body, { api_bot_settings: { input_modalities: ['text', 'image'] } });
  });

  it('one price, or one tier: the whole pricing object goes', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.pricing.context_pricing.tiers[0].prompt = '0.000003';
      }),
      remote,
    });
    const pricing = (p.body.api_bot_settings as { pricing: unknown }).pricing;
    assert.deepEqual(pricing, {
      prompt: '0.000001',
      completion: '0.000002',
      context_pricing: { tiers: [{ min_tokens: 1000, prompt: '0.000003' }] },
    });
    assert.deepEqual(p.changed, ['api_bot_settings.pricing']);
  });

  it('one control: the whole parameter_controls goes', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        b.parameter_controls.sections[0].controls[0].max_value = 3;
      }),
      remote,
    });
    assert.deepEqual(Object.keys(p.body), ['parameter_controls']);
    assert.equal(
      (p.body.parameter_controls as { sections: { controls: { max_value: number }[] }[] }).sections[0]!.controls[0]!
        .max_value,
      3,
    );
  });

  it('fields the file dropped are kept on Poe, since PATCH cannot remove them; nothing is said to be reset', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        delete b.parameter_controls;
        delete b.api_bot_settings.param_definitions;
        b.description = 'x';
      }),
      remote,
    });
    assert.deepEqual(p.body, { description: 'x' });
    assert.deepEqual(p.keptOnPoe, ['api_bot_settings.param_definitions', 'parameter_controls']);
    assert.deepEqual(p.resets, []);
  });

  it('a key dropped inside a nested object may stay on Poe, depending on how deep Poe merges', () => {
    const p = planPush({
      verb: 'update',
      local: file((b) => {
        delete b.api_bot_settings.pricing.context_pricing;
        b.api_bot_settings.pricing.prompt = '0.000009';
      }),
      remote,
    });
    assert.deepEqual(p.changed, ['api_bot_settings.pricing']);
    assert.deepEqual(p.mayStayOnPoe, ['api_bot_settings.pricing.context_pricing']);
    assert.deepEqual(p.keptOnPoe, []);
  });

  it('key use: the reference and the host it is for; a base_url host change while Poe keeps its key is named', () => {
    const sends = planPush({
      verb: 'update',
      local: file((b) => {
        b.description = 'x';
      }),
      remote,
      key: 'sk-1',
      keyChanged: true,
    });
    assert.deepEqual(sends.key, {
      sends: true,
      reference: '${secret:K}',
      host: 'e.example',
      url: 'https://e.example/v1',
    });
    const moves = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.base_url = 'https://new-host.example/v1';
      }),
      remote,
      key: 'sk-1',
      keyChanged: false,
    });
    assert.equal(moves.sendsKey, false);
    assert.deepEqual(moves.key, {
      sends: false,
      reference: '${secret:K}',
      host: 'new-host.example',
      url: 'https://new-host.example/v1',
      storedKeyMovesTo: 'new-host.example',
      storedKeyWasFor: 'e.example',
    });
    const samePlace = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.base_url = 'https://e.example/v2';
      }),
      remote,
      key: 'sk-1',
      keyChanged: false,
    });
    assert.equal(samePlace.key.storedKeyMovesTo, undefined, 'another path on the same host is not a move');
    // Fail closed: an address that does not parse has no host to compare, so it counts as a move (and is shown).
    const unparsable = planPush({
      verb: 'update',
      local: file((b) => {
        b.api_bot_settings.base_url = 'https://evil.example:443a/v1';
      }),
      remote,
      key: 'sk-1',
      keyChanged: false,
    });
    assert.equal(unparsable.key.storedKeyMovesTo, '"https://evil.example:443a/v1"');
    assert.equal(unparsable.key.storedKeyWasFor, 'e.example');
    assert.equal(
      planPush({
        verb: 'update',
        local: file((b) => {
          b.api_bot_settings.api_key = 'sk-written-out';
          b.description = 'x';
        }),
        remote,
        key: 'sk-written-out',
        keyChanged: true,
      }).key.reference,
      'api_key',
      'a key written out is never its own label',
    );
  });

  it('an http base_url is never pushed: Poe would send the key in clear', () => {
    for (const verb of ['create', 'update', 'replace', 'auto'] as const) {
      const p = planPush({
        verb,
        local: file((b) => {
          b.api_bot_settings.base_url = 'http://127.0.0.1:8000/v1';
        }),
        remote,
        key: 'sk',
      });
      assert.match(p.refusal!, /http:\/\/ address .* must be https/, verb);
    }
  });

  it('the key: not sent when unchanged, sent when it changed or when asked', () => {
    const base = {
      verb: 'update' as const,
      local: file((b) => {
        b.description = 'x';
      }),
      remote,
      key: 'sk-1',
    };
    assert.equal(planPush({ ...base, keyChanged: false }).sendsKey, false);
    assert.ok(!JSON.stringify(planPush({ ...base, keyChanged: false }).body).includes('sk-1'));
    const changed = planPush({ ...base, keyChanged: true });
    assert.equal(changed.sendsKey, true);
    assert.equal((changed.body.api_bot_settings as { api_key: string }).api_key, 'sk-1');
    assert.equal(planPush({ ...base, keyChanged: false, sendKey: true }).sendsKey, true);
  });

  it('only a changed key is still a push', () => {
    const p = planPush({ verb: 'update', local: file(), remote, key: 'sk-2', keyChanged: true });
    assert.equal(p.noop, false);
    assert.deepEqual(p.body, { api_bot_settings: { api_key: 'sk-2' } });
  });

  it('is refused for a bot that does not exist', () => {
    assert.match(planPush({ verb: 'update', local: file(), remote: undefined }).refusal!, /does not exist/);
  });
});

describe('Push plan: create, replace, auto', () => {
  it('auto: create when the bot is not there, update when it is', () => {
    assert.equal(planPush({ verb: 'auto', local: file(), remote: undefined }).verb, 'create');
    assert.equal(planPush({ verb: 'auto', local: file(), remote }).verb, 'update');
  });

  it('create: the whole bot with its handle and key, never $schema; refused for an existing handle', () => {
    const p = planPush({ verb: 'create', local: file(), remote: undefined, key: 'sk' });
    assert.equal(p.method, 'POST');
    assert.equal((p.body as { handle: string }).handle, 'Bot');
    assert.equal((p.body.api_bot_settings as { api_key: string }).api_key, 'sk');
    assert.ok(!('$schema' in p.body));
    assert.equal(p.sendsKey, true);
    assert.match(planPush({ verb: 'create', local: file(), remote, key: 'sk' }).refusal!, /already exists.*upsert/);
  });

  it('create without a key field sends no key', () => {
    const p = planPush({
      verb: 'create',
      local: file((b) => {
        delete b.api_bot_settings.api_key;
      }),
      remote: undefined,
    });
    assert.equal(p.sendsKey, false);
    assert.ok(!('api_key' in (p.body.api_bot_settings as object)));
  });

  it('replace: the whole bot without handle, with the key, and the list of what it resets', () => {
    const p = planPush({
      verb: 'replace',
      local: file((b) => {
        delete b.parameter_controls;
        delete b.description;
      }),
      remote,
      key: 'sk',
    });
    assert.equal(p.method, 'PUT');
    assert.ok(!('handle' in p.body));
    assert.equal((p.body.api_bot_settings as { api_key: string }).api_key, 'sk');
    assert.deepEqual(p.resets, ['description', 'parameter_controls']);
  });

  it('replace is refused without a resolvable key, or without a key field', () => {
    assert.match(
      planPush({ verb: 'replace', local: file(), remote, key: undefined }).refusal!,
      /needs the endpoint key/,
    );
    assert.match(
      planPush({
        verb: 'replace',
        local: file((b) => {
          delete b.api_bot_settings.api_key;
        }),
        remote,
        key: 'sk',
      }).refusal!,
      /needs the endpoint key/,
    );
  });
});

describe('Push plan: reading back', () => {
  it('reports the sent fields Poe does not show, never the key', () => {
    const sent = {
      description: 'new',
      api_bot_settings: { api_key: 'sk', model_name: 'm2', pricing: { prompt: '1' } },
    };
    const after: Bot = {
      handle: 'Bot',
      description: 'new',
      is_private: true,
      api_bot_settings: { model_name: 'm2', pricing: { prompt: '2' } },
    };
    assert.deepEqual(notTaken(sent, after), ['api_bot_settings.pricing']);
  });
});
