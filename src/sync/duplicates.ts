// Two bot files claiming one handle (compared case-insensitively: Poe's docs do not say whether "MyBot" and "mybot"
// are one bot) would each write the bot, the last one winning. Validate names them; push and pull refuse them.

import type { BotFileRef } from './types';

export interface Claim {
  file: BotFileRef;
  handle: string;
}

/** For each file whose handle another file also claims: the other files. */
export function duplicateHandles(claims: readonly Claim[]): Map<string, BotFileRef[]> {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    const key = c.handle.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out = new Map<string, BotFileRef[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const c of group)
      out.set(
        c.file.id,
        group.filter((o) => o !== c).map((o) => o.file),
      );
  }
  return out;
}

/** "The handle "X" is also claimed by b.poebot.json (as "x")", the words validate and push share. */
export function duplicateMessage(handle: string, others: readonly BotFileRef[], what: string): string {
  return `The handle "${handle}" is also claimed by ${others.map((f) => f.label).join(', ')} (handles are compared ignoring case): ${what}`;
}
