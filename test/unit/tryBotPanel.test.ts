// The Try Bot panel's parts that need no editor: the check of what the webview sends, the conversation it restores,
// the page's security policy, the reply stream's coalescing, and the next request as the Request disclosure shows it.
import assert from 'node:assert/strict';
import { rememberSecret } from '../../src/poe';
import { Conversation } from '../../src/workbench/tryBot/conversation';
import { contentSecurityPolicy, panelPage, type PageInput } from '../../src/workbench/panelPage';

/** The page the Try Bot panel makes: an empty root its script fills in. */
const tryBotHtml = (p: PageInput) => panelPage({ ...p, body: '<div id="app"></div>' });
import { parseFromWebview, type ToWebview, type TurnView } from '../../src/workbench/tryBot/protocol';
import { ReplyStream } from '../../src/workbench/tryBot/replyStream';
import { defaultRoute, paramsFor, requestView, type PanelModel } from '../../src/workbench/tryBot/request';
import type { TryRoute } from '../../src/workbench/tryBot/route';
import { until } from './helpers';

describe('Try Bot: messages from the webview', () => {
  it('accepts each message the webview sends, exactly', () => {
    const good = [
      { type: 'ready' },
      { type: 'stop' },
      { type: 'newConversation' },
      { type: 'resetValues' },
      { type: 'send', text: 'hi' },
      { type: 'draft', text: '' },
      { type: 'setRoute', route: 'direct' },
      { type: 'setValue', name: 'enable_thinking', value: false },
      { type: 'setValue', name: 'n', value: 2.5 },
      { type: 'setValue', name: 's', value: 'x' },
      { type: 'openLink', href: 'https://poe.com/x' },
    ];
    for (const m of good) assert.deepEqual(parseFromWebview(JSON.parse(JSON.stringify(m))), m, JSON.stringify(m));
  });

  it('refuses anything else: unknown types, extra or missing keys, wrong types, sizes and schemes', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'unknown' },
      { type: 'ready', extra: 1 },
      { type: 'send' },
      { type: 'send', text: '   ' },
      { type: 'send', text: 'x'.repeat(100_001) },
      { type: 'send', text: 5 },
      { type: 'setRoute', route: 'sideways' },
      { type: 'setValue', name: 'a-b', value: 1 },
      { type: 'setValue', name: 'a', value: { nested: true } },
      { type: 'setValue', name: 'a', value: Number.NaN },
      { type: 'setValue', name: 'a' },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'command:workbench.action.quit' },
      { type: 'openLink', href: 'file:///etc/passwd' },
      { type: 'openLink', href: `https://x/${'a'.repeat(3000)}` },
      { type: '__proto__' },
    ];
    for (const m of bad) assert.equal(parseFromWebview(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });
});

describe('Try Bot: the conversation', () => {
  it('sends what was said, leaving out a question whose reply failed before any text', () => {
    const c = new Conversation();
    c.addUser('one');
    Object.assign(c.addReply(), { text: 'reply one', state: 'done' });
    c.addUser('two');
    Object.assign(c.addReply(), { text: '', state: 'error', error: '402' });
    c.addUser('three');
    Object.assign(c.addReply(), { text: 'half', state: 'stopped' });
    c.addUser('four');
    c.addReply();
    assert.deepEqual(c.messages(), [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'reply one' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'half' },
      { role: 'user', content: 'four' },
    ]);
  });

  it('restores turns from saved state, field by field, never taking HTML back', () => {
    const c = new Conversation();
    c.restore({
      turns: [
        { role: 'user', text: 'hi', state: 'done', html: '<img src=x onerror=alert(1)>' },
        { role: 'assistant', text: 'partial', state: 'streaming', meta: 'm', extra: 'dropped' },
        { role: 'system', text: 'no' },
        { role: 'user', text: 7 },
        null,
        { role: 'assistant', text: 'e', state: 'error', error: 'E' },
      ],
    });
    assert.deepEqual(
      c.turns.map(({ id: _id, ...t }) => t),
      [
        { role: 'user', text: 'hi', state: 'done' },
        { role: 'assistant', text: 'partial', state: 'stopped', meta: 'm' },
        { role: 'assistant', text: 'e', state: 'error', error: 'E' },
      ],
    );
    assert.equal(new Set(c.turns.map((t) => t.id)).size, 3, 'fresh ids');
    c.restore('garbage');
    assert.deepEqual(c.turns, []);
  });
});

