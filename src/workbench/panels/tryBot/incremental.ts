// A streamed reply rendered as it grows, in linear time: the blocks that can no longer change are rendered once and
// kept, and only the last, unfinished block is rendered again (and only while it is short). A block is finished at a
// blank line outside a code fence followed by a line that starts a new block at the margin (not a list item, which
// could still join the list above). Rendered piece by piece, the reply gives the HTML markdown-it gives it whole.

import { LIVE_RENDER_CHARS } from '../../../poe/bounds';

/** What the webview needs after a render: keep the first `keep` characters of the HTML it has, then add `html`. */
export interface RenderedPiece {
  keep: number;
  html: string;
  /** How much of the HTML, once `html` is added, will never change. */
  stable: number;
  /** How much of the source text the HTML covers (the rest is shown as it came). */
  length: number;
}


const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// A link reference definition ("[x]: https://…") can change a link anywhere above it: then the end renders whole.
const REFERENCE = /^ {0,3}\[[^\]]+\]:/m;

export class IncrementalMarkdown {
  private stableHtml = '';
  private stableEnd = 0;
  private liveHtml = '';
  private scanned = 0;
  private fence?: { char: string; length: number };
  private blankBefore = false;
  private boundary = 0;
  private sent = 0;
  private hasReference = false;

  constructor(private readonly render: (markdown: string) => string, private readonly liveLimit = LIVE_RENDER_CHARS) {}

  /** The HTML so far (finished blocks, then the last block when it was rendered). */
  get html(): string { return this.stableHtml + this.liveHtml; }

  /** Renders what `text` (the reply so far: the last text plus more) added. `last`: the reply is complete. */
  update(text: string, last = false): RenderedPiece {
    this.scan(text);
    if (last && REFERENCE.test(text.slice(this.scanned))) this.hasReference = true;
    if (this.boundary > this.stableEnd) {
      this.stableHtml += this.render(text.slice(this.stableEnd, this.boundary));
      this.stableEnd = this.boundary;
    }
    const live = text.slice(this.stableEnd);
    let length = this.stableEnd;
    this.liveHtml = '';
    if (last && this.hasReference) {
      this.stableHtml = this.render(text);
      this.stableEnd = length = text.length;
      this.sent = 0;
    } else if (last || live.length <= this.liveLimit) {
      this.liveHtml = live ? this.render(live) : '';
      length = text.length;
    }
    const keep = Math.min(this.sent, this.stableHtml.length);
    this.sent = this.stableHtml.length;
    return { keep, html: this.stableHtml.slice(keep) + this.liveHtml, stable: this.stableHtml.length, length };
  }

  /** Reads the complete lines not read yet: fences opened and closed, and the last place a new block surely starts. */
  private scan(text: string): void {
    for (;;) {
      const end = text.indexOf('\n', this.scanned);
      if (end < 0) return;
      const start = this.scanned;
      const line = text.slice(start, end);
      this.scanned = end + 1;
      if (this.fence) {
        const close = FENCE.exec(line);
        if (close && close[1]![0] === this.fence.char && close[1]!.length >= this.fence.length && !close[2]!.trim()) this.fence = undefined;
        continue;
      }
      if (!line.trim()) { this.blankBefore = true; continue; }
      if (this.blankBefore && /^\S/.test(line) && !LIST_ITEM.test(line)) this.boundary = start;
      this.blankBefore = false;
      if (REFERENCE.test(line)) this.hasReference = true;
      const open = FENCE.exec(line);
      // A backtick fence's info string has no backtick (else the line is inline code, not a fence).
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) this.fence = { char: open[1]![0]!, length: open[1]!.length };
    }
  }
}
