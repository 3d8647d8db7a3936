// What the Try Bot panel needs from the outside world, injected: the bot (from its file or from Poe) and the routes a
// message can take. The panel makes no network call of its own, so the wiring decides how each route talks to Poe or
// to the creator's endpoint, and tests hand in scripted routes.

import type * as vscode from 'vscode';
import type { Bot } from '../../poe/types';
import type { RouteId } from './protocol';

/** A message of a Try Bot conversation, as text (the endpoint room's ChatMessage may also carry images). */
export interface TextMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TryResult {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
  /** The reply's cost in words, e.g. "$0.00012 at this file's pricing". */
  costText?: string;
  /** Points Poe charged for the reply (src/poe/usage.ts costAfterReply reads it with the balance). */
  pointsCost?: number;
  /** The account's point balance after the reply. */
  balance?: number;
}

export interface TryRoute {
  id: RouteId;
  label: string;
  /** False when this route cannot carry a message for this bot; `reason` says why in one sentence. */
  available: boolean;
  reason?: string;
  /** Whether parameter values reach the bot this way (Poe's API cannot pass custom parameters). */
  paramsEditable: boolean;
  /** The request `send` would make, with every key masked: for the panel's Request disclosure. */
  describe(messages: TextMessage[], params: Record<string, unknown>): { url: string; body: unknown };
  /** Sends the conversation; calls onText with each piece of the reply; rejects when the signal aborts. */
  send(
    messages: TextMessage[],
    params: Record<string, unknown>,
    onText: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<TryResult>;
}

export interface TryBotSource {
  handle: string;
  /** The bot as it is now: the file as edited (saved or not), or Poe's copy. Called on every control change: keep
   * it cheap (parse once per edit, not per call). */
  bot(): Bot;
  /** Fires when bot() or routes() would answer differently. */
  onDidChange: vscode.Event<void>;
  routes(): TryRoute[];
  /** Called when the panel closes (or is not needed because one is already open for this handle). */
  dispose?(): void;
}
