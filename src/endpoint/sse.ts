// Server-sent events from a response body, read by eventsource-parser (chunks split anywhere, CRLF, comments): each
// event's data handed on as it arrives. Bounded: the parser holds at most MAX_SSE_EVENT_CHARS of an unfinished line
// or event (its own maxBufferSize), past which the read stops; and the reader can stop it at the stream's end marker,
// after which the body is destroyed, however long the server keeps it open.

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { MAX_SSE_EVENT_CHARS } from '../poe/bounds';

/** What to do after an event: go on, or stop reading (the stream's end marker, or a problem already found). */
export type AfterEvent = 'more' | 'stop';

/** An unfinished line or event of the stream passed the limit. */
export class EventTooLong extends Error {
  constructor(readonly limitChars: number) {
    super(`a line or event of the stream is longer than ${limitChars} characters`);
    this.name = 'EventTooLong';
  }
}

/** Feeds every event of the body to onEvent, in order; resolves when the body ends or onEvent says 'stop'. */
export async function readEvents(
  body: AsyncIterable<Uint8Array | string>,
  onEvent: (e: EventSourceMessage) => AfterEvent | void,
  limit = MAX_SSE_EVENT_CHARS,
): Promise<void> {
  const decoder = new TextDecoder();
  let stop = false;
  let tooLong = false;
  const parser = createParser({
    onEvent: (e) => {
      if (!stop && onEvent(e) === 'stop') stop = true;
    },
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') tooLong = true;
    },
    maxBufferSize: limit,
  });
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (tooLong) throw new EventTooLong(limit);
    // Leaving the loop ends the body's iterator, which destroys the body: an open connection after the end is not waited on.
    if (stop) return;
  }
  parser.feed(decoder.decode());
  // A last event without its closing blank line still counts.
  if (!stop) parser.feed('\n\n');
  if (tooLong) throw new EventTooLong(limit);
}
