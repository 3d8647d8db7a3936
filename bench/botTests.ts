// Figures for the bot tests: a run of 100 cases against the fake endpoint at concurrency 4, against the same
// requests made with undici at the same concurrency; and discovering 1,000 cases (the read of the file, its bot
// and every matrix run), against JSON.parse of the same text.
import { request } from 'undici';
import { readBotFile } from '../src/botfile/read';
import type { KeySources } from '../src/botfile/secrets';
import { eachLimited } from '../src/sync/limit';
import { directSender, runCases } from '../src/tests';
import { loadTests } from '../src/tests/load';
import { planCases } from '../src/tests/matrix';
import { readTestFile } from '../src/tests/testFile';
import { FakeEndpoint } from '../test/fake-endpoint/server';
import { median, pairedMedians, type Row } from './measure';

export async function botTestRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  // An endpoint answering in 5 ms, as a nearby model server does (see endpointRows).
  const ep = await FakeEndpoint.start({ latencyMs: 5 });
  try {
    const bot = readBotFile(
      JSON.stringify({
        handle: 'Bench',
        api_bot_settings: {
          base_url: ep.url,
          model_name: 'my-model',
          api_key: '${secret:Bench}',
          pricing: { prompt: '0.000001', completion: '0.000002' },
        },
      }),
    );
    const view = readTestFile(
      JSON.stringify({
        bot: 'Bench.poebot.json',
        cases: Array.from({ length: 100 }, (_, i) => ({
          name: `case ${i}`,
          messages: [{ role: 'user', content: `Question number ${i}` }],
          assert: [
            { type: 'contains', value: `number ${i}` },
            { type: 'usage' },
            { type: 'max-cost-usd', value: 1 },
            { type: 'max-latency-ms', value: 10_000 },
          ],
        })),
      }),
    );
    const planned = planCases(view.cases, bot.bot);
    const sources: KeySources = { secret: async () => ep.key, env: () => undefined, allowEnv: false };
    const ours = async () => {
      const r = await runCases(
        planned,
        directSender({ bot, botLabel: 'Bench', gate: { allow: async () => true }, sources }),
      );
      if (r.results.some((x) => x.status !== 'passed')) throw new Error('a bench case did not pass');
    };
    ep.log.length = 0;
    await ours();
    const bodies = ep.log.map((c) => c.body);
    const direct = () =>
      eachLimited(bodies, 4, async (body) => {
        const res = await request(`${ep.url}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ep.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.body.text();
      });
    await direct();
    const runs = quick ? 3 : 9;
    // In turns: the fake endpoint and undici warm up during whichever runs first, which then looked the slower.
    const [tOurs, tDirect] = await pairedMedians(runs, ours, direct);
    rows.push({
      figure: 'bot tests: 100 cases at concurrency 4 (endpoint answering in 5 ms)',
      value: `${tOurs.toFixed(1)} ms`,
      baseline: `the same requests with undici ${tDirect.toFixed(1)} ms`,
      ratio: tOurs / tDirect,
      target: '≤ 1.1×',
      ok: tOurs / tDirect <= 1.1,
    });
  } finally {
    await ep.stop();
  }

  // Discovery: 1,000 cases, a tenth of them matrices over a bot with a drop-down and a switch.
  const botText = JSON.stringify({
    handle: 'Bench',
    api_bot_settings: {
      param_definitions: [
        { param_name: 'effort', param_dest: 'extra_body' },
        { param_name: 'think', param_dest: 'extra_body' },
      ],
    },
    parameter_controls: {
      api_version: '2',
      sections: [
        {
          controls: [
            {
              control: 'drop_down',
              label: 'Effort',
              parameter_name: 'effort',
              options: ['low', 'medium', 'high'].map((value) => ({ value, name: value })),
            },
            { control: 'toggle_switch', label: 'Think', parameter_name: 'think' },
          ],
        },
      ],
    },
  });
  const testText = JSON.stringify(
    {
      bot: 'Bench.poebot.json',
      cases: Array.from({ length: 1000 }, (_, i) => ({
        name: `case ${i}`,
        ...(i % 10 === 0 ? { matrix: 'controls' } : {}),
        messages: [{ role: 'user', content: `Question ${i}` }],
        assert: [{ type: 'icontains', value: 'question' }],
      })),
    },
    null,
    2,
  );
  const discover = () =>
    loadTests(
      testText,
      (b) => b,
      async () => botText,
    );
  await discover();
  const tDiscover = await median(quick ? 5 : 15, discover);
  const tParse = await median(quick ? 5 : 15, () => JSON.parse(testText));
  rows.push({
    figure: 'bot tests: discover 1,000 cases (100 of them matrices)',
    value: `${tDiscover.toFixed(1)} ms`,
    baseline: `JSON.parse ${tParse.toFixed(1)} ms`,
    ratio: tDiscover / tParse,
    target: '≤ 200 ms',
    ok: tDiscover <= 200,
  });
  return rows;
}
