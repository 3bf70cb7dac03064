// The offline provider's raster image: a real PNG of the requested size (a diagonal two-colour
// gradient with soft bands, both colours and the band angle drawn from the prompt's hash), for
// callers that store and publish images and need a bitmap a browser, CMS or re-encoder accepts.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** HSL (h 0–359, s and l 0–1) to 8-bit RGB. */
function rgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** A `width`×`height` RGB PNG, the same bytes for the same seed (a 32-bit hash of the prompt). */
export function placeholderPng(width: number, height: number, seed: number): Buffer {
  const from = rgb(seed % 360, 0.5, 0.35);
  const to = rgb((seed >>> 9) % 360, 0.55, 0.6);
  const bands = 3 + ((seed >>> 18) % 6);
  const tilt = ((seed >>> 24) % 100) / 100;
  const rowBytes = width * 3 + 1;
  const raw = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const t = (x / width) * (1 - tilt) + (y / height) * tilt;
      const band = 0.08 * Math.sin(t * bands * Math.PI * 2);
      const mix = Math.min(1, Math.max(0, t + band));
      const at = y * rowBytes + 1 + x * 3;
      raw[at] = Math.round(from[0] + (to[0] - from[0]) * mix);
      raw[at + 1] = Math.round(from[1] + (to[1] - from[1]) * mix);
      raw[at + 2] = Math.round(from[2] + (to[2] - from[2]) * mix);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The width and height a PNG's header declares, or null when `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
