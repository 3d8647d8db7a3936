// A push environment for the flow's unit tests: files in memory, secrets in a map, baselines in memory, and the
// creator's answers scripted in order (an unexpected question fails the test).
import { createHmac } from 'node:crypto';
import type { Answer, Baseline, BaselineStore, BotFileRef, Confirmation, SyncEnv } from '../../src/sync';
import type { Harness } from './helpers';

export class MemoryBaselines implements BaselineStore {
  readonly map = new Map<string, Baseline>();
  get(f: BotFileRef) {
    return this.map.get(f.id);
  }
  async set(f: BotFileRef, b: Baseline) {
    this.map.set(f.id, b);
  }
  async hashKey(key: string) {
    return createHmac('sha256', 'test-secret').update(key).digest('hex');
  }
}

export interface Script {
  confirm?: Answer[];
  secrets?: Record<string, string>;
  env?: Record<string, string>;
  confirmUpdates?: boolean;
  signal?: AbortSignal;
}

export function testEnv(h: Harness, files: Record<string, string>, script: Script = {}) {
  const asked: Confirmation[] = [];
  const answers = [...(script.confirm ?? [])];
  const baselines = new MemoryBaselines();
  const env: SyncEnv = {
    client: h.client,
    read: async (f) => files[f.id],
    keys: { secret: async (n) => script.secrets?.[n], env: (n) => script.env?.[n], allowEnv: true },
    baselines,
    questions: {
      confirm: async (c) => {
        asked.push(c);
        const a = answers.shift();
        if (!a) throw new Error(`unexpected confirmation: ${c.title}\n${c.detail}`);
        return a;
      },
    },
    account: 'fake (test key)',
    confirmUpdates: script.confirmUpdates ?? true,
    signal: script.signal,
  };
  const refs = (...ids: string[]): BotFileRef[] => ids.map((id) => ({ id, label: id }));
  return { env, asked, baselines, refs, files };
}

export const botFile = (bot: Record<string, unknown>) => `${JSON.stringify(bot, null, 2)}\n`;
