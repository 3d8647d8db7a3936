// Figures for the rooms that load on first use: Check Endpoint, Try Bot's stream reader and panel, and the command
// line. Each against a baseline measured in the same run.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { chat, checkEndpoint } from '../src/endpoint';
import { ReplyStream } from '../src/workbench/tryBot/replyStream';
import { renderMarkdown } from '../src/workbench/tryBot/markdown';
import { FakePoe } from '../test/fake-poe/server';
import { DEMO_KEY } from '../test/fake-poe/seeds';
import { FakeEndpoint } from '../test/fake-endpoint/server';
import { fingerprint } from '../src/botfile/normalize';
import { emptyLock, fieldDigests, keyDigest, parseLock, renderLock } from '../src/sync/lockFile';
import { median, pairedMedians, type Row } from './measure';

const ROOT = path.resolve(__dirname, '../..');

/** Reads a whole response the plain way: the least any client must do. */
async function raw(url: string, key: string, body: unknown, untilFirst = false): Promise<void> {
  const res = await request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!untilFirst) {
    await res.body.text();
    return;
  }
  for await (const chunk of res.body)
    if (String(chunk).includes('"content":"') && !String(chunk).includes('"content":""')) break;
  await res.body.dump().catch(() => undefined);
}

export async function endpointRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  // An endpoint that answers after 5 ms, as even a nearby model server does: against a zero-latency loopback fake
  // the ratio would weigh microseconds of bookkeeping as if they were network time.
  const LATENCY = 5;
  const ep = await FakeEndpoint.start({ contextLength: 131072, latencyMs: LATENCY });
  try {
    const settings = {
      base_url: ep.url,
      model_name: 'my-model',
      input_modalities: ['text', 'image'] as ('text' | 'image')[],
      supported_features: ['tools'] as 'tools'[],
      context_size: 131072,
      pricing: { prompt: '0.000001', completion: '0.000002' },
      param_definitions: [{ param_name: 'temperature', param_dest: 'extra_body' as const, default_value: 0.5 }],
    };
    const check = () => checkEndpoint({ handle: 'Bench', settings, key: ep.key, keyLabel: '${secret:Bench}' });
    ep.log.length = 0;
    const report = await check();
    if (!report.ok) throw new Error(`the bench check did not pass: ${report.summary}`);
    const sent = ep.log.map((c) => ({ path: c.path, body: c.body }));
    const direct = async () => {
      for (const c of sent) {
        if (c.body === undefined) {
          const r = await request(`http://127.0.0.1:${ep.port}${c.path}`, {
            headers: { authorization: `Bearer ${ep.key}` },
          });
          await r.body.text();
        } else await raw(`http://127.0.0.1:${ep.port}${c.path}`, ep.key, c.body);
      }
    };
    const runs = quick ? 9 : 25;
    await direct();
    const tCheck = await median(runs, check);
    const tDirect = await median(runs, direct);
    rows.push({
      figure: `Check Endpoint, ${report.rows.length} rows (${sent.length} requests, endpoint answering in ${LATENCY} ms)`,
      value: `${tCheck.toFixed(1)} ms`,
      baseline: `the same requests with undici ${tDirect.toFixed(1)} ms`,
      ratio: tCheck / tDirect,
      target: '≤ 1.2×',
      ok: tCheck / tDirect <= 1.2,
    });
  } finally {
    await ep.stop();
  }
  return rows;
}

