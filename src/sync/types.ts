// What the push and pull flows are handed, and what they answer. Everything they need comes in through SyncEnv and
// every question goes out through Questions, so the editor, the command line and tests run the same flow with
// different answers.

import type { Plan, Verb } from '../botfile/plan';
import type { JsonPath } from '../botfile/problems';
import type { KeySources } from '../botfile/secrets';
import type { Validated } from '../botfile/validate';
import type { Bot, PoeBotsClient } from '../poe';
import type { Drift } from './drift';
import type { KeyGate } from './keyGate';

/** A message in English with {0}-style placeholders; the editor passes vscode.l10n.t to translate it. */
export type Translate = (message: string, ...args: (string | number)[]) => string;
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));

/** A bot file: `id` is stable (a URI or an absolute path), `label` is what a person reads (a relative path). */
export interface BotFileRef {
  id: string;
  label: string;
}

export interface Baseline {
  handle: string;
  fingerprint: string;
  keyHash?: string;
  /** A hash of the file's content as this tool last wrote or pushed it: a different one means the creator edited it since. */
  contentHash?: string;
  /** Field path → a short hash of its value on Poe then: which fields changed on Poe since (lockFile.ts). */
  fields?: Record<string, string>;
  /** The reference the endpoint key last sent came from, and the host it was sent for. */
  keyReference?: string;
  keyHost?: string;
}

/** What a tool remembers per bot file between pushes: Poe's bot as last pulled or pushed, and a keyed hash of the key sent. */
export interface BaselineStore {
  /** The bot's memory: by its handle when given (a bot keeps it when its file moves), else by the file. */
  get(file: BotFileRef, handle?: string): Baseline | undefined;
  set(file: BotFileRef, baseline: Baseline): Promise<void>;
  /** A keyed hash of an endpoint key, never the key: enough to tell whether it changed since the last push. The file
   * says which memory it is for (the editor keeps a lock file's folders apart from the rest). */
  hashKey(key: string, file: BotFileRef): Promise<string>;
  /** Read what the store keeps on disk: at the start of every flow (a teammate may have pushed since). */
  load?(): Promise<void>;
  /** Keeps nothing past this run (plan, drift): a flow does not work out what it would record (hashes of every file). */
  readonly readOnly?: boolean;
  /**
   * A bot with no recorded key: 'changed' sends the key on its next update (the editor asks first); 'unchanged'
   * sends it only when asked (the command line: a pulled bot's key is not sent on a first update in CI).
   */
  unrecordedKey?: 'changed' | 'unchanged';
  /** The name of the Poe account this file's folder was last pulled from or pushed to (a lock file's "account"). */
  accountFor?(file: BotFileRef): string | undefined;
  /** After a pull or push of this file: its folder now belongs to the account in use. */
  recordAccount?(file: BotFileRef): Promise<void>;
}

export type BotsApi = Pick<PoeBotsClient, 'getBot' | 'createBot' | 'updateBot' | 'replaceBot' | 'listBots'>;

export interface SyncLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface SyncEnv {
  client: BotsApi;
  /** The text of a bot file as the creator sees it (an editor's unsaved text wins over the disk). */
  read(file: BotFileRef): Promise<string | undefined>;
  keys: KeySources;
  baselines?: BaselineStore;
  questions: Questions;
  /** Where an endpoint key may go: every plan that sends one, or moves Poe's stored key to a new host, passes it. */
  keyGate?: KeyGate;
  /** Where the Poe key goes, for the confirmation: 'account "development" on api.poe.com'. */
  account: string;
  /** The account's name ("development"), when it has one: a folder last pushed to another says so before a push. */
  accountName?: string;
  /** Ask before a plain update too (never skipped for create, replace, a conflict, or a key line). */
  confirmUpdates: boolean;
  t?: Translate;
  log?: SyncLog;
  /** Writes run this many at a time under the client's rate limiter. */
  concurrency?: number;
  /** Cancels the push: a write under way finishes, no further write starts. */
  signal?: AbortSignal;
}

/** A bot file read, valid, with its key reference resolved. */
export interface PreparedFile {
  file: BotFileRef;
  handle: string;
  validated: Validated;
  /** The bot as the file says it, without $schema. */
  local: Record<string, unknown>;
  /** The endpoint key the file's api_key resolves to. */
  key?: string;
  /** Why the key reference did not resolve: a refusal only if the plan would send the key. */
  keyError?: Error;
  /** The api_key text in the file (a reference), for messages. */
  keyText?: string;
}

/** One file's plan, with what Poe has now and whether Poe changed since this file's last pull or push. */
export interface Planned {
  prepared: PreparedFile;
  remote?: Bot;
  /** fingerprint(remote), made once per plan: drift and the memory of an up-to-date bot both take it. */
  remoteFingerprint?: string;
  plan: Plan;
  conflict?: 'changed' | 'deleted';
  /** What changed on Poe since the last pull or push, field by field (when the memory knows the fields). */
  drift?: Drift;
}

export interface Confirmation {
  title: string;
  /** Every line a person reads before agreeing: each bot's changes, the key lines, the conflicts, what is not sent. */
  detail: string;
  planned: Planned[];
  /** Bots changed (or deleted) on Poe since their file was last pulled or pushed. */
  conflicts: Planned[];
  /** The push button's words (e.g. "Push", "Push 3 Bots"). */
  push: string;
}

/** 'push' overwrites conflicts too; 'skipConflicts' pushes the rest. */
export type Answer = 'push' | 'skipConflicts' | 'cancel';

export interface Progress {
  phase: 'planning' | 'writing';
  done: number;
  total: number;
  handle?: string;
}

export interface Questions {
  confirm(c: Confirmation): Promise<Answer>;
  /** ${secret:NAME} is not stored. May the creator store it now? true when it was stored (the flow resolves again). */
  missingSecret?(name: string, message: string): Promise<boolean>;
  progress?(p: Progress): void;
}

/** 'unverified': written, but reading the bot back failed, so what Poe kept is not known. */
export type Outcome = 'pushed' | 'unverified' | 'upToDate' | 'refused' | 'failed' | 'skipped' | 'cancelled';

/** A problem Poe reported, placed in the file: `path` [] means the file as a whole. */
export interface ServerProblem {
  path: JsonPath;
  message: string;
}

export interface FileResult {
  file: BotFileRef;
  handle?: string;
  outcome: Outcome;
  plan?: Plan;
  /** Fields sent that Poe does not show when read back. */
  notTaken?: string[];
  /** Why it was refused, failed, skipped or cancelled (redacted, for a person). */
  message?: string;
  error?: unknown;
  problem?: ServerProblem;
}

export interface PushOptions {
  verb: Verb | 'auto';
  sendKey?: boolean;
}
export interface PushReport {
  results: FileResult[];
  cancelled: boolean;
}

export type { Bot, Plan, Verb };
export type { JsonPath };
