import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/**
 * Test-only: product photos made with sharp — a white canvas with a coloured product in the middle
 * (what PROD-1 wants), a noisy "photo" with no white anywhere, and odd ratios.
 */

export async function productPhoto(
  width: number,
  height: number,
  opts: { format?: 'jpeg' | 'png' | 'webp'; margin?: number; background?: string } = {},
): Promise<Buffer> {
  const margin = opts.margin ?? 0.2;
  const inner = {
    width: Math.round(width * (1 - 2 * margin)),
    height: Math.round(height * (1 - 2 * margin)),
  };
  const product = await sharp({
    create: { ...inner, channels: 3, background: { r: 200, g: 30, b: 60 } },
  })
    .png()
    .toBuffer();
  return sharp({
    create: { width, height, channels: 3, background: opts.background ?? '#ffffff' },
  })
    .composite([{ input: product, left: Math.round(width * margin), top: Math.round(height * margin) }])
    .toFormat(opts.format ?? 'jpeg', { quality: 90 })
    .toBuffer();
}

/** Random pixels: a photo-like image with texture to the very edge. */
export async function noisyPhoto(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}
