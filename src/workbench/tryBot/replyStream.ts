// A reply on its way to the webview. Every piece is posted raw at once (a string append and a postMessage: far under
// a millisecond), while the Markdown rendering runs at most every `everyMs`, and then only on what changed: the
// blocks finished since the last render (at most RENDER_STEP_CHARS a step; a reply faster than that gets steps back
// to back, each after a turn of the event loop), and the unfinished last block while it is short (see incremental.ts). Each
// render posts only the new HTML, so an 8 MB reply costs about one render of 8 MB in all, in small steps. The turn is
// kept up to date as it goes, so a full redraw in the middle of a reply (the file edited, the route changed) shows
// what has come so far.

import { IncrementalMarkdown } from './incremental';
import type { ToWebview, TurnView } from './protocol';

export class ReplyStream {
  /** Cancels the render that is due (after the interval, or right after the event loop's next turn). */
  private due?: () => void;
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
    this.markdown.append(delta);
    this.post({ type: 'delta', turn: this.turn.id, text: delta });
    this.schedule(false);
  }

  /** The last render, kept on the turn (it goes out with the panel's next state, not as a message). */
  finish(): void {
    this.due?.();
    this.due = undefined;
    if (!this.turn.text) {
      this.turn.html = undefined;
      return;
    }
    // The route may hand back a text other than the pieces (a whole answer), or the reply defines a link reference
    // that may change any link above it: then it is rendered whole.
    if (this.turn.text !== this.streamed || this.markdown.needsWholeRender) {
      this.turn.html = this.render(this.turn.text);
      this.turn.renderedLength = this.turn.text.length;
      this.turn.stableHtml = this.turn.html.length;
      return;
    }
    this.renderTurn(true);
  }

  private schedule(soon: boolean): void {
    if (this.due) return;
    if (soon) {
      const i = setImmediate(() => this.flush());
      this.due = () => clearImmediate(i);
    } else {
      const t = setTimeout(() => this.flush(), this.everyMs);
      this.due = () => clearTimeout(t);
    }
  }

  private flush(): void {
    this.due = undefined;
    const piece = this.renderTurn(false);
    this.post({ type: 'rendered', turn: this.turn.id, ...piece });
    // Behind a fast reply: the next step once waiting I/O and timers have had their turn, not a whole interval later.
    if (this.markdown.behind) this.schedule(true);
  }

  private renderTurn(last: boolean) {
    const piece = this.markdown.update(last);
    this.turn.html = this.markdown.html;
    this.turn.renderedLength = piece.length;
    this.turn.stableHtml = piece.stable;
    return piece;
  }
}
