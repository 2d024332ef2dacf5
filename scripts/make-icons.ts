/**
 * Generates the app icons (a green cross on a dark background) as real PNG files, with nothing but
 * node:zlib. Run once after changing the design: `node --import tsx scripts/make-icons.ts`.
 * The output is committed under public/, so builds do not depend on this script.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG: Rgb = [0x0f, 0x17, 0x2a];
const CROSS: Rgb = [0x22, 0xc5, 0x5e];
type Rgb = readonly [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A square RGB image: background, and a plus sign whose arms span `extent` of the side and are
 * `extent / 3` thick. `extent` is smaller for the maskable icon, whose outer 10 % may be cropped.
 */
function crossPng(size: number, extent: number): Buffer {
  const half = (size * extent) / 2;
  const arm = (size * extent) / 6;
  const mid = size / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // leading 0 = filter "none"
    for (let x = 0; x < size; x++) {
      const dx = Math.abs(x + 0.5 - mid);
      const dy = Math.abs(y + 0.5 - mid);
      const inCross = (dx <= arm && dy <= half) || (dy <= arm && dx <= half);
      const [r, g, b] = inCross ? CROSS : BG;
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit depth, colour type 2 (RGB), default compression/filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding one PNG image (supported by every browser that shows favicons). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icons/icon-192.png', out), crossPng(192, 0.7));
writeFileSync(new URL('icons/icon-512.png', out), crossPng(512, 0.7));
writeFileSync(new URL('icons/maskable-512.png', out), crossPng(512, 0.5));
writeFileSync(new URL('favicon.ico', out), icoFromPng(crossPng(32, 0.8), 32));
