#!/usr/bin/env node
// Draws media/icon.png (128×128): a white shield with three linked nodes on blue.
// No image tools needed: rasterizes with 4×4 supersampling and writes the PNG with zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 128;
const shield = (x, y) => {
  // Shield outline in unit coordinates: top edge with a notch, sides, rounded bottom point.
  const u = x / S,
    v = y / S;
  if (v < 0.12 || v > 0.92) return false;
  const half = v < 0.55 ? 0.34 : 0.34 * Math.sqrt(Math.max(0, 1 - ((v - 0.55) / 0.37) ** 2));
  const top = 0.12 + 0.05 * (1 - Math.abs(u - 0.5) / 0.34);
  return Math.abs(u - 0.5) <= half && v >= top;
};
const nodes = [
  [0.38, 0.45],
  [0.62, 0.45],
  [0.5, 0.68],
];
const dist = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const blue = [31, 111, 235];
const rows = [];
for (let y = 0; y < S; y++) {
  const row = [0];
  for (let x = 0; x < S; x++) {
    let cover = 0,
      mark = 0;
    for (let sy = 0; sy < 4; sy++)
      for (let sx = 0; sx < 4; sx++) {
        const px = x + (sx + 0.5) / 4,
          py = y + (sy + 0.5) / 4;
        if (!shield(px, py)) continue;
        cover++;
        const u = px / S,
          v = py / S;
        const onNode = nodes.some(([nx, ny]) => Math.hypot(u - nx, v - ny) < 0.055);
        const onEdge = [
          [0, 1],
          [0, 2],
          [1, 2],
        ].some(([a, b]) => dist(u, v, nodes[a], nodes[b]) < 0.014);
        if (onNode || onEdge) mark++;
      }
    const white = (cover - mark) / 16,
      ink = mark / 16,
      bg = 1 - cover / 16;
    for (let c = 0; c < 3; c++) row.push(Math.round(255 * white + blue[c] * (bg + ink)));
    row.push(255);
  }
  rows.push(Buffer.from(row));
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
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
