import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compareOcr } from './providers.js';
import {
  createSandboxOcr,
  makeSandboxIdImage,
  SANDBOX_OCR_CONFIDENCE,
  SANDBOX_OCR_KEYWORD,
  withPngTextChunk,
} from './sandbox-ocr.js';
import { makeValidIdNumber } from './sandbox-values.js';

const ocr = createSandboxOcr();
const fields = { name: '张三', idNumber: makeValidIdNumber('001'), validUntil: '2036-05-01' };

describe('sandbox OCR', () => {
  it('makeSandboxIdImage renders a real 1284×810 PNG (the card at 1.5×, above the upload floors)', async () => {
    const png = await makeSandboxIdImage(fields);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([1284, 810]);
    const stats = await sharp(png).stats();
    expect(stats.channels[0]!.min).toBeLessThan(stats.channels[0]!.max); // something is drawn
  });

  it('round trip: reads back exactly the fields drawn, with confidence 0.99', async () => {
    const read = await ocr.readIdCard(await makeSandboxIdImage(fields));
    expect(read).toEqual({ ...fields, confidence: SANDBOX_OCR_CONFIDENCE });
    expect(compareOcr({ name: '张三', idNumber: fields.idNumber.toLowerCase() }, read)).toEqual([]);
    expect(compareOcr({ name: '张四', idNumber: fields.idNumber }, read)).toEqual(['name']);
  });

  it('keeps names with XML special characters and 长期 validity', async () => {
    const odd = { name: 'A<B>&"C\'', idNumber: 'USA110099999999', validUntil: '长期' };
    expect(await ocr.readIdCard(await makeSandboxIdImage(odd))).toEqual({ ...odd, confidence: 0.99 });
  });

  it('a field left out is not read; confidence can be lowered to simulate a blurry photo', async () => {
    const read = await ocr.readIdCard(await makeSandboxIdImage({ name: '张三', confidence: 0.42 }));
    expect(read).toEqual({ name: '张三', confidence: 0.42 });
    expect(compareOcr({ name: '张三', idNumber: fields.idNumber }, read)).toEqual(['idNumber']);
  });

  it('an image without the chunk, or not an image at all, reads as nothing', async () => {
    const plain = await sharp({
      create: { width: 64, height: 40, channels: 3, background: '#88aacc' },
    })
      .png()
      .toBuffer();
    expect(await ocr.readIdCard(plain)).toEqual({ confidence: 0 });
    const jpeg = await sharp(await makeSandboxIdImage(fields))
      .jpeg()
      .toBuffer();
    expect(await ocr.readIdCard(jpeg)).toEqual({ confidence: 0 }); // re-encoding drops the metadata
    expect(await ocr.readIdCard(Buffer.from('not an image'))).toEqual({ confidence: 0 });
    const junk = withPngTextChunk(plain, SANDBOX_OCR_KEYWORD, '{not json');
    expect(await ocr.readIdCard(junk)).toEqual({ confidence: 0 });
  });

  it('is deterministic: the same image gives the same answer, and so does re-rendering', async () => {
    const a = await makeSandboxIdImage(fields);
    const b = await makeSandboxIdImage(fields);
    expect(await ocr.readIdCard(a)).toEqual(await ocr.readIdCard(a));
    expect(await ocr.readIdCard(b)).toEqual(await ocr.readIdCard(a));
  });

  it('withPngTextChunk refuses a non-PNG', () => {
    expect(() => withPngTextChunk(Buffer.from('GIF89a....'), 'k', 'v')).toThrow(RangeError);
  });
});
