// Server-sent events from a response body, read by eventsource-parser (chunks split anywhere, CRLF, comments): each
// event's data handed on as it arrives. Bounded: the parser holds at most MAX_SSE_EVENT_CHARS of an unfinished line
// or event (its own maxBufferSize), past which the read stops; and the reader can stop it at the stream's end marker,
// after which the body is destroyed if it is still open, however long the server keeps it open.

import { StringDecoder } from 'node:string_decoder';
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

/** A body the reader can close: undici's (a plain async iterable, as in tests, is left by returning). */
interface Body extends AsyncIterable<Uint8Array | string> {
  destroy?(): unknown;
}

/** Feeds every event of the body to onEvent, in order; resolves when the body ends or onEvent says 'stop'. */
export async function readEvents(
  body: Body,
  onEvent: (e: EventSourceMessage) => AfterEvent | void,
  limit = MAX_SSE_EVENT_CHARS,
): Promise<void> {
  // Node's own decoder: a character split across two chunks is kept for the next, at a fraction of TextDecoder's cost a call.
  const decoder = new StringDecoder('utf8');
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
  // After 'stop' the body is usually over already (the end marker and the response's end come in one packet): the
  // loop then ends by itself. Leaving it early would destroy a body that has ended, which costs an error and its stack
  // on every call; so the body is destroyed only if it is still open once the events already here have run.
  let closing: NodeJS.Immediate | undefined;
  let closed = false;
  try {
    for await (const chunk of body) {
      if (stop) continue; // what comes after the end is not read
      parser.feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (tooLong) throw new EventTooLong(limit);
      if (stop) {
        // Leaving the loop ends the body's iterator, which destroys the body.
        if (!body.destroy) return;
        closing = setImmediate(() => {
          closed = true;
          body.destroy!();
        });
      }
    }
  } catch (e) {
    if (closed) return; // the body destroyed above, a connection left open after its end
    throw e;
  } finally {
    clearImmediate(closing);
  }
  if (stop) return;
  parser.feed(decoder.end());
  // A last event without its closing blank line still counts.
  parser.feed('\n\n');
  if (tooLong) throw new EventTooLong(limit);
}