export async function tryBotRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const poe = await FakePoe.start();
  try {
    const body = {
      model: 'GlmHelper',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
      stream_options: { include_usage: true },
    };
    const target = { baseUrl: `${poe.url}/v1`, key: DEMO_KEY, keyLabel: '$POE_API_KEY', who: 'Poe' };
    const ours = () =>
      new Promise<void>((resolve, reject) => {
        const ac = new AbortController();
        chat(
          target,
          { model: 'GlmHelper', messages: body.messages as never, stream: true },
          {
            signal: ac.signal,
            onText: () => {
              ac.abort();
              resolve();
            },
          },
        ).catch((e) => (ac.signal.aborted ? resolve() : reject(e)));
      });
    const runs = quick ? 15 : 41;
    await ours();
    const tOurs = await median(runs, ours);
    const tRaw = await median(runs, () => raw(`${poe.url}/v1/chat/completions`, DEMO_KEY, body, true));
    rows.push({
      figure: 'Try Bot: time to first words through Poe',
      value: `${tOurs.toFixed(2)} ms`,
      baseline: `raw undici stream ${tRaw.toFixed(2)} ms`,
      ratio: tOurs / tRaw,
      target: '≤ 1.1×',
      ok: tOurs / tRaw <= 1.1,
    });
  } finally {
    await poe.stop();
  }

  // 1,000 pieces: the reader, the panel's per-piece post and its coalesced Markdown renders, against reading the same
  // stream raw. The difference per piece is the extension's own work.
  const ep = await FakeEndpoint.start({});
  try {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const req = { model: 'my-model', messages: [{ role: 'user' as const, content: words }], stream: true };
    let pieces = 0;
    const ours = async () => {
      const turn = { id: 't1', role: 'assistant' as const, state: 'streaming' as const, text: '' };
      const stream = new ReplyStream(turn as never, () => undefined, renderMarkdown, 100);
      const r = await chat({ baseUrl: ep.url, key: ep.key, keyLabel: 'k' }, req, { onText: (d) => stream.push(d) });
      stream.finish();
      pieces = r.chunks;
    };
    const runs = quick ? 5 : 11;
    await ours();
    const tOurs = await median(runs, ours);
    const tRaw = await median(runs, () => raw(`${ep.url}/chat/completions`, ep.key, req));
    const perPiece = (tOurs - tRaw) / pieces;
    rows.push({
      figure: `Try Bot: ${pieces} streamed pieces to the panel`,
      value: `${perPiece.toFixed(3)} ms a piece`,
      baseline: `raw read ${tRaw.toFixed(1)} ms, ours ${tOurs.toFixed(1)} ms`,
      ratio: tOurs / tRaw,
      target: '≤ 5×',
      ok: tOurs / tRaw <= 5,
    });
  } finally {
    await ep.stop();
  }

  const media = path.join(ROOT, 'dist/media/try-bot');
  const kb = fs.readdirSync(media).reduce((sum, f) => sum + fs.statSync(path.join(media, f)).size, 0) / 1024;
  rows.push({
    figure: 'Try Bot panel assets (dist/media/try-bot)',
    value: `${kb.toFixed(0)} KB`,
    baseline: 'script + stylesheet, minified',
    target: '≤ 150 KB',
    ok: kb <= 150,
  });
  return rows;
}

