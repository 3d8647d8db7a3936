// Shared by the unit suites: a fake Poe server per test and a client pointed at it, with fast retries.
import { PoeBotsClient, RateLimiter, type ClientOptions } from '../../src/poe';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

export interface Harness { fake: FakePoe; client: PoeBotsClient; logLines: string[] }

export async function startHarness(opts: Partial<ClientOptions> & { seed?: string; key?: string } = {}): Promise<Harness> {
  const fake = await FakePoe.start({ seed: opts.seed ?? 'demo' });
  const logLines: string[] = [];
  const client = new PoeBotsClient({
    baseUrl: fake.url,
    getKey: async () => opts.key ?? DEMO_KEY,
    retry: { maxRetries: 4, baseDelayMs: 5, maxDelayMs: 50, ...opts.retry },
    limiter: opts.limiter ?? new RateLimiter(),
    log: { debug: (m) => logLines.push(`debug ${m}`), trace: (m) => logLines.push(`trace ${m}`) },
    ...opts,
  });
  return { fake, client, logLines };
}
