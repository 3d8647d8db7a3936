// Figures for `poe-bots mcp`: how soon a fresh server answers tools/list, against `node -e 0`; and a whole session
// that lists the account's bots through MCP, against `poe-bots list --json` doing the same. Both in the same run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { FakePoe } from '../test/fake-poe/server';
import { DEMO_KEY } from '../test/fake-poe/seeds';
import type { Row } from './measure';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
};
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

/** Milliseconds from spawning `poe-bots mcp` to the answer to `request` (id 2), the session then closed. */
function session(request: object, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [CLI, 'mcp'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let ms: number | undefined;
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      if (
        ms === undefined &&
        out.split('\n').some((l) => l.startsWith('{') && (JSON.parse(l) as { id?: number }).id === 2)
      ) {
        ms = performance.now() - t;
        child.stdin.end();
      }
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      ms === undefined ? reject(new Error(`poe-bots mcp ended (exit ${code}) without answering`)) : resolve(ms),
    );
    child.stdin.write(
      [INIT, INITIALIZED, { jsonrpc: '2.0', id: 2, ...request }].map((m) => JSON.stringify(m)).join('\n') + '\n',
    );
  });
}

function wall(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const t = performance.now();
    spawn(process.execPath, args, { env, stdio: 'ignore' }).once('exit', () => resolve(performance.now() - t));
  });
}

async function medianOf(runs: number, f: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await f());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

export async function mcpRows(quick: boolean): Promise<Row[]> {
  const runs = quick ? 7 : 15;
  const fake = await FakePoe.start({ seed: 'many:200' });
  try {
    const env = { PATH: process.env.PATH, POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url };
    const tNode = await medianOf(runs, () => wall(['-e', '0'], env));
    const tList = await medianOf(runs, () => session({ method: 'tools/list' }, env));
    const tCall = await medianOf(runs, () =>
      session({ method: 'tools/call', params: { name: 'poe_list_bots', arguments: {} } }, env),
    );
    const tCli = await medianOf(runs, () => wall([CLI, 'list', '--json'], env));
    return [
      {
        figure: 'poe-bots mcp answers tools/list (cold)',
        value: `${tList.toFixed(0)} ms`,
        baseline: `node -e 0 ${tNode.toFixed(0)} ms`,
        ratio: tList / tNode,
        target: '≤ 2×',
        ok: tList / tNode <= 2,
      },
      {
        figure: 'poe_list_bots through MCP (200 bots, cold)',
        value: `${tCall.toFixed(0)} ms`,
        baseline: `poe-bots list --json ${tCli.toFixed(0)} ms`,
        ratio: tCall / tCli,
        target: '≤ 1.2×',
        ok: tCall / tCli <= 1.2,
      },
    ];
  } finally {
    await fake.stop();
  }
}
