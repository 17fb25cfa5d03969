import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeValidIdNumber, makeValidUscc } from '../../src/adapters/kyc/index.js';
import { createLogger } from '../../src/kernel/log.js';
import { createScanner, formatFinding } from './scan.js';

/** The "no PII in logs" scanner (run over the whole suite's logs by test/pii/global-setup.ts) can fail. */
describe('PII log scanner', () => {
  const scanner = createScanner();
  const detectors = (text: string) => scanner.scanText(text).map((f) => f.detector);
  const id = makeValidIdNumber('123');
  const uscc = makeValidUscc('5678');

  it('finds a valid ID number, but not an invalid one or a longer digit run', () => {
    expect(detectors(`{"msg":"claim","idNumber":"${id}"}`)).toEqual(['id_number']);
    expect(detectors(`{"n":"${makeValidIdNumber('7', { birthDate: '1985-12-31' }).toLowerCase()}"}`)).toEqual(
      ['id_number'],
    );
    const wrongCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    expect(detectors(`{"x":"${wrongCheck}"}`)).toEqual([]);
    expect(detectors(`{"x":"9${id}"}`)).toEqual([]);
  });

  it('finds a valid USCC, a test name (also JSON-escaped) and a phone in clear, not a masked one', () => {
    expect(detectors(`{"uscc":"${uscc}"}`)).toEqual(['uscc']);
    expect(detectors('{"msg":"holder 张三 submitted"}')).toEqual(['name']);
    expect(detectors('{"msg":"holder \\u5f20\\u4e09"}')).toEqual(['name']);
    expect(detectors('{"staff":"li lei"}')).toEqual(['name']);
    expect(detectors('{"to":"+8613912345678"}')).toEqual(['phone']);
    expect(detectors('{"to":"13912345678"}')).toEqual(['phone']);
    expect(detectors('{"to":"139****5678","responseTime":0.13912345678}')).toEqual([]);
    expect(detectors('{"reqId":"cc970cb6-2b22-4aa3-8327-a18912345652","n":"x13912345678"}')).toEqual([]);
    expect(detectors('{"msg":"sent to 13912345678."}')).toEqual(['phone']);
  });

  it('finds image bytes as base64, hex, byte arrays and raw magic', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .webp()
      .toBuffer();
    expect(detectors(`{"photo":"${jpeg.toString('base64')}"}`)).toEqual(['image_base64']);
    expect(detectors(`{"photo":"data:image/jpeg;base64,${jpeg.toString('base64url')}"}`)).toEqual([
      'image_base64',
    ]);
    expect(detectors(`{"p":"${png.toString('base64')}"}`)).toContain('image_base64');
    expect(detectors(`{"p":"${webp.toString('base64')}"}`)).toContain('image_base64');
    expect(detectors(`{"p":"${jpeg.toString('hex')}"}`)).toEqual(['image_hex']);
    expect(detectors(`{"p":"${png.subarray(0, 16).toString('hex')}"}`)).toEqual(['image_hex']);
    expect(detectors(JSON.stringify({ p: jpeg.subarray(0, 8).toJSON() }))).toEqual(['image_byte_array']);
    expect(detectors(JSON.stringify({ p: jpeg.subarray(0, 16).toString('latin1') }))).toContain('image_raw');
    expect(detectors(JSON.stringify({ p: png.subarray(0, 16).toString('latin1') }))).toContain('image_raw');
    // A SHA-256 or a request id is not an image.
    expect(
      detectors('{"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}'),
    ).toEqual([]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-pii-'));
    try {
      const file = path.join(dir, 'w.ndjson');
      fs.writeFileSync(
        file,
        Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), jpeg.subarray(0, 32), Buffer.from('"}\n')]),
      );
      const found = scanner.scanFile(file).findings;
      expect(found.map((f) => [f.line, f.detector])).toContainEqual([2, 'image_raw']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says where (file, line, column, detector) without printing the value in full', () => {
    const text = `{"level":30}\n{"level":30,"msg":"x","holder":{"idNumber2":"${id}"}}\n`;
    const [f] = scanner.scanText(text, '/tmp/x.ndjson');
    expect(f).toMatchObject({ file: '/tmp/x.ndjson', line: 2, detector: 'id_number' });
    const shown = formatFinding(f!, '/tmp');
    expect(shown).toMatch(/^x\.ndjson:2:\d+ id_number /);
    expect(shown).not.toContain(id);
    expect(shown).not.toContain(id.slice(3, 15));
  });

  it('finds what a careless log call would leak through the real logger configuration', () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (s: string) => lines.push(s) });
    // Fields not named like a secret, and the message: the logger masks ID numbers, USCCs and
    // phones wherever they are, and censors fields named like identity data, but a name in free
    // text gets through — that is what the scan is for.
    log.info({ holder: { label: '李四', document: id, org: uscc, fullName: '王五' } }, 'case for 张三');
    const found = scanner.scanText(lines.join(''));
    expect(found.map((f) => f.detector).sort()).toEqual(['name', 'name']);
    expect(lines.join('')).toContain(`${id.slice(0, 3)}***********${id.slice(-4)}`);
    // Without the logger's masking, the scan sees the ID number and the USCC.
    expect(detectors(JSON.stringify({ document: id, org: uscc })).sort()).toEqual(['id_number', 'uscc']);
  });
});
