// The Try Bot panel's messages, one union each way, shared by the extension and the webview script; and the check of
// what arrives from the webview, which is untrusted input. No 'vscode' here: the webview bundle imports this file.

import type { ParamValue, ParamValues, RenderSection } from '../../botfile/controlValues';
import { isObj } from '../../poe/json';

export type RouteId = 'poe' | 'direct';
export const ROUTE_IDS: readonly RouteId[] = ['poe', 'direct'];

export interface RouteView {
  id: RouteId;
  label: string;
  available: boolean;
  reason?: string;
  paramsEditable: boolean;
}

export type TurnState = 'done' | 'streaming' | 'stopped' | 'error';

export interface TurnView {
  id: number;
  role: 'user' | 'assistant';
  /** The raw text (a reply's Markdown source). */
  text: string;
  /** A reply rendered as HTML (safe: see markdown.ts), for text.slice(0, renderedLength). */
  html?: string;
  renderedLength?: number;
  /** How much of `html` is finished blocks that will not change (while streaming); all of it when left out. */
  stableHtml?: number;
  state: TurnState;
  error?: string;
  /** Usage, cost, points and timing of a reply, as one line. */
  meta?: string;
}

export interface ControlsView {
  sections: RenderSection[];
  values: ParamValues;
  /** Ids of condition groups that are hidden for the current values. */
  hidden: string[];
  editable: boolean;
  /** Why the controls are read-only, when they are. */
  note?: string;
}

export interface RequestView {
  method: string;
  url: string;
  body: string;
}

/** Every user-facing word the webview shows, localized on the extension side. */
export interface Labels {
  route: string;
  send: string;
  stop: string;
  newConversation: string;
  request: string;
  parameters: string;
  placeholder: string;
  you: string;
  bot: string;
  stopped: string;
  thinking: string;
  empty: string;
  reset: string;
  conversation: string;
  message: string;
}

export interface ViewState {
  handle: string;
  labels: Labels;
  routes: RouteView[];
  route: RouteId;
  /** A sentence on why the chosen route cannot be used (e.g. a private bot through Poe). */
  notice?: string;
  /** The route to offer instead, when there is a notice, and its button's words. */
  alternative?: { route: RouteId; label: string };
  /** The account line: the point balance after the last reply. */
  account?: string;
  controls: ControlsView;
  turns: TurnView[];
  busy: boolean;
  request: RequestView;
}

export type ToWebview =
  | { type: 'state'; state: ViewState }
  /** A piece of the reply being streamed, raw. */
  | { type: 'delta'; turn: number; text: string }
  /**
   * The reply so far, rendered (at most every ~100 ms while streaming), as a change: keep the first `keep` characters
   * of the HTML the turn has, add `html`; the first `stable` characters of the result will not change again.
   */
  | { type: 'rendered'; turn: number; keep: number; html: string; stable: number; length: number }
  /** After a control or the draft changed: the values, what is hidden, and the next request. */
  | { type: 'controls'; values: ParamValues; hidden: string[]; request: RequestView }
  | { type: 'request'; request: RequestView };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'newConversation' }
  | { type: 'setRoute'; route: RouteId }
  | { type: 'setValue'; name: string; value: ParamValue }
  | { type: 'resetValues' }
  | { type: 'draft'; text: string }
  | { type: 'openLink'; href: string };

/** Longest message, draft or parameter text accepted from the webview. */
export const MAX_TEXT = 100_000;

const text = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const value = (v: unknown): v is ParamValue =>
  typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || text(v);

/** The message if it is exactly one of FromWebview (no extra keys), else undefined. */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  const keys = Object.keys(m).sort().join(',');
  const only = (...k: string[]) => keys === ['type', ...k].sort().join(',');
  switch (m.type) {
    case 'ready':
    case 'stop':
    case 'newConversation':
    case 'resetValues':
      return only() ? { type: m.type } : undefined;
    case 'send':
      return only('text') && text(m.text) && m.text.trim() !== '' ? { type: 'send', text: m.text } : undefined;
    case 'draft':
      return only('text') && text(m.text) ? { type: 'draft', text: m.text } : undefined;
    case 'setRoute':
      return only('route') && ROUTE_IDS.includes(m.route as RouteId)
        ? { type: 'setRoute', route: m.route as RouteId }
        : undefined;
    case 'setValue':
      return only('name', 'value') &&
        typeof m.name === 'string' &&
        /^[A-Za-z0-9_]{1,100}$/.test(m.name) &&
        value(m.value)
        ? { type: 'setValue', name: m.name, value: m.value }
        : undefined;
    case 'openLink':
      return only('href') && typeof m.href === 'string' && m.href.length <= 2048 && /^https?:\/\//i.test(m.href)
        ? { type: 'openLink', href: m.href }
        : undefined;
    default:
      return undefined;
  }
}

/** What the webview keeps with setState, and what VS Code hands back when it restores the panel after a restart. */
export interface SavedState {
  view?: ViewState;
  draft?: string;
  requestOpen?: boolean;
  /** Sections open or folded by the user, by id. */
  open?: Record<string, boolean>;
  /** The selected tab of each tab group, by section id. */
  tabs?: Record<string, number>;
}
