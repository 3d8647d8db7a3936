// The panel's frame: the route choice and the balance at the top, the sentence when a route cannot be used, the
// parameters, the conversation, the Request disclosure, and the message box with its buttons. Everything is reachable
// by Tab; Enter sends, Shift+Enter starts a new line.

import type { RouteId, SavedState, ViewState } from '../../../src/workbench/tryBot/protocol';
import { h } from './dom';

export interface Actions {
  /** True when the text was sent (the box is then emptied). */
  send(text: string): boolean;
  stop(): void;
  newConversation(): void;
  setRoute(route: RouteId): void;
  draft(text: string): void;
  requestToggled(open: boolean): void;
  paramsToggled(open: boolean): void;
}

type Button = HTMLElement & { disabled: boolean };
type TextArea = HTMLElement & { value: string; placeholder: string; label: string };

export interface Layout {
  routes: HTMLFieldSetElement;
  account: HTMLElement;
  notice: HTMLElement;
  /** The parameters, folding as a whole; the controls go in paramsBody. */
  params: HTMLDetailsElement;
  paramsBody: HTMLElement;
  /** What scrolls between the top bar and the message box: parameters, conversation, request. */
  main: HTMLElement;
  turns: HTMLElement;
  request: HTMLDetailsElement;
  input: TextArea;
  buttons: { send: Button; stop: Button; newConversation: Button };
  routeKey: string;
  actions: Actions;
}

export function buildLayout(actions: Actions, saved: SavedState): Layout {
  const input = h('vscode-textarea', { class: 'input', rows: 3, resize: 'vertical', autocomplete: 'off' }) as TextArea;
  input.value = saved.draft ?? '';
  const send = () => {
    if (actions.send(input.value)) input.value = '';
  };
  input.addEventListener('input', () => actions.draft(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  const request = h('details', { class: 'request', open: saved.requestOpen === true }, h('summary', {}));
  request.addEventListener('toggle', () => actions.requestToggled(request.open));
  const paramsBody = h('div', { class: 'params-body' });
  const params = h('details', { class: 'params', open: saved.open?.params ?? true }, h('summary', {}), paramsBody);
  params.addEventListener('toggle', () => actions.paramsToggled(params.open));
  const turns = h('div', { class: 'turns', role: 'log', 'aria-live': 'polite' });
  const layout: Layout = {
    routes: h('fieldset', { class: 'routes' }),
    account: h('span', { class: 'account', role: 'status' }),
    notice: h('div', { class: 'notice', role: 'status', hidden: true }),
    params,
    paramsBody,
    main: h('div', { class: 'main', tabindex: 0 }, params, turns, request),
    turns,
    request,
    input,
    buttons: {
      send: h('vscode-button', { onclick: send }) as Button,
      stop: h('vscode-button', { secondary: true, onclick: () => actions.stop() }) as Button,
      newConversation: h('vscode-button', { secondary: true, onclick: () => actions.newConversation() }) as Button,
    },
    routeKey: '',
    actions,
  };
  const b = layout.buttons;
  document
    .getElementById('app')!
    .append(
      h('header', { class: 'top' }, layout.routes, layout.account),
      layout.notice,
      layout.main,
      h('div', { class: 'composer' }, input, h('div', { class: 'actions' }, b.send, b.stop, b.newConversation)),
    );
  return layout;
}

/** Everything but the parameters and the turns, from the extension's view. */
export function renderChrome(l: Layout, v: ViewState): void {
  const key = JSON.stringify([v.routes, v.labels.route]);
  if (key !== l.routeKey) {
    l.routeKey = key;
    l.routes.replaceChildren(
      h('legend', {}, v.labels.route),
      ...v.routes.map((r) =>
        h(
          'label',
          { class: 'route' },
          h('input', { type: 'radio', name: 'route', value: r.id, onchange: () => l.actions.setRoute(r.id) }),
          r.label,
        ),
      ),
    );
  }
  for (const radio of l.routes.querySelectorAll('input')) radio.checked = radio.value === v.route;
  l.account.textContent = v.account ?? '';
  l.notice.hidden = !v.notice;
  l.notice.replaceChildren(
    ...(v.notice ? [h('span', {}, v.notice)] : []),
    ...(v.alternative
      ? [
          h(
            'vscode-button',
            { secondary: true, onclick: () => l.actions.setRoute(v.alternative!.route) },
            v.alternative.label,
          ),
        ]
      : []),
  );
  l.turns.setAttribute('aria-label', v.labels.conversation);
  l.turns.setAttribute('aria-busy', String(v.busy));
  l.params.querySelector('summary')!.textContent = v.labels.parameters;
  const summary = l.request.querySelector('summary')!;
  summary.textContent = v.labels.request;
  l.request.replaceChildren(
    summary,
    h('div', { class: 'url' }, `${v.request.method} ${v.request.url}`),
    h('pre', {}, h('code', {}, v.request.body)),
  );
  l.input.placeholder = v.labels.placeholder;
  l.input.label = v.labels.message;
  const usable = v.routes.find((r) => r.id === v.route)?.available ?? false;
  l.buttons.send.textContent = v.labels.send;
  l.buttons.send.disabled = v.busy || !usable;
  l.buttons.stop.textContent = v.labels.stop;
  l.buttons.stop.disabled = !v.busy;
  l.buttons.newConversation.textContent = v.labels.newConversation;
}
