// A body far larger than any real answer, or one that never ends, written in chunks as the client reads (never held
// whole, so the fake itself stays small while it serves 300 MB). Used by the fake Poe and the fake endpoint.
import type http from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `prefix`, then filler until `bytes` have gone (or forever for 'endless'); stops when the client goes away. */
export function writeHugeBody(res: http.ServerResponse, bytes: number | 'endless', prefix = ''): void {
  let left = bytes === 'endless' ? Infinity : bytes - Buffer.byteLength(prefix);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  if (prefix) res.write(prefix);
  const pump = () => {
    while (!closed && left > 0) {
      const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
}
