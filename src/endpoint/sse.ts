// Server-sent events from a response body, read by eventsource-parser (chunks split anywhere, CRLF, comments): each
// event's data handed on as it arrives.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Feeds every event of the body to onEvent, in order; resolves when the body ends. */
export async function readEvents(body: AsyncIterable<Uint8Array | string>, onEvent: (e: EventSourceMessage) => void): Promise<void> {
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent });
  for await (const chunk of body) parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
  // A last event without its closing blank line still counts.
  parser.feed('\n\n');
}
