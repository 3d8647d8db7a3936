// A reply on its way to the webview. Every piece is posted raw at once (a string append and a postMessage: far under
// a millisecond), while the Markdown rendering runs at most every `everyMs`, and then only on what changed: the
// blocks finished since the last render, and the unfinished last block while it is short (see incremental.ts). Each
// render posts only the new HTML, so an 8 MB reply costs about one render of 8 MB in all, in small steps. The turn is
// kept up to date as it goes, so a full redraw in the middle of a reply (the file edited, the route changed) shows
// what has come so far.

import { IncrementalMarkdown } from './incremental';
import type { ToWebview, TurnView } from './protocol';

export class ReplyStream {
  private timer?: ReturnType<typeof setTimeout>;
  private readonly markdown: IncrementalMarkdown;
  /** The text as streamed, to tell whether the final text is the same reply. */
  private streamed = '';

  constructor(
    private readonly turn: TurnView,
    private readonly post: (m: ToWebview) => void,
    private readonly render: (text: string) => string,
    private readonly everyMs = 100,
  ) {
    this.markdown = new IncrementalMarkdown(render);
  }

  push(delta: string): void {
    if (!delta) return;
    this.turn.text += delta;
    this.streamed = this.turn.text;
    this.post({ type: 'delta', turn: this.turn.id, text: delta });
    this.timer ??= setTimeout(() => this.flush(), this.everyMs);
  }

  /** The last render, kept on the turn (it goes out with the panel's next state, not as a message). */
  finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.turn.text) { this.turn.html = undefined; return; }
    // The route may hand back a text other than the pieces (a whole answer): that one is rendered whole.
    if (this.turn.text !== this.streamed) {
      this.turn.html = this.render(this.turn.text);
      this.turn.renderedLength = this.turn.text.length;
      this.turn.stableHtml = this.turn.html.length;
      return;
    }
    this.renderTurn(true);
  }

  private flush(): void {
    this.timer = undefined;
    const piece = this.renderTurn(false);
    this.post({ type: 'rendered', turn: this.turn.id, ...piece });
  }

  private renderTurn(last: boolean) {
    const piece = this.markdown.update(this.turn.text, last);
    this.turn.html = this.markdown.html;
    this.turn.renderedLength = piece.length;
    this.turn.stableHtml = piece.stable;
    return piece;
  }
}
