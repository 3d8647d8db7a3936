// A streamed reply rendered as it grows, in linear time: the blocks that can no longer change are rendered once and
// kept, and only the last, unfinished block is rendered again (and only while it is short). A block is finished at a
// blank line outside a code fence followed by a line that starts a new block at the margin (not a list item, which
// could still join the list above). Rendered piece by piece, the reply gives the HTML markdown-it gives it whole.

import { LIVE_RENDER_CHARS, RENDER_STEP_CHARS } from '../../poe/bounds';

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
  /** HTML of the finished blocks, and the part of it the webview has not been sent yet. */
  private stableHtml = '';
  private unsent = '';
  private liveHtml = '';
  /** The source past the finished blocks, which begin at `base` of the reply (the reply whole is never held here). */
  private rest = '';
  private base = 0;
  /** How much of the reply has been read for block boundaries: complete lines only. */
  private scanned = 0;
  private fence?: { char: string; length: number };
  private blankBefore = false;
  /** Where finished blocks end, past what is rendered, in order (from `next` on). */
  private boundaries: number[] = [];
  private next = 0;
  private hasReference = false;

  constructor(
    private readonly render: (markdown: string) => string,
    private readonly liveLimit = LIVE_RENDER_CHARS,
    private readonly step = RENDER_STEP_CHARS,
  ) {}

  /** The HTML so far (finished blocks, then the last block when it was rendered). */
  get html(): string {
    return this.stableHtml + this.liveHtml;
  }

  /** Finished blocks are waiting past the last step: render again soon. */
  get behind(): boolean {
    return this.next < this.boundaries.length;
  }

  /** The reply defines a link reference, which may change a link anywhere above it: render it whole at the end. */
  get needsWholeRender(): boolean {
    return this.hasReference || REFERENCE.test(this.rest.slice(this.scanned - this.base));
  }

  /** More of the reply. */
  append(text: string): void {
    this.rest += text;
    this.scan();
  }

  /** One render step: the blocks finished since the last one (about `step` characters), and the last block while short. `last`: all of it. */
  update(last = false): RenderedPiece {
    const limit = last ? Infinity : this.base + this.step;
    let end = this.base;
    while (this.next < this.boundaries.length) {
      const b = this.boundaries[this.next]!;
      if (b > limit && end > this.base) break;
      end = b;
      this.next++;
      if (b > limit) break;
    }
    if (this.next > 1024) {
      this.boundaries = this.boundaries.slice(this.next);
      this.next = 0;
    }
    if (end > this.base) {
      const html = this.render(this.rest.slice(0, end - this.base));
      this.stableHtml += html;
      this.unsent += html;
      this.rest = this.rest.slice(end - this.base);
      this.base = end;
    }
    let length = this.base;
    this.liveHtml = '';
    if (last || (!this.behind && this.rest.length <= this.liveLimit)) {
      this.liveHtml = this.rest ? this.render(this.rest) : '';
      length = this.base + this.rest.length;
    }
    const piece = {
      keep: this.stableHtml.length - this.unsent.length,
      html: this.unsent + this.liveHtml,
      stable: this.stableHtml.length,
      length,
    };
    this.unsent = '';
    return piece;
  }

  /** Reads the complete lines not read yet: fences opened and closed, and where a new block surely starts. */
  private scan(): void {
    for (;;) {
      const end = this.rest.indexOf('\n', this.scanned - this.base);
      if (end < 0) return;
      const start = this.scanned;
      const line = this.rest.slice(start - this.base, end);
      this.scanned = this.base + end + 1;
      if (this.fence) {
        const close = FENCE.exec(line);
        if (close && close[1]![0] === this.fence.char && close[1]!.length >= this.fence.length && !close[2]!.trim())
          this.fence = undefined;
        continue;
      }
      if (!line.trim()) {
        this.blankBefore = true;
        continue;
      }
      if (this.blankBefore && /^\S/.test(line) && !LIST_ITEM.test(line)) this.boundaries.push(start);
      this.blankBefore = false;
      if (REFERENCE.test(line)) this.hasReference = true;
      const open = FENCE.exec(line);
      // A backtick fence's info string has no backtick (else the line is inline code, not a fence).
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`')))
        this.fence = { char: open[1]![0]!, length: open[1]!.length };
    }
  }
}
