// Shared by the unit suites: a fake Poe server per test and a client pointed at it, with fast retries; and a wait on
// a condition (never a fixed sleep).
import { PoeBotsClient, RateLimiter, type ClientOptions } from '../../src/poe';
import { FakePoe, type FakeOptions } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

export interface Harness {
  fake: FakePoe;
  client: PoeBotsClient;
  logLines: string[];
}

export async function startHarness(
  opts: Partial<ClientOptions> & { seed?: string; key?: string; fake?: FakeOptions } = {},
): Promise<Harness> {
  const fake = await FakePoe.start({ seed: opts.seed ?? 'demo', ...opts.fake });
  const logLines: string[] = [];
  const client = new PoeBotsClient({
    baseUrl: fake.url,
    getKey: async () => opts.key ?? DEMO_KEY,
    limiter: opts.limiter ?? new RateLimiter({ clock: opts.clock }),
    log: { debug: (m) => logLines.push(`debug ${m}`), trace: (m) => logLines.push(`trace ${m}`) },
    ...opts,
    retry: { maxRetries: 4, baseDelayMs: 5, maxDelayMs: 50, ...opts.retry },
  });
  return { fake, client, logLines };
}

/** Resolves once the probe is true; polls between event-loop turns, for at most a few seconds. */
export async function until(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
