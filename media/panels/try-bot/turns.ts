// The conversation: each turn with who said it, the text (a reply as the HTML the extension rendered, then the raw
// text streamed since that render), and the line under a reply. Replies' links open through the extension.

import type { Labels, TurnView } from '../../../src/workbench/tryBot/protocol';
import { h } from './dom';

/** Draws every turn; `scroller` stays pinned to the end if it was there (or if a turn was added). */
export function renderTurns(
  list: HTMLElement,
  scroller: HTMLElement,
  turns: readonly TurnView[],
  labels: Labels,
): void {
  const stick = atBottom(scroller) || turns.length > list.querySelectorAll('.turn').length;
  list.replaceChildren(
    ...(turns.length ? turns.map((t) => turn(t, labels)) : [h('p', { class: 'empty' }, labels.empty)]),
  );
  if (stick) scroller.scrollTop = scroller.scrollHeight;
}

/**
 * Redraws one reply after a new render, keeping the view pinned to the end if it was. When the page already holds the
 * first `keep` characters of finished blocks, only the new finished blocks are added and the last block redrawn, so a
 * long reply costs the page what it adds, not all it holds.
 */
export function updateReply(
  list: HTMLElement,
  scroller: HTMLElement,
  t: TurnView,
  labels: Labels,
  keep?: number,
): void {
  const body = list.querySelector<HTMLElement>(`[data-turn="${t.id}"] .body`);
  if (!body) return;
  const stick = atBottom(scroller);
  const done = body.querySelector<HTMLElement>(':scope > .done');
  const live = body.querySelector<HTMLElement>(':scope > .live');
  const html = t.html ?? '';
  const stable = Math.min(t.stableHtml ?? html.length, html.length);
  if (keep !== undefined && done && live && Number(done.dataset.length) === keep && keep <= stable) {
    if (stable > keep) done.insertAdjacentHTML('beforeend', html.slice(keep, stable));
    done.dataset.length = String(stable);
    fillLive(live, t, html.slice(stable), labels);
  } else {
    fillReply(body, t, labels);
  }
  if (stick) scroller.scrollTop = scroller.scrollHeight;
}

/** Adds a streamed piece to the text shown after the last render (one text node grows; nothing is drawn again). */
export function appendToReply(
  list: HTMLElement,
  scroller: HTMLElement,
  t: TurnView,
  piece: string,
  labels: Labels,
): void {
  const body = list.querySelector<HTMLElement>(`[data-turn="${t.id}"] .body`);
  const live = body?.querySelector<HTMLElement>(':scope > .live');
  if (!body || !live) {
    updateReply(list, scroller, t, labels);
    return;
  }
  const stick = atBottom(scroller);
  live.querySelector(':scope > .waiting')?.remove();
  const tail = live.querySelector<HTMLElement>(':scope > .tail');
  if (tail?.lastChild instanceof Text) tail.lastChild.appendData(piece);
  else live.append(h('span', { class: 'tail' }, piece));
  if (stick) scroller.scrollTop = scroller.scrollHeight;
}

function turn(t: TurnView, labels: Labels): HTMLElement {
  const body = h('div', { class: 'body' });
  if (t.role === 'user') body.textContent = t.text;
  else fillReply(body, t, labels);
  return h(
    'article',
    {
      class: `turn ${t.role} ${t.state}`,
      'data-turn': t.id,
      'aria-busy': t.state === 'streaming' ? 'true' : undefined,
    },
    h('div', { class: 'who' }, t.role === 'user' ? labels.you : labels.bot),
    body,
    t.state === 'stopped' ? h('div', { class: 'meta' }, labels.stopped) : undefined,
    t.error ? h('div', { class: 'error' }, t.error) : undefined,
    t.meta ? h('div', { class: 'meta' }, t.meta) : undefined,
  );
}

function fillReply(body: HTMLElement, t: TurnView, labels: Labels): void {
  // Rendered by the extension with markdown-it, HTML off, images off, links without an href (see markdown.ts); the
  // page's policy would refuse any script or remote load that got through all the same. Finished blocks go in
  // .done (only ever added to while streaming), the last block and the text not rendered yet in .live.
  const html = t.html ?? '';
  const stable = Math.min(t.stableHtml ?? html.length, html.length);
  const done = h('div', { class: 'done', 'data-length': stable });
  done.innerHTML = html.slice(0, stable);
  const live = h('div', { class: 'live' });
  body.replaceChildren(done, live);
  fillLive(live, t, html.slice(stable), labels);
}

function fillLive(live: HTMLElement, t: TurnView, html: string, labels: Labels): void {
  live.innerHTML = html;
  const tail = t.text.slice(t.html === undefined ? 0 : (t.renderedLength ?? t.text.length));
  if (tail) live.append(h('span', { class: 'tail' }, tail));
  if (t.state === 'streaming' && !t.text) live.append(h('span', { class: 'waiting' }, labels.thinking));
}

function atBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 24;
}

/** Clicks and Enter on a reply's link ask the extension to open it (the page itself never navigates). */
export function onLink(list: HTMLElement, open: (href: string) => void): void {
  const follow = (e: Event) => {
    const a = (e.target as Element).closest<HTMLElement>('a[data-href]');
    if (!a) return;
    e.preventDefault();
    open(a.dataset.href!);
  };
  list.addEventListener('click', follow);
  list.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') follow(e);
  });
}
