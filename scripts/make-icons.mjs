// Draws PharmQuiz's app icons as PNG files, with nothing but Node's zlib:
//   web/icons/icon-192.png, icon-512.png   rounded blue square, transparent corners (purpose "any")
//   web/icons/maskable-512.png             full-bleed blue, the mark inside the central 80 % safe zone
//   web/icons/apple-touch-icon.png         180 px, full-bleed (iOS rounds the corners itself)
// The mark is a white two-tone capsule (a pill) lying at 45 degrees.
// Usage: node scripts/make-icons.mjs [<out-dir>]   (default web/icons)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'web', 'icons'));

const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];
const TINT = [0xbf, 0xdb, 0xf7];

// --- PNG encoding (RGBA, 8 bits per channel, filter 0 on every row) ---
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Drawing with signed distances in unit coordinates (0..1), 4x4 supersampling ---
const sdRoundedSquare = (x, y, half, r) => {
  const qx = Math.abs(x - 0.5) - half + r;
  const qy = Math.abs(y - 0.5) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

/** The pill: a capsule from a to b (scaled by `s` around the centre). Returns [inside, which half, on the seam]. */
function pill(x, y, s) {
  const ax = 0.5 - 0.2 * s, ay = 0.5 + 0.2 * s, bx = 0.5 + 0.2 * s, by = 0.5 - 0.2 * s;
  const radius = 0.135 * s;
  const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - radius;
  const along = ((x - 0.5) * dx + (y - 0.5) * dy) / Math.sqrt(len2); // signed distance along the axis from the middle
  return { inside: d <= 0, upper: along > 0, seam: Math.abs(along) < 0.012 * s };
}

/** Colour (RGBA) of one sample point. */
function sample(x, y, { fullBleed, markScale }) {
  const inSquare = fullBleed || sdRoundedSquare(x, y, 0.5, 0.2) <= 0;
  if (!inSquare) return [0, 0, 0, 0];
  const p = pill(x, y, markScale);
  if (!p.inside || p.seam) return [...BLUE, 255];
  return [...(p.upper ? TINT : WHITE), 255];
}

function draw(size, opts) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, opts);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round(a / (n * n));
    }
  }
  return png(size, rgba);
}

mkdirSync(out, { recursive: true });
const icons = [
  ['icon-192.png', 192, { fullBleed: false, markScale: 1 }],
  ['icon-512.png', 512, { fullBleed: false, markScale: 1 }],
  // The mark reaches about 0.36 of the size from the centre: inside the 0.4 safe-zone radius.
  ['maskable-512.png', 512, { fullBleed: true, markScale: 0.85 }],
  ['apple-touch-icon.png', 180, { fullBleed: true, markScale: 0.95 }],
];
for (const [name, size, opts] of icons) {
  const file = join(out, name);
  const data = draw(size, opts);
  writeFileSync(file, data);
  console.log(`${file}: ${size}x${size}, ${data.length} bytes`);
}
