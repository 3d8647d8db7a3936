// The conversation a Try Bot panel holds: the turns as shown, and the messages sent to the bot. A question whose reply
// failed before any text came drops out of what is sent, so the bot never sees two questions in a row.

import { redactKnown } from '../../poe/redact';
import { MAX_TEXT, type TurnState, type TurnView } from './protocol';
import type { TextMessage } from './route';
import { isObj } from '../../poe/json';

const MAX_TURNS = 1000;
const STATES: readonly TurnState[] = ['done', 'streaming', 'stopped', 'error'];
const shortText = (v: unknown) => (typeof v === 'string' && v.length <= 2000 ? v : undefined);

export class Conversation {
  turns: TurnView[] = [];
  private next = 1;

  addUser(text: string): TurnView {
    return this.add({ id: this.next++, role: 'user', text, state: 'done' });
  }

  addReply(): TurnView {
    return this.add({ id: this.next++, role: 'assistant', text: '', state: 'streaming' });
  }

  clear(): void {
    this.turns = [];
  }

  /** The conversation as the bot is sent it. */
  messages(): TextMessage[] {
    const out: TextMessage[] = [];
    this.turns.forEach((t, i) => {
      if (t.role === 'user') {
        const reply = this.turns[i + 1];
        if (reply?.role === 'assistant' && !reply.text && reply.state !== 'streaming' && reply.state !== 'done') return;
        out.push({ role: 'user', content: t.text });
      } else if (t.text && t.state !== 'streaming') {
        out.push({ role: 'assistant', content: t.text });
      }
    });
    return out;
  }

  /**
   * Turns from a webview's saved state (untrusted): only the fields a turn has, each checked; rendered HTML is never
   * taken back (the caller renders again); a reply cut short by the restart shows as stopped.
   */
  restore(saved: unknown): void {
    const list = isObj(saved) && Array.isArray(saved.turns) ? saved.turns.slice(-MAX_TURNS) : [];
    this.turns = [];
    for (const t of list) {
      if (
        !isObj(t) ||
        (t.role !== 'user' && t.role !== 'assistant') ||
        typeof t.text !== 'string' ||
        t.text.length > MAX_TEXT
      )
        continue;
      const state = STATES.includes(t.state as TurnState) ? (t.state as TurnState) : 'done';
      // Saved by an earlier version, or tampered with: redacted again against every key known now.
      const turn: TurnView = {
        id: this.next++,
        role: t.role,
        text: redactKnown(t.text),
        state: state === 'streaming' ? 'stopped' : state,
      };
      const error = shortText(t.error);
      const meta = shortText(t.meta);
      if (error !== undefined) turn.error = redactKnown(error);
      if (meta !== undefined) turn.meta = meta;
      this.turns.push(turn);
    }
  }

  private add(turn: TurnView): TurnView {
    this.turns.push(turn);
    if (this.turns.length > MAX_TURNS) this.turns.splice(0, this.turns.length - MAX_TURNS);
    return turn;
  }
}
