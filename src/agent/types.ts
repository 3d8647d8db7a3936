// What an agent tool is, and what its caller (the editor's language-model tools, `poe-bots mcp`) hands it. A tool
// knows nothing of where it runs: files, keys, the key gate and the Poe client come in through AgentEnv, exactly
// as the push and pull flows get them from the editor or the command line.

import type { KeyGate } from '../sync/keyGate';
import type { BotFileRef, PullEnv, SyncEnv, Translate } from '../sync';
import type { KeySources } from '../botfile/secrets';
import type { PoeBotsClient } from '../poe';
import type { PlanStore } from './plans';

export interface AgentEnv {
  client: PoeBotsClient;
  /** The bot file an agent names by path (relative to the workspace); throws AgentInputError for one outside it. A
   * suffix other than .poebot.json names another kind of file the tools read (.poebot-test.json). */
  file(path: string, suffix?: string): BotFileRef;
  read(file: BotFileRef): Promise<string | undefined>;
  /** The push flow's world (client, files, keys, key gate, baselines, account); the tools ask its questions. */
  sync(signal?: AbortSignal): Promise<Omit<SyncEnv, 'questions' | 'confirmUpdates'>>;
  /** The pull flow's world for the workspace; the tools answer its questions. */
  pull(): Promise<Omit<PullEnv, 'client' | 'questions'>>;
  /** Endpoint keys for Check Endpoint, and the gate they pass. */
  keys: KeySources;
  keyGate: KeyGate;
  /** Poe's OpenAI-compatible API (…/v1) and the Poe key, for Try Bot through Poe. */
  poeChat(): Promise<{ baseUrl: string; key: string }>;
  /** The endpoint room (src/endpoint), loaded on first use. */
  endpoint(): typeof import('../endpoint');
  plans: PlanStore;
  t?: Translate;
}

/** Bad input from the agent, said so it can correct itself. */
export class AgentInputError extends Error {
  readonly userFacing = true;
}

/** Short plain text for the model and the person reading along, and the same facts as data. Never a key. */
export interface ToolResult {
  text: string;
  data: Record<string, unknown>;
  /** The tool could not do what was asked (the text says why); nothing was changed. */
  error?: boolean;
}

/** What a person confirms before a write tool runs: the words of the editor's own confirmation. */
export interface ToolConfirmation {
  title: string;
  lines: string[];
}
