// Server-sent events from a response body, read by eventsource-parser (chunks split anywhere, CRLF, comments): each
// event's data handed on as it arrives. Bounded: an event (or a line) past MAX_SSE_EVENT_CHARS stops the read, and
// so does the reader saying it has seen the end (after which the body is destroyed, however long it stays open).

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { MAX_SSE_EVENT_CHARS } from '../poe/bounds';

/** What to do after an event: go on, or stop reading (the stream's end marker, or a problem already found). */
export type AfterEvent = 'more' | 'stop';

/** An event or a line of the stream passed the limit. */
export class EventTooLong extends Error {
  constructor(readonly limitChars: number) { super(`an event of the stream is longer than ${limitChars} characters`); this.name = 'EventTooLong'; }
}

/** Feeds every event of the body to onEvent, in order; resolves when the body ends or onEvent says 'stop'. */
export async function readEvents(body: AsyncIterable<Uint8Array | string>, onEvent: (e: EventSourceMessage) => AfterEvent | void, limit = MAX_SSE_EVENT_CHARS): Promise<void> {
  const decoder = new TextDecoder();
  let stop = false;
  // Characters fed since the last event or comment: the parser holds at most this much.
  let unread = 0;
  const parser = createParser({
    onEvent: (e) => { unread = 0; if (!stop && onEvent(e) === 'stop') stop = true; },
    onComment: () => { unread = 0; },
  });
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    unread += text.length;
    if (unread > limit) throw new EventTooLong(limit);
    parser.feed(text);
    // Leaving the loop ends the body's iterator, which destroys the body: an open connection after the end is not waited on.
    if (stop) return;
  }
  parser.feed(decoder.decode());
  // A last event without its closing blank line still counts.
  if (!stop) parser.feed('\n\n');
}
