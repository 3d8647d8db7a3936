// A reply on its way to the webview. Every piece is posted raw at once (a string append and a postMessage: far under
// a millisecond), while the Markdown rendering of the whole reply so far runs at most every `everyMs`, so a reply in
// a thousand tiny chunks costs a few renders a second, not a thousand. The turn is kept up to date as it goes, so a
// full redraw in the middle of a reply (the file edited, the route changed) shows what has come so far.

import type { ToWebview, TurnView } from './protocol';

export class ReplyStream {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly turn: TurnView,
    private readonly post: (m: ToWebview) => void,
    private readonly render: (text: string) => string,
    private readonly everyMs = 100,
  ) {}

  push(delta: string): void {
    if (!delta) return;
    this.turn.text += delta;
    this.post({ type: 'delta', turn: this.turn.id, text: delta });
    this.timer ??= setTimeout(() => this.flush(), this.everyMs);
  }

  /** The last render, kept on the turn (it goes out with the panel's next state, not as a message). */
  finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.renderTurn();
  }

  private flush(): void {
    this.timer = undefined;
    this.renderTurn();
    this.post({ type: 'rendered', turn: this.turn.id, html: this.turn.html ?? '', length: this.turn.renderedLength ?? 0 });
  }

  private renderTurn(): void {
    this.turn.html = this.turn.text ? this.render(this.turn.text) : undefined;
    this.turn.renderedLength = this.turn.text.length;
  }
}