describe('Try Bot: the page', () => {
  it("has a strict policy: nothing by default, scripts by nonce only, styles and fonts from the webview's own source", () => {
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123');
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123'; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
    assert.throws(() => contentSecurityPolicy('x" onload="y', 'n'));
  });

  it('loads one script, by that nonce, and nothing inline', () => {
    const page = tryBotHtml({
      cspSource: 'vscode-webview:',
      scriptUri: 'vscode-webview:/main.js',
      styleUri: 'vscode-webview:/style.css',
      title: 'Try <b>',
      lang: 'en',
    });
    const nonce = /script-src 'nonce-([^']+)'/.exec(page)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a fresh random nonce');
    assert.deepEqual(page.match(/<script[^>]*>/g), [`<script nonce="${nonce}" src="vscode-webview:/main.js">`]);
    assert.ok(!/<style|\sstyle=|\son\w+=/i.test(page), 'no inline style or handler');
    assert.ok(page.includes('<title>Try &#60;b&#62;</title>'));
    assert.notEqual(
      nonce,
      /'nonce-([^']+)'/.exec(
        tryBotHtml({ cspSource: 'x', scriptUri: 'a', styleUri: 'b', title: 't', lang: 'en' }),
      )?.[1],
    );
  });
});

describe('Try Bot: a streamed reply', () => {
  it('posts every piece at once and renders at most every interval, then once at the end', async () => {
    const turn: TurnView = { id: 7, role: 'assistant', text: '', state: 'streaming' };
    const posted: ToWebview[] = [];
    let renders = 0;
    const stream = new ReplyStream(
      turn,
      (m) => posted.push(m),
      (t) => {
        renders++;
        return `<p>${t.length}</p>`;
      },
      20,
    );
    const started = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) stream.push('ab');
    const perChunkMs = Number(process.hrtime.bigint() - started) / 1e6 / 2000;
    assert.ok(perChunkMs < 0.1, `${perChunkMs.toFixed(4)} ms per chunk`);
    assert.equal(posted.filter((m) => m.type === 'delta').length, 2000);
    assert.equal(renders, 0, 'no render inside the burst');
    assert.equal(turn.text.length, 4000, 'the turn holds the text so far');
    await until('the coalesced render', () => posted.some((m) => m.type === 'rendered'));
    assert.deepEqual(
      posted.filter((m) => m.type === 'rendered'),
      [{ type: 'rendered', turn: 7, keep: 0, html: '<p>4000</p>', stable: 0, length: 4000 }],
    );
    stream.push('');
    stream.finish();
    assert.equal(renders, 2);
    assert.deepEqual([turn.html, turn.renderedLength], ['<p>4000</p>', 4000]);
  });
});

describe('Try Bot: the next request', () => {
  const route = (id: 'poe' | 'direct', available: boolean, paramsEditable = id === 'direct'): TryRoute => ({
    id,
    label: id,
    available,
    paramsEditable,
    describe: (messages, params) => ({
      url: `https://${id}.example/v1/chat/completions`,
      body: { model: 'm', messages, api_key: 'sk-live-123456', ...params },
    }),
    send: async () => ({ text: '' }),
  });
  const bot = {
    handle: 'B',
    description: '',
    is_private: false,
    api_bot_settings: { param_definitions: [{ param_name: 't', param_dest: 'extra_body' as const }] },
    parameter_controls: {
      api_version: '2' as const,
      sections: [{ controls: [{ control: 'toggle_switch', label: 'T', parameter_name: 't' }] }],
    },
  };
  const model = (r: TryRoute, draft = 'next'): PanelModel => {
    const conversation = new Conversation();
    conversation.addUser('first');
    Object.assign(conversation.addReply(), { text: 'answer', state: 'done' });
    return { handle: 'B', bot, routes: [r], route: r, values: { t: true }, conversation, draft, busy: false };
  };

  it('starts on Poe for a public bot, else on the first route that can carry a message', () => {
    assert.equal(defaultRoute([route('direct', true), route('poe', true)]), 'poe');
    assert.equal(defaultRoute([route('poe', false), route('direct', true)]), 'direct');
    assert.equal(defaultRoute([route('poe', false), route('direct', true)], 'poe'), 'poe', 'a restored choice stands');
    assert.equal(defaultRoute([route('poe', false)], 'sideways'), 'poe');
    assert.equal(defaultRoute([]), undefined);
  });

  it('shows the conversation, the draft as the next message, the parameters the route can pass, and no key', () => {
    rememberSecret('sk-endpoint-secret-42');
    const direct = requestView({ ...model(route('direct', true)), draft: 'say sk-endpoint-secret-42' });
    assert.equal(direct.url, 'https://direct.example/v1/chat/completions');
    assert.deepEqual(JSON.parse(direct.body), {
      model: 'm',
      api_key: '«redacted»',
      t: true,
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'say «redacted»' },
      ],
    });
    assert.deepEqual(paramsFor(model(route('poe', true))), {}, 'none through Poe');
    assert.equal(JSON.parse(requestView(model(route('poe', true))).body).t, undefined);
  });

  it('shows why, when the route cannot describe a request', () => {
    const broken = {
      ...route('direct', true),
      describe: () => {
        throw new Error('base_url is missing');
      },
    };
    assert.deepEqual(requestView(model(broken)), { method: 'POST', url: '', body: 'base_url is missing' });
  });
});
