// The tools that call a bot: Check Endpoint (the creator's endpoint, as Poe will call it, its key through the key
// gate) and Try Bot through Poe (spends the account's points, and says how many).

import { endpointTarget, readBotFile } from '../botfile/read';
import { keyLabel, resolveKey } from '../botfile/secrets';
import { passKeyGate } from '../sync/keyGate';
import { costAfterReply } from '../poe';
import { schema } from './input';
import { FILE } from './readTools';
import { short, tool } from './tool';

export const checkEndpoint = tool({
  title: "Check a bot's endpoint",
  description:
    'Calls the endpoint a *.poebot.json file names, the way Poe will, and reports row by row: address (DNS, TLS), key and ' +
    'model, streaming, usage, and what the file declares, each with what to do. Use it when a bot does not answer or before a ' +
    "first push. At most one small request per row to the creator's own endpoint; the key goes only where the key gate allows. " +
    'Not for talking to a bot (poe_try_bot).',
  input: schema({ file: FILE }, ['file']),
  readOnly: true,
  async run(env, { file }, signal) {
    const ref = env.file(file);
    const target = endpointTarget(readBotFile((await env.read(ref)) ?? ''));
    if ('missing' in target)
      return {
        text: `${ref.label} needs a handle, base_url and model_name to be checked.`,
        data: { file: ref.label },
        error: true,
      };
    const { handle, settings, keyText } = target;
    if (keyText === undefined)
      return {
        text: `${ref.label} has no api_key reference to call the endpoint with.`,
        data: { file: ref.label },
        error: true,
      };
    const reference = keyLabel(keyText);
    const key = await resolveKey(keyText, env.keys);
    await passKeyGate(env.keyGate, { handle, reference, key, url: settings.base_url, purpose: 'checkEndpoint' }, env.t);
    const report = await env.endpoint().checkEndpoint({ handle, settings, key, keyLabel: reference }, { signal });
    const mark = { pass: '✓', warn: '!', fail: '✗', skip: '–' } as const;
    const rows = report.rows.map(
      (r) => `${mark[r.status]} ${r.title}: ${r.summary}${r.fix ? ` What to do: ${r.fix}` : ''}`,
    );
    return {
      text: short([report.summary, ...rows, report.assumption].join('\n')),
      data: { file: ref.label, ...report },
      error: report.ok ? undefined : true,
    };
  },
});

export const tryBot = tool({
  title: 'Try a bot through Poe',
  description:
    "Sends one message to a public bot through Poe's API, as a Poe user would, and returns its reply, the points it cost and " +
    "the balance left. It spends the account's points: use it only when the person asks to try a bot. Poe's API serves public " +
    'bots only. Not for diagnosing an endpoint (poe_check_endpoint costs no points).',
  input: schema(
    {
      handle: { type: 'string', description: 'The bot to talk to.', minLength: 1 },
      message: { type: 'string', description: 'The message to send, as a user would type it.', minLength: 1 },
    },
    ['handle', 'message'],
  ),
  readOnly: false,
  async confirm(_env, { handle, message }) {
    return {
      title: `Send a message to "${handle}" through Poe?`,
      lines: ['This spends points from your Poe account.', `Message: ${short(message, 500)}`],
    };
  },
  async run(env, { handle, message }, signal) {
    const poe = await env.poeChat();
    // Poe's clock and ours may differ: the cost is looked for from a little before the message was sent.
    const since = Date.now() - 5_000;
    const reply = await env
      .endpoint()
      .chat(
        { ...poe, keyLabel: '$POE_API_KEY', who: 'Poe' },
        { model: handle, messages: [{ role: 'user', content: message }], stream: true },
        { signal, timeoutMs: 5 * 60_000 },
      );
    const points = await costAfterReply(env.client, handle, since, { signal });
    const spent =
      points.pointsCost === undefined
        ? 'Poe has not reported its cost yet'
        : `it cost ${points.pointsCost.toLocaleString('en-US')} points`;
    const left = points.balance === undefined ? '' : `; balance: ${points.balance.toLocaleString('en-US')} points`;
    return {
      text: short(`"${handle}" answered through Poe (${spent}${left}). Its reply, as text:\n\n${reply.text}`),
      data: {
        handle,
        reply: reply.text,
        pointsCost: points.pointsCost ?? null,
        balance: points.balance ?? null,
        usage: reply.usage ?? null,
      },
    };
  },
});
