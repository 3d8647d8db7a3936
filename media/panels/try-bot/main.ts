// The Try Bot webview: renders what the extension says and sends back intents (send, stop, a control's new value);
// it owns no conversation and makes no request. What it shows is kept with setState, so a panel hidden and shown
// again (its page reloads: no retainContextWhenHidden) comes back as it was before the extension even answers.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { FromWebview, SavedState, ToWebview, ViewState } from '../../../src/workbench/tryBot/protocol';
import { applyControls, renderControls } from './controls';
import { debounce } from './dom';
import { buildLayout, renderChrome, type Layout } from './layout';
import { appendToReply, onLink, renderTurns, updateReply } from './turns';

interface VsCodeApi {
  postMessage(m: FromWebview): void;
  getState(): SavedState | undefined;
  setState(s: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved: SavedState = { open: {}, tabs: {}, ...vscode.getState() };
const post = (m: FromWebview) => vscode.postMessage(m);
const remember = () => vscode.setState(saved);
const rememberSoon = debounce(remember, 100);
const postDraft = debounce((text: string) => post({ type: 'draft', text }), 250);

let controlsKey = '';

const layout: Layout = buildLayout(
  {
    send(text) {
      const view = saved.view;
      // Refused here too, so the box keeps the text when the extension would not send it.
      if (!view || view.busy || !text.trim() || !view.routes.find((r) => r.id === view.route)?.available) return false;
      post({ type: 'send', text });
      saved.draft = '';
      remember();
      return true;
    },
    stop: () => post({ type: 'stop' }),
    newConversation: () => post({ type: 'newConversation' }),
    setRoute: (route) => post({ type: 'setRoute', route }),
    draft(text) {
      saved.draft = text;
      rememberSoon();
      postDraft(text);
    },
    requestToggled(open) {
      saved.requestOpen = open;
      remember();
    },
    paramsToggled(open) {
      saved.open!.params = open;
      remember();
    },
  },
  saved,
);
onLink(layout.turns, (href) => post({ type: 'openLink', href }));

function render(view: ViewState): void {
  saved.view = view;
  renderChrome(layout, view);
  const key = JSON.stringify([
    view.controls.sections,
    view.controls.editable,
    view.controls.note,
    view.labels.parameters,
  ]);
  if (key !== controlsKey) {
    controlsKey = key;
    layout.params.hidden = view.controls.sections.length === 0;
    layout.paramsBody.replaceChildren(
      renderControls(view.controls, {
        labels: view.labels,
        open: saved.open!,
        tabs: saved.tabs!,
        remember,
        change: (name, value) => post({ type: 'setValue', name, value }),
        reset: () => post({ type: 'resetValues' }),
      }),
    );
  } else {
    applyControls(layout.paramsBody, view.controls.values, view.controls.hidden);
  }
  renderTurns(layout.turns, layout.main, view.turns, view.labels);
  remember();
}

function receive(m: ToWebview): void {
  const view = saved.view;
  if (m.type === 'state') {
    render(m.state);
    return;
  }
  if (!view) return;
  if (m.type === 'request') {
    view.request = m.request;
    renderChrome(layout, view);
  } else if (m.type === 'controls') {
    view.controls = { ...view.controls, values: m.values, hidden: m.hidden };
    view.request = m.request;
    applyControls(layout.paramsBody, m.values, m.hidden);
    renderChrome(layout, view);
  } else {
    const t = view.turns.find((x) => x.id === m.turn);
    if (!t) return;
    if (m.type === 'delta') {
      t.text += m.text;
      appendToReply(layout.turns, layout.main, t, m.text, view.labels);
    } else {
      t.html = (t.html ?? '').slice(0, m.keep) + m.html;
      t.stableHtml = m.stable;
      t.renderedLength = m.length;
      updateReply(layout.turns, layout.main, t, view.labels, m.keep);
    }
  }
  rememberSoon();
}

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  if (e.data && typeof e.data === 'object' && typeof e.data.type === 'string') receive(e.data);
});
// A hidden panel's page goes away: whatever the debounce still holds is written first.
window.addEventListener('pagehide', remember);
// Esc stops a reply from anywhere in the panel.
window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && saved.view?.busy) {
    e.preventDefault();
    post({ type: 'stop' });
  }
});

if (saved.view) render(saved.view);
post({ type: 'ready' });
