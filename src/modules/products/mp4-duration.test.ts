import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longerThan, readMp4Duration } from './mp4-duration.js';
import { box, ftyp, largeBox, mp4, mvhd, trak } from './mp4-testing.js';

/** PROD-1 videos: the duration comes from moov/mvhd of the container itself. */

const ok = (buf: Buffer) => {
  const r = readMp4Duration(buf);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.info;
};

describe('readMp4Duration', () => {
  it('reads version 0 (32-bit) and version 1 (64-bit) movie headers', () => {
    expect(ok(mp4({ timescale: 1000, duration: 12_500 }))).toMatchObject({
      timescale: 1000,
      duration: 12_500n,
      durationMs: 12_500,
      hasVideo: true,
      mime: 'video/mp4',
      brand: 'isom',
    });
    expect(ok(mp4({ timescale: 90_000, duration: 15n * 90_000n, version: 1 })).durationMs).toBe(15_000);
    // A 64-bit duration beyond 2^32 units.
    const long = ok(mp4({ timescale: 48_000, duration: 2n ** 33n, version: 1 }));
    expect(long.duration).toBe(2n ** 33n);
    expect(long.durationMs).toBe(Number((2n ** 33n * 1000n) / 48_000n));
  });

  it('finds moov after mdat (not fast-started) and in a file using 64-bit box sizes', () => {
    expect(ok(mp4({ duration: 9_000, moovFirst: false, mdatBytes: 100_000 })).durationMs).toBe(9_000);
    const big = Buffer.concat([
      ftyp(),
      largeBox('mdat', Buffer.alloc(1000)),
      box('moov', mvhd(600, 600 * 14), trak()),
    ]);
    expect(ok(big).durationMs).toBe(14_000);
  });

  it('says QuickTime for the qt brand and for files without ftyp', () => {
    expect(ok(mp4({ duration: 1000, brand: 'qt  ' })).mime).toBe('video/quicktime');
    const noFtyp = Buffer.concat([box('wide'), box('moov', mvhd(1000, 5000), trak())]);
    expect(ok(noFtyp)).toMatchObject({ mime: 'video/quicktime', durationMs: 5000, brand: null });
  });

  it('takes a fragmented file’s duration from mvex/mehd', () => {
    const mehd = Buffer.alloc(8);
    mehd.writeUInt32BE(7_000, 4);
    const frag = Buffer.concat([
      ftyp('iso6'),
      box('moov', mvhd(1000, 0), box('mvex', box('mehd', mehd)), trak()),
    ]);
    expect(ok(frag).durationMs).toBe(7_000);
    const unknown = Buffer.concat([ftyp('iso6'), box('moov', mvhd(1000, 0xffffffff), trak())]);
    expect(readMp4Duration(unknown)).toEqual({ ok: false, reason: 'unknown_duration' });
  });

  it('knows audio-only files have no video track', () => {
    expect(ok(mp4({ duration: 1000, handler: 'soun' })).hasVideo).toBe(false);
  });

  it('refuses what is not an MP4, and truncated or broken files, without throwing', () => {
    const valid = mp4({ duration: 10_000 });
    expect(readMp4Duration(Buffer.from('GIF89a not a video')).ok).toBe(false);
    expect(readMp4Duration(Buffer.alloc(0))).toEqual({ ok: false, reason: 'not_mp4' });
    expect(readMp4Duration(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))).toEqual({
      ok: false,
      reason: 'not_mp4',
    });
    expect(readMp4Duration(valid.subarray(0, 40))).toEqual({ ok: false, reason: 'truncated' });
    expect(readMp4Duration(Buffer.concat([ftyp(), box('mdat', Buffer.alloc(10))]))).toEqual({
      ok: false,
      reason: 'no_moov',
    });
    expect(readMp4Duration(Buffer.concat([ftyp(), box('moov', trak())]))).toEqual({
      ok: false,
      reason: 'no_mvhd',
    });
    expect(readMp4Duration(mp4({ timescale: 0, duration: 10 }))).toEqual({
      ok: false,
      reason: 'bad_timescale',
    });
    // A box claiming more bytes than there are; a box smaller than its header.
    const lying = Buffer.from(valid);
    lying.writeUInt32BE(0x7fffffff, ftyp().length);
    expect(readMp4Duration(lying)).toEqual({ ok: false, reason: 'truncated' });
    const tiny = Buffer.from(valid);
    tiny.writeUInt32BE(3, ftyp().length);
    expect(readMp4Duration(tiny)).toEqual({ ok: false, reason: 'truncated' });
  });

  it('never throws on garbage or on corrupted valid files (property)', () => {
    const valid = mp4({ duration: 10_000, moovFirst: false });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        readMp4Duration(Buffer.from(bytes));
        readMp4Duration(Buffer.concat([ftyp(), Buffer.from(bytes)]));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: valid.length }),
        (at, value, cut) => {
          const b = Buffer.from(valid);
          b[at] = value;
          readMp4Duration(b.subarray(0, cut));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('longerThan', () => {
  it('compares exactly, with no rounding at the 15 s edge', () => {
    const at = (timescale: number, duration: bigint) => ok(mp4({ timescale, duration, version: 1 }));
    expect(longerThan(at(1000, 15_000n), 15)).toBe(false);
    expect(longerThan(at(1000, 15_001n), 15)).toBe(true);
    expect(longerThan(at(90_000, 15n * 90_000n + 1n), 15)).toBe(true);
    expect(longerThan(at(30_000, 449_550n), 15)).toBe(false); // 14.985 s at 29.97 fps
  });
});
