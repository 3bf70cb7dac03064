// Image files as the writer keeps them: PNG, JPEG or WebP only, recognised by their bytes (not by
// what a client claims), re-encoded (which drops metadata and anything hidden after the image)
// and measured. `sharp` decodes and encodes; an input over the pixel limit is refused before decoding.
import { BadUserInputError } from '@igny8/lib';
import sharp from 'sharp';

/** Pixels an image may have (a small file can still claim a huge canvas: a decompression bomb). */
const MAX_PIXELS = 40_000_000;

export type StoredImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What the bytes are, by their signature; null for anything else. */
export function imageTypeOf(data: Buffer): StoredImageType | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface ImageFacts {
  data: Buffer;
  mimeType: StoredImageType;
  width: number;
  height: number;
}

const notAnImage = () =>
  BadUserInputError.field('file', 'is not a PNG, JPEG or WebP image: upload one of those (at most 5 MB)');

/** An uploaded file re-encoded in its own format, or BAD_USER_INPUT when it is not a readable image. */
export async function reencodeUpload(data: Buffer): Promise<ImageFacts> {
  const type = imageTypeOf(data);
  if (!type) throw notAnImage();
  try {
    const pipeline = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
    const encoded =
      type === 'image/png'
        ? pipeline.png({ compressionLevel: 9 })
        : type === 'image/jpeg'
          ? pipeline.jpeg({ quality: 88, mozjpeg: true })
          : pipeline.webp({ quality: 88 });
    const { data: out, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data: out, mimeType: type, width: info.width, height: info.height };
  } catch {
    throw notAnImage();
  }
}

/**
 * A generated image as it is stored: PNG, JPEG and WebP kept as the model made them (measured),
 * anything else (an SVG, a GIF) turned into a PNG.
 */
export async function imageFacts(data: Buffer): Promise<ImageFacts> {
  const type = imageTypeOf(data);
  const image = sharp(data, { limitInputPixels: MAX_PIXELS });
  if (type) {
    const meta = await image.metadata();
    return { data, mimeType: type, width: meta.width ?? 0, height: meta.height ?? 0 };
  }
  const { data: png, info } = await image.png().toBuffer({ resolveWithObject: true });
  return { data: png, mimeType: 'image/png', width: info.width, height: info.height };
}
