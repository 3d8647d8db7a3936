// What the extension remembers per bot file in a folder without poe-bots.lock.json (lockBaselines.ts), in workspace state: a fingerprint of the remote bot as last pulled or
// pushed (to notice changes made on poe.com since), and an HMAC of the endpoint key last sent (never the key). The
// HMAC's key is random and kept in secret storage, not beside the hashes, so a hash cannot confirm a guessed key.

import type * as vscode from 'vscode';
import type { Baseline, BaselineStore, BotFileRef } from '../sync';

const PREFIX = 'poeBots.baseline:';
/** The salt of earlier versions, kept beside the hashes: removed on first use. */
const OLD_SALT = 'poeBots.salt';
export const HASH_KEY_SECRET = 'poeBots.keyHashSecret';

export class Baselines implements BaselineStore {
  private hmacKey?: Promise<string>;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  get(file: BotFileRef | vscode.Uri): Baseline | undefined {
    return this.state.get<Baseline>(PREFIX + idOf(file));
  }

  async set(file: BotFileRef | vscode.Uri, baseline: Baseline): Promise<void> {
    await this.state.update(PREFIX + idOf(file), baseline);
  }

  /** HMAC-SHA256 of an endpoint key under a random key from secret storage. */
  async hashKey(value: string): Promise<string> {
    const { createHmac } = await import('node:crypto');
    return createHmac('sha256', await this.key())
      .update(value)
      .digest('hex');
  }

  private key(): Promise<string> {
    return (this.hmacKey ??= (async () => {
      if (this.state.get(OLD_SALT) !== undefined) await this.state.update(OLD_SALT, undefined);
      const stored = await this.secrets.get(HASH_KEY_SECRET);
      if (stored) return stored;
      const made = (await import('node:crypto')).randomBytes(32).toString('hex');
      await this.secrets.store(HASH_KEY_SECRET, made);
      return made;
    })());
  }
}

const idOf = (file: BotFileRef | vscode.Uri) => ('id' in file ? file.id : file.toString());
