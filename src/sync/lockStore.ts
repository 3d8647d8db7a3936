// The lock file as the push and pull flows' memory (a BaselineStore), for the command line and the editor alike:
// read at the start of each flow, and written back with only this run's changes laid over what the disk holds then
// (a teammate's pull or a git checkout in between is kept). The disk and the Poe key are injected.

import { emptyLock, keyDigest, parseLock, renderLock, type LockEntry, type LockFile } from './lockFile';
import type { Baseline, BaselineStore, BotFileRef } from './types';

export interface LockDisk {
  /** The lock file's name as a person reads it, for messages. */
  label: string;
  /** Its text, or undefined when there is none yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

export interface LockStoreOptions {
  disk: LockDisk;
  /** The file's path relative to the lock file's folder, with forward slashes. */
  relative(file: BotFileRef): string;
  poeKey(): Promise<string | undefined>;
  /** plan and drift: remember in memory, never write. */
  readOnly?: boolean;
  /** See BaselineStore.unrecordedKey: the command line's 'unchanged', the editor's 'changed'. */
  unrecordedKey?: 'changed' | 'unchanged';
  /** The name of the Poe account in use, recorded with each pull or push (none: the recorded name is kept). */
  account?(): string | undefined | Promise<string | undefined>;
}

export class LockStore implements BaselineStore {
  private lock: LockFile = emptyLock();
  /** This run's changes, by handle (null: removed), laid over the disk's text at each write. */
  private readonly changed = new Map<string, LockEntry | null>();
  /** The account name this run records, laid over the disk's text at the next write. */
  private accountChange?: string;
  private pending?: Promise<void>;
  private running: Promise<void> = Promise.resolve();
  /** Whether the lock file was on disk at the last load. */
  exists = false;

  readonly unrecordedKey: 'changed' | 'unchanged';

  constructor(private readonly o: LockStoreOptions) {
    this.unrecordedKey = o.unrecordedKey ?? 'changed';
  }

  static async open(o: LockStoreOptions): Promise<LockStore> {
    const store = new LockStore(o);
    await store.load();
    return store;
  }

  get readOnly(): boolean {
    return this.o.readOnly === true;
  }

  get label(): string {
    return this.o.disk.label;
  }

  async load(): Promise<void> {
    const text = await this.o.disk.read();
    this.exists = text !== undefined;
    this.lock = text === undefined ? emptyLock() : parseLock(text, this.o.disk.label);
    for (const [h, e] of this.changed) apply(this.lock, h, e);
    this.files = undefined;
  }

  /** File → handle, built once per load: a folder of bots is recorded in linear time. */
  private files?: Map<string, string>;
  private byFile(): Map<string, string> {
    return (this.files ??= new Map(Object.entries(this.lock.bots).map(([h, e]) => [e.file, h])));
  }

  /** The account the folder was last pulled from or pushed to, as the lock file says (before this run's writes). */
  get account(): string | undefined {
    return this.lock.account;
  }

  /** A pull or push to the account in use: the lock file records its name with the next write. */
  async recordAccount(): Promise<void> {
    const name = await this.o.account?.();
    if (!name || name === this.lock.account) return;
    this.accountChange = name;
    await this.save();
  }

  accountFor(): string | undefined {
    return this.lock.account;
  }

  /** Every bot the lock file knows, by handle. */
  entries(): [string, LockEntry][] {
    return Object.entries(this.lock.bots);
  }

  entry(handle: string): LockEntry | undefined {
    return Object.hasOwn(this.lock.bots, handle) ? this.lock.bots[handle] : undefined;
  }

  get(file: BotFileRef, handle?: string): Baseline | undefined {
    // By handle, the file's path is not needed (path.relative for every bot of a plan adds up).
    const h = handle !== undefined ? handle : this.byFile().get(this.o.relative(file));
    const e = h === undefined ? undefined : this.entry(h);
    if (h === undefined || !e) return undefined;
    return {
      handle: h,
      fingerprint: e.fingerprint,
      fields: e.fields,
      contentHash: e.content,
      keyHash: e.keyDigest,
      keyHost: e.keyHost,
      keyReference: e.keyReference,
    };
  }

  async set(file: BotFileRef, b: Baseline): Promise<void> {
    const entry: LockEntry = {
      file: this.o.relative(file),
      fingerprint: b.fingerprint,
      fields: b.fields,
      content: b.contentHash,
      keyDigest: b.keyHash,
      keyReference: b.keyReference,
      keyHost: b.keyHost,
    };
    for (const k of Object.keys(entry) as (keyof LockEntry)[]) if (entry[k] === undefined) delete entry[k];
    // A file now holding another bot: the handle it held before is no longer this file's.
    const before = this.byFile().get(entry.file);
    if (before !== undefined && before !== b.handle) {
      this.changed.set(before, null);
      apply(this.lock, before, null);
    }
    this.changed.set(b.handle, entry);
    apply(this.lock, b.handle, entry);
    this.files?.set(entry.file, b.handle);
    await this.save();
  }

  async remove(handle: string): Promise<void> {
    this.files = undefined;
    this.changed.set(handle, null);
    apply(this.lock, handle, null);
    await this.save();
  }

  async hashKey(key: string): Promise<string> {
    const poeKey = await this.o.poeKey();
    if (!poeKey) throw new Error("The lock file's key digest needs the Poe API key.");
    return keyDigest(poeKey, key);
  }

  /** The hosts the lock file records a reference's key as sent for: a committed, reviewed destination. */
  hostsFor(reference: string): string[] {
    return Object.values(this.lock.bots)
      .filter((e) => e.keyReference === reference && e.keyHost)
      .map((e) => e.keyHost!);
  }

  /** Where a bot's key was last sent for: the host Poe's stored key is known to go to. */
  hostOf(handle: string): string | undefined {
    return this.entry(handle)?.keyHost;
  }

  /** Writes coalesce: one at a time, and every change made during a write goes in the next one. */
  private save(): Promise<void> {
    if (this.o.readOnly) return Promise.resolve();
    if (this.pending) return this.pending;
    const run = this.running.then(async () => {
      this.pending = undefined;
      const batch = new Map(this.changed);
      const account = this.accountChange;
      this.changed.clear();
      this.accountChange = undefined;
      try {
        const text = await this.o.disk.read();
        const onDisk = text === undefined ? emptyLock() : parseLock(text, this.o.disk.label);
        for (const [h, e] of batch) apply(onDisk, h, e);
        if (account) onDisk.account = account;
        await this.o.disk.write(renderLock(onDisk));
        if (account) this.lock.account = account;
        this.exists = true;
      } catch (e) {
        for (const [h, v] of batch) if (!this.changed.has(h)) this.changed.set(h, v);
        this.accountChange ??= account;
        throw e;
      }
    });
    this.pending = run;
    this.running = run.catch(() => undefined);
    return run;
  }
}

function apply(lock: LockFile, handle: string, e: LockEntry | null): void {
  if (e) lock.bots[handle] = e;
  else delete lock.bots[handle];
}
