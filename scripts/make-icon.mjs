// Writes media/icon.png (128×128): a hex view in miniature, bytes coloured by structure — header (amber),
// metadata (teal), padding (grey), bytecode (blue). Plain Node: the PNG is encoded by hand with zlib.
// Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;
const RADIUS = 22;
const BACKGROUND = [0x1f, 0x23, 0x2b];
const COLOURS = { header: [0xf2, 0xa9, 0x3b], metadata: [0x3f, 0xc1, 0xb0], padding: [0x6b, 0x72, 0x80], bytecode: [0x4c, 0x8d, 0xf6] };
const GRID = 6; // 6×6 "bytes"
const CELL = 14;
const GAP = 4;
const ORIGIN = (SIZE - (GRID * CELL + (GRID - 1) * GAP)) / 2;

/** Which region the byte at index i of the grid belongs to. */
function regionOf(i) {
  if (i < 4) return 'header';
  if (i < 17) return 'metadata';
  if (i < 20) return 'padding';
  return 'bytecode';
}

/** Coverage (0…1) of pixel (x, y) by a rounded rectangle, sampled 4×4 for smooth corners. */
function roundedCoverage(x, y, left, top, width, height, radius) {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const dx = Math.max(left + radius - px, 0, px - (left + width - radius));
      const dy = Math.max(top + radius - py, 0, py - (top + height - radius));
      if (px >= left && px <= left + width && py >= top && py <= top + height && dx * dx + dy * dy <= radius * radius) inside++;
    }
  }
  return inside / 16;
}

const rgba = new Uint8Array(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const at = (y * SIZE + x) * 4;
    const background = roundedCoverage(x, y, 0, 0, SIZE, SIZE, RADIUS);
    let colour = BACKGROUND;
    let cover = 0;
    const col = Math.floor((x - ORIGIN) / (CELL + GAP));
    const row = Math.floor((y - ORIGIN) / (CELL + GAP));
    if (col >= 0 && col < GRID && row >= 0 && row < GRID) {
      const left = ORIGIN + col * (CELL + GAP);
      const top = ORIGIN + row * (CELL + GAP);
      cover = roundedCoverage(x, y, left, top, CELL, CELL, 3);
      colour = COLOURS[regionOf(row * GRID + col)];
    }
    for (let c = 0; c < 3; c++) rgba[at + c] = Math.round(BACKGROUND[c] * (1 - cover) + colour[c] * cover);
    rgba[at + 3] = Math.round(255 * background);
  }
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
const scanlines = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) scanlines.set(rgba.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * (SIZE * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(scanlines, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('media', { recursive: true });
writeFileSync('media/icon.png', png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
