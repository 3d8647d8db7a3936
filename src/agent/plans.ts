// Plan ids: poe_plan_push records what the person was shown, and poe_push_bot_file writes only that. A plan is bound
// to the file's exact text, the bot as Poe had it, and the confirmation's lines (its key lines included); it expires,
// and it is used once. Kept in memory for one editor window or one MCP server, never on disk.

import { nodeCrypto } from '../poe/nodeCrypto';

export interface PlanRecord {
  id: string;
  file: { id: string; label: string };
  handle: string;
  sendKey: boolean;
  /** sha256 of the file's text as planned. */
  textHash: string;
  /** The bot on Poe as planned (its fingerprint), or 'none' for a bot Poe did not have. */
  remote: string;
  /** The push confirmation's title and lines, as shown. */
  title: string;
  lines: string[];
  expiresAt: number;
}

export const PLAN_TTL_MS = 10 * 60_000;

export const textHash = (text: string) => nodeCrypto().createHash('sha256').update(text).digest('hex');

export class PlanStore {
  private readonly plans = new Map<string, PlanRecord>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly ttlMs = PLAN_TTL_MS,
  ) {}

  add(plan: Omit<PlanRecord, 'id' | 'expiresAt'>): PlanRecord {
    this.sweep();
    const record = {
      ...plan,
      id: `plan-${nodeCrypto().randomBytes(6).toString('hex')}`,
      expiresAt: this.now() + this.ttlMs,
    };
    this.plans.set(record.id, record);
    return record;
  }

  /** The plan, or why there is none: an id never given, or one that expired. */
  get(id: string): PlanRecord | 'unknown' | 'expired' {
    const p = this.plans.get(id);
    if (!p) return 'unknown';
    if (this.now() >= p.expiresAt) {
      this.plans.delete(id);
      return 'expired';
    }
    return p;
  }

  /** A plan is used once: pushed, or refused because something changed. */
  take(id: string): void {
    this.plans.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, p] of this.plans) if (now >= p.expiresAt) this.plans.delete(id);
  }
}
