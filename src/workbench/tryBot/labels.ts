// Every word the Try Bot panel shows, through vscode.l10n so it can be translated: the webview's labels, the notes,
// and the line under each reply.

import * as vscode from 'vscode';
import type { Labels } from './protocol';
import type { TryResult } from './route';

export function labels(handle: string): Labels {
  const t = vscode.l10n.t;
  return {
    route: t('Route'),
    send: t('Send'),
    stop: t('Stop'),
    newConversation: t('New Conversation'),
    request: t('Request'),
    parameters: t('Parameters'),
    reset: t('Reset to Defaults'),
    placeholder: t('Message {0} (Enter to send, Shift+Enter for a new line, Esc to stop)', handle),
    you: t('You'),
    bot: handle,
    stopped: t('Stopped.'),
    thinking: t('Waiting for the first words…'),
    empty: t('Send a message to try {0}.', handle),
    conversation: t('Conversation with {0}', handle),
    message: t('Message'),
  };
}

export const routeLabel = (id: 'poe' | 'direct') =>
  id === 'poe' ? vscode.l10n.t('Through Poe') : vscode.l10n.t('Direct to your endpoint, as Poe would call it');

export const switchTo = (label: string) => vscode.l10n.t('Switch to “{0}”', label);

export const panelTitle = (handle: string) => vscode.l10n.t('Try {0}', handle);

export const readOnlyNote = () =>
  vscode.l10n.t(
    "Poe's API cannot pass custom parameters: these controls show what Poe's users will see, read-only. Go direct to your endpoint to try their values.",
  );

export const privateBotReason = () =>
  vscode.l10n.t(
    "Poe's API serves public bots only, so this private bot cannot be called through Poe: go direct to your endpoint instead.",
  );

const number = (n: number) => new Intl.NumberFormat(vscode.env.language).format(n);
const seconds = (ms: number) =>
  ms < 1000
    ? vscode.l10n.t('{0} ms', number(Math.round(ms)))
    : vscode.l10n.t('{0} s', number(Math.round(ms / 100) / 10));

export const timedOutMessage = (ms: number) =>
  vscode.l10n.t('No reply within {0} minutes: stopped waiting.', number(ms / 60_000));

export const balanceLine = (points: number) => vscode.l10n.t('Balance: {0} points', number(points));

/** "312 in · 48 out tokens · $0.0002 · 57 points · first words 320 ms · 1.4 s" */
export function replyMeta(r: TryResult, timing: { firstMs?: number; totalMs: number }): string {
  const parts: string[] = [];
  if (r.usage)
    parts.push(vscode.l10n.t('{0} in · {1} out tokens', number(r.usage.inputTokens), number(r.usage.outputTokens)));
  if (r.costText) parts.push(r.costText);
  if (r.pointsCost !== undefined) parts.push(vscode.l10n.t('{0} points', number(r.pointsCost)));
  if (timing.firstMs !== undefined) parts.push(vscode.l10n.t('first words {0}', seconds(timing.firstMs)));
  parts.push(seconds(timing.totalMs));
  return parts.join(' · ');
}

/** Why the route the panel did not start on cannot carry a message: "Through Poe: …". */
export const routeNotice = (label: string, reason: string) => vscode.l10n.t('{0}: {1}', label, reason);
