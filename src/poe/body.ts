// A response body read piece by piece up to a cap: past it the body is destroyed at once, so a server sending 300 MB
// (or an endless body) costs at most the cap in memory, never the whole answer.

import { MAX_RESPONSE_BYTES, sizeInWords } from './bounds';

/** The body went past the cap; nothing more of it was read. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer was larger than ${sizeInWords(limitBytes)}`);
    this.name = 'BodyTooLarge';
  }
}

interface Body extends AsyncIterable<Uint8Array | string> {
  destroy?(error?: Error): unknown;
}

/** The body as text, or BodyTooLarge as soon as it passes `limit` bytes (a Content-Length past it is refused unread). */
export async function readCapped(body: Body, limit = MAX_RESPONSE_BYTES, contentLength?: unknown): Promise<string> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy?.();
    throw new BodyTooLarge(limit);
  }
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const piece =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += piece.byteLength;
    if (size > limit) {
      body.destroy?.();
      throw new BodyTooLarge(limit);
    }
    pieces.push(piece);
  }
  return Buffer.concat(pieces, size).toString('utf8');
}
