/**
 * Sandbox OCR for ID-card photos (KYC-7). `makeSandboxIdImage` renders a real PNG of an ID card's
 * number side with sharp (an SVG with the fields drawn) and embeds the same fields as JSON in an
 * iTXt chunk with the keyword `kaidian-ocr`, placed right after IHDR. `createSandboxOcr().readIdCard`
 * decodes the image with sharp and reads that chunk back from the PNG text metadata: the answer is
 * deterministic and needs no model. Images without the chunk (any real photo, a re-encoded upload
 * that dropped metadata, a non-image) read as nothing: `{confidence: 0}`.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { Ocr, OcrIdCardResult } from './providers.js';

export const SANDBOX_OCR_KEYWORD = 'kaidian-ocr';
export const SANDBOX_OCR_CONFIDENCE = 0.99;

export type SandboxIdImageFields = {
  name?: string;
  idNumber?: string;
  /** YYYY-MM-DD or `长期`. */
  validUntil?: string;
  /** What the sandbox OCR reports, 0..1 (default 0.99); lower it to test a blurry photo. */
  confidence?: number;
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC). */
const AFTER_IHDR = 8 + 25;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An uncompressed iTXt chunk: keyword, NUL, flag 0, method 0, empty language and translated keyword. */
function iTxtChunk(keyword: string, text: string): Buffer {
  const head = Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1');
  return pngChunk('iTXt', Buffer.concat([head, Buffer.from(text, 'utf8')]));
}

/** Inserts a chunk right after IHDR, where decoders that read only the header still see it. */
export function withPngTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new RangeError('not a PNG');
  }
  return Buffer.concat([png.subarray(0, AFTER_IHDR), iTxtChunk(keyword, text), png.subarray(AFTER_IHDR)]);
}

/** XML-escapes a field and drops C0 control characters, which XML 1.0 does not allow. */
const escapeXml = (s: string) =>
  [...s]
    .filter((c) => c >= ' ')
    .join('')
    .replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The SVG of the card: 856 × 540 px, the ISO/IEC 7810 ID-1 ratio. */
function cardSvg(f: SandboxIdImageFields): string {
  const line = (y: number, label: string, value: string | undefined, size = 30) =>
    value === undefined
      ? ''
      : `<text x="60" y="${y}" font-size="24" fill="#555">${label}</text>` +
        `<text x="250" y="${y}" font-size="${size}" fill="#111" font-family="monospace">${escapeXml(value)}</text>`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540">',
    '<rect width="856" height="540" rx="32" fill="#e8f1f8"/>',
    '<rect x="600" y="90" width="200" height="250" fill="#cfd8e0"/>',
    '<text x="60" y="60" font-size="22" fill="#a33">SANDBOX · 测试证件 · NOT A REAL DOCUMENT</text>',
    line(140, '姓名', f.name, 36),
    line(460, '公民身份号码', f.idNumber, 34),
    line(510, '有效期限', f.validUntil, 24),
    '</svg>',
  ].join('');
}

/**
 * A real PNG of a sandbox ID card whose fields the sandbox OCR reads back exactly. Leave a field
 * out to simulate a card where OCR cannot read it.
 */
export async function makeSandboxIdImage(fields: SandboxIdImageFields): Promise<Buffer> {
  // 1.5× the card's 856×540 points: 1284×810 px, above the upload floors for IDs and licences.
  const png = await sharp(Buffer.from(cardSvg(fields)), { density: 108 })
    .png()
    .toBuffer();
  const payload = {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.idNumber !== undefined ? { idNumber: fields.idNumber } : {}),
    ...(fields.validUntil !== undefined ? { validUntil: fields.validUntil } : {}),
    confidence: fields.confidence ?? SANDBOX_OCR_CONFIDENCE,
  };
  return withPngTextChunk(png, SANDBOX_OCR_KEYWORD, JSON.stringify(payload));
}

const NOTHING: OcrIdCardResult = { confidence: 0 };

function fromPayload(text: string): OcrIdCardResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...NOTHING };
  }
  if (typeof raw !== 'object' || raw === null) return { ...NOTHING };
  const r = raw as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const c = r.confidence;
  const out: OcrIdCardResult = {
    confidence: typeof c === 'number' && c >= 0 && c <= 1 ? c : SANDBOX_OCR_CONFIDENCE,
  };
  const name = str('name');
  const idNumber = str('idNumber');
  const validUntil = str('validUntil');
  if (name !== undefined) out.name = name;
  if (idNumber !== undefined) out.idNumber = idNumber;
  if (validUntil !== undefined) out.validUntil = validUntil;
  return out;
}

export function createSandboxOcr(): Ocr {
  return {
    name: 'sandbox',
    async readIdCard(image) {
      let comments: Array<{ keyword: string; text: string }> | undefined;
      try {
        ({ comments } = await sharp(image).metadata());
      } catch {
        return { ...NOTHING }; // not an image sharp can decode
      }
      const chunk = comments?.find((c) => c.keyword === SANDBOX_OCR_KEYWORD);
      return chunk ? fromPayload(chunk.text) : { ...NOTHING };
    },
  };
}