export async function cliRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const cli = path.join(ROOT, 'dist/cli.js');
  const wall = (args: string[]) => {
    const t = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - t;
  };
  const runs = quick ? 7 : 15;
  const medianOf = (f: () => number) => {
    const xs = Array.from({ length: runs }, f).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)]!;
  };
  const tCli = medianOf(() => wall([cli, '--version']));
  const tNode = medianOf(() => wall(['-e', '0']));
  rows.push({
    figure: 'poe-bots --version (cold start)',
    value: `${tCli.toFixed(0)} ms`,
    baseline: `node -e 0 ${tNode.toFixed(0)} ms`,
    ratio: tCli / tNode,
    target: '≤ 2×',
    ok: tCli / tNode <= 2,
  });

  // plan over 1,000 files: one request, and within 1.5× of validate over the same files (both as processes).
  const many = 1000;
  const fake = await FakePoe.start({ seed: `many:${many}`, rateLimit: { perWindow: 100_000, windowMs: 60_000 } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-bench-plan-'));
  try {
    const env = { ...process.env, POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url };
    if ((await runAsync(cli, ['pull', dir], env)) !== 0) throw new Error('poe-bots pull failed in the bench');
    const timed = async (args: string[]) => {
      const t = performance.now();
      await runAsync(cli, args, env);
      return performance.now() - t;
    };
    fake.log.length = 0;
    await timed(['plan', dir]);
    const requests = fake.log.length;
    // Several runs in turns, not one of each: a single start of a process moves by tens of milliseconds.
    const [tPlan, tValidate] = await pairedMedians(
      runs,
      () => timed(['plan', dir]),
      () => timed(['validate', dir]),
    );
    rows.push({
      figure: `poe-bots plan over ${many} files: requests`,
      value: `${requests}`,
      baseline: `was ${many} (a GET per bot)`,
      target: '1',
      ok: requests === 1,
    });
    rows.push({
      figure: `poe-bots plan over ${many} files: time`,
      value: `${tPlan.toFixed(0)} ms`,
      baseline: `validate, same files ${tValidate.toFixed(0)} ms`,
      ratio: tPlan / tValidate,
      target: '≤ 1.5×',
      ok: tPlan / tValidate <= 1.5,
    });

    // push of 200 changed bots: N writes + at most N + 2 reads, none rejected by the rate limit.
    const changed = 200;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.poebot.json'))
      .sort()
      .slice(0, changed);
    for (const f of files) {
      const file = path.join(dir, f);
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/"description": "([^"]*)"/, '"description": "$1, pushed"'),
      );
    }
    fake.log.length = 0;
    fake.rejected429 = 0;
    const pushCode = await runAsync(cli, ['push', dir, '--yes'], env);
    const sent = fake.log.length;
    rows.push({
      figure: `poe-bots push of ${changed} changed bots`,
      value: `${sent} requests, ${fake.rejected429} rejected, exit ${pushCode}`,
      baseline: `was ${3 * changed}`,
      target: `≤ ${2 * changed + 2}, 0 rejected`,
      ok: sent <= 2 * changed + 2 && fake.rejected429 === 0 && pushCode === 0,
    });
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The lock file of 1,000 bots: read (parse) and write (render), against JSON.parse / JSON.stringify of the same.
  const lock = emptyLock();
  for (let i = 0; i < 1000; i++) {
    const bot = {
      handle: `Bot${i}`,
      description: `Bot number ${i}`,
      is_private: true,
      api_bot_settings: {
        model_name: 'm',
        base_url: 'https://api.example.com/v1',
        api_type: 'chat_completions_api',
        pricing: { prompt: '0.000001', completion: '0.000002' },
      },
    };
    lock.bots[`Bot${String(i).padStart(5, '0')}`] = {
      file: `Bot${i}.poebot.json`,
      fingerprint: fingerprint(bot),
      content: fingerprint({ i }),
      keyReference: '${secret:K}',
      keyHost: 'api.example.com',
      keyDigest: keyDigest('poe', `k${i}`),
      fields: fieldDigests(bot),
    };
  }
  const text = renderLock(lock);
  const tRead = await median(21, () => parseLock(text, 'bench'));
  const tWrite = await median(21, () => renderLock(lock));
  const tParse = await median(21, () => JSON.parse(text));
  rows.push({
    figure: 'read a 1,000-bot lock file',
    value: `${tRead.toFixed(2)} ms`,
    baseline: `JSON.parse ${tParse.toFixed(2)} ms (${(text.length / 1024).toFixed(0)} KB)`,
    ratio: tRead / tParse,
    target: '≤ 5 ms',
    ok: tRead <= 5,
  });
  rows.push({
    figure: 'write a 1,000-bot lock file',
    value: `${tWrite.toFixed(2)} ms`,
    baseline: `JSON.parse ${tParse.toFixed(2)} ms`,
    ratio: tWrite / tParse,
    target: '≤ 5 ms',
    ok: tWrite <= 5,
  });
  return rows;
}

/** A child process that does not block this one (the fake server answers it from here). */
function runAsync(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    spawn(process.execPath, [file, ...args], { env, stdio: 'ignore' }).on('exit', (c) => resolve(c ?? 1));
  });
}
