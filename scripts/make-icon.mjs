// Draws media/icon.png (128×128, the Marketplace icon): a violet rounded square with a white speech-bubble bot.
// Pure Node (zlib), so the icon can be rebuilt anywhere: node scripts/make-icon.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px1, py1, px2, py2, px3, py3) => (px1 - px3) * (py2 - py3) - (px2 - px3) * (py1 - py3);
  const d1 = s(x, y, ax, ay, bx, by),
    d2 = s(x, y, bx, by, cx, cy),
    d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    let c = [0, 0, 0, 0];
    const sub = [
      [0.25, 0.25],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
    ];
    const acc = [0, 0, 0, 0];
    for (const [dx, dy] of sub) {
      const X = x + dx,
        Y = y + dy;
      c = [0, 0, 0, 0];
      if (inRoundRect(X, Y, 4, 4, 124, 124, 26)) {
        const t = (X + Y) / (2 * N);
        c = [Math.round(94 + 60 * t), Math.round(52 + 20 * t), Math.round(214 - 40 * t), 255];
        const bubble = inRoundRect(X, Y, 26, 30, 102, 86, 16) || inTriangle(X, Y, [44, 82], [62, 82], [40, 102]);
        if (bubble) c = [255, 255, 255, 255];
        const eye = (X - 50) ** 2 + (Y - 54) ** 2 <= 36 || (X - 78) ** 2 + (Y - 54) ** 2 <= 36;
        if (eye) c = [94, 52, 214, 255];
      }
      for (let i = 0; i < 4; i++) acc[i] += c[i] / sub.length;
    }
    acc.forEach((v, i) => {
      px[(y * N + x) * 4 + i] = Math.round(v);
    });
  }
}
const rows = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  rows[y * (N * 4 + 1)] = 0;
  px.copy(rows, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
