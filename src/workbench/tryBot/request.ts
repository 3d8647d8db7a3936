// The request a panel would send next, and the route it starts on. No 'vscode' here: it is tested in plain Node.

import { requestParams, type ParamValues } from '../../botfile/controlValues';
import { redactKnown, redactValue } from '../../poe/redact';
import type { Bot } from '../../poe/types';
import type { Conversation } from './conversation';
import type { RequestView, RouteId } from './protocol';
import type { TextMessage, TryRoute } from './route';

export interface PanelModel {
  handle: string;
  bot: Bot;
  routes: TryRoute[];
  route: TryRoute | undefined;
  values: ParamValues;
  conversation: Conversation;
  draft: string;
  busy: boolean;
  balance?: number;
}

/** The route a panel starts on: the one asked for if it exists, else Poe when it can carry the message (a public
 * bot), else the first that can. */
export function defaultRoute(routes: readonly TryRoute[], wanted?: unknown): RouteId | undefined {
  const chosen = routes.find((r) => r.id === wanted);
  if (chosen) return chosen.id;
  return (routes.find((r) => r.id === 'poe' && r.available) ?? routes.find((r) => r.available) ?? routes[0])?.id;
}

/** The parameters a route sends: none through Poe, whose API cannot pass them. */
export function paramsFor(m: PanelModel): Record<string, unknown> {
  return m.route?.paramsEditable ? requestParams(m.bot, m.values) : {};
}

/** The next request: the conversation so far with the draft as the next message, every key masked. */
export function requestView(m: PanelModel): RequestView {
  if (!m.route) return { method: 'POST', url: '', body: '' };
  const messages: TextMessage[] = [...m.conversation.messages(), { role: 'user', content: m.draft }];
  try {
    const { url, body } = m.route.describe(messages, paramsFor(m));
    return { method: 'POST', url: redactKnown(url), body: redactKnown(JSON.stringify(redactValue(body), null, 2)) };
  } catch (e) {
    return { method: 'POST', url: '', body: redactKnown(e instanceof Error ? e.message : String(e)) };
  }
}
