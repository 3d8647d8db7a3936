// What the extension remembers per bot file, in workspace state: a fingerprint of the remote bot as last pulled or
// pushed (to notice changes made on poe.com since), and a salted hash of the endpoint key last sent (never the key).

import { createHash, randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface Baseline { handle: string; fingerprint: string; keyHash?: string }

const PREFIX = 'poeBots.baseline:';
const SALT = 'poeBots.salt';

export class Baselines {
  constructor(private readonly state: vscode.Memento) {}

  get(file: vscode.Uri): Baseline | undefined {
    return this.state.get<Baseline>(PREFIX + file.toString());
  }

  async set(file: vscode.Uri, baseline: Baseline): Promise<void> {
    await this.state.update(PREFIX + file.toString(), baseline);
  }

  /** A salted hash of an endpoint key, so "did it change since the last push?" needs no copy of the key. */
  hashKey(value: string): string {
    let salt = this.state.get<string>(SALT);
    if (!salt) { salt = randomBytes(16).toString('hex'); void this.state.update(SALT, salt); }
    return createHash('sha256').update(salt).update('\0').update(value).digest('hex');
  }
}
