// What a key rotation (rotate.ts) is handed and answers, and the references a creator picks from: the editor and the
// command line build a RotateEnv, and read a RotationReport.

import { readBotFile } from '../botfile/read';
import { parseKeyReference, referenceText } from '../botfile/secrets';
import type { ApiBotSettings } from '../poe/types';
import type { KeyGate } from './keyGate';
import type { BaselineStore, BotFileRef, BotsApi, SyncLog, Translate } from './types';

/** What the new key at one endpoint came to (Check Endpoint's key row): ok, or its summary and fix. */
export type KeyTrial = { ok: true; summary: string } | { ok: false; summary: string; fix?: string };

export interface RotationBot {
  file: BotFileRef;
  handle: string;
  host?: string;
  onPoe: boolean;
}

export interface RotationConfirmation {
  title: string;
  /** Every bot (its file and the host Poe sends the key to), the hosts, and what happens in which order. */
  detail: string;
  bots: RotationBot[];
  hosts: string[];
  /** The button's words: "Rotate the Key of 3 Bots". */
  rotate: string;
}

export interface RotateEnv {
  client: Pick<BotsApi, 'listBots' | 'updateBot'>;
  read(file: BotFileRef): Promise<string | undefined>;
  /** The bot files of the folder: those whose api_key is the reference are rotated. */
  files: readonly BotFileRef[];
  keyGate: KeyGate;
  /** Where the Poe key goes, for the confirmation. */
  account: string;
  /** Tries the new key at one endpoint, as Poe has it (its base_url, model and API type), sending nothing to Poe. */
  tryKey(handle: string, settings: ApiBotSettings, key: string, reference: string): Promise<KeyTrial>;
  confirm(c: RotationConfirmation): Promise<boolean>;
  /** After every bot has the new key: replace the stored secret; resolves to a sentence when the caller cannot. */
  replaceStored(): Promise<string | undefined>;
  baselines?: BaselineStore;
  t?: Translate;
  log?: SyncLog;
  signal?: AbortSignal;
}

export type BotOutcome = 'rotated' | 'failed' | 'unverified' | 'notSent' | 'notOnPoe';
export interface BotRotation {
  file: BotFileRef;
  handle: string;
  host?: string;
  outcome: BotOutcome;
  message?: string;
}
export interface EndpointTrial {
  host: string;
  handle: string;
  trial: KeyTrial;
}

/** 'keyRefused': an endpoint did not take the new key, so nothing was sent; 'partial': some bots have it, the secret kept. */
export type RotationOutcome = 'rotated' | 'keyRefused' | 'refused' | 'cancelled' | 'partial';

export interface RotationReport {
  reference: string;
  outcome: RotationOutcome;
  bots: BotRotation[];
  endpoints: EndpointTrial[];
  /** The stored secret now holds the new key. */
  stored: boolean;
  /** The one sentence for the creator: what happened and what to do. */
  message: string;
}

/** Nothing to rotate, or a reference that is not one: nothing was sent. */
export class RotationError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}

/** The ${secret:NAME} or ${env:NAME} a string names ("NAME" alone is a secret's name). */
export function rotationReference(given: string): string {
  const text = given.trim();
  const ref = parseKeyReference(/^\$\{/.test(text) ? text : `\${secret:${text}}`);
  if (typeof ref !== 'object')
    throw new RotationError(
      `${JSON.stringify(text.slice(0, 80))} is not a key reference: give \${secret:NAME}, \${env:NAME} or a secret's NAME.`,
    );
  return referenceText(ref);
}

/** The references the folder's bot files use, with how many files use each: what the creator picks from. */
export async function referencesIn(env: Pick<RotateEnv, 'read' | 'files'>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of env.files) {
    const view = readBotFile((await env.read(f)) ?? '');
    if (view.handle && typeof view.keyReference === 'object')
      out.set(view.keyLabel!, (out.get(view.keyLabel!) ?? 0) + 1);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
