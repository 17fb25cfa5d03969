/**
 * The duration of an MP4 or QuickTime (MOV) file, read from the container itself (ISO/IEC 14496-12,
 * "ISO BMFF"); no ffprobe, no dependency. A file is a sequence of boxes: 4-byte big-endian size,
 * 4-byte type; size 1 means a 64-bit size follows the type, size 0 means "to the end of the file".
 * The movie header `moov/mvhd` holds `timescale` (units per second) and `duration` (in those units):
 * version 0 with 32-bit times, version 1 with 64-bit ones. `moov` may come after `mdat` (files not
 * "fast-started"): the whole file is in memory here (the route caps it), and `mdat` is skipped by
 * its size, never read.
 *
 * Fragmented MP4 (duration 0 or all-ones in mvhd) takes the duration from `moov/mvex/mehd` when
 * present; otherwise the duration is unknown and the file is refused. A movie must have a video
 * track (`trak/mdia/hdlr` with handler `vide`), so an audio-only .m4a is not a video.
 */

export type Mp4Info = {
  brand: string | null;
  mime: 'video/mp4' | 'video/quicktime';
  timescale: number;
  /** In timescale units; a bigint, since version 1 allows 64 bits. */
  duration: bigint;
  durationMs: number;
  hasVideo: boolean;
};

export type Mp4Result =
  | { ok: true; info: Mp4Info }
  | {
      ok: false;
      reason: 'not_mp4' | 'truncated' | 'no_moov' | 'no_mvhd' | 'bad_timescale' | 'unknown_duration';
    };

type Box = { type: string; start: number; body: number; end: number };

/** First top-level box types an MP4/MOV may begin with. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
const TYPE_RE = /^[\x20-\x7e]{4}$/;

class Truncated extends Error {}

/** The boxes between `from` and `to`; throws Truncated when one does not fit. */
function boxes(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at < to) {
    if (at + 8 > to) throw new Truncated();
    const size32 = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    let end: number;
    if (size32 === 1) {
      if (at + 16 > to) throw new Truncated();
      const large = buf.readBigUInt64BE(at + 8);
      body = at + 16;
      if (large > BigInt(to - at)) throw new Truncated();
      end = at + Number(large);
    } else if (size32 === 0) {
      end = to;
    } else {
      end = at + size32;
    }
    if (end < body || end > to) throw new Truncated();
    out.push({ type, start: at, body, end });
    at = end;
  }
  return out;
}

const child = (buf: Buffer, box: Box, type: string) =>
  boxes(buf, box.body, box.end).find((b) => b.type === type);

/** Is this the beginning of an MP4/MOV? By the first box's type and a sane size. */
export function looksLikeMp4(buf: Buffer): boolean {
  if (buf.length < 8) return false;
  const type = buf.toString('latin1', 4, 8);
  const size = buf.readUInt32BE(0);
  return FIRST_BOXES.has(type) && (size === 0 || size === 1 || size >= 8);
}

const ALL_ONES_32 = 0xffffffffn;
const ALL_ONES_64 = 0xffffffffffffffffn;

export function readMp4Duration(buf: Buffer): Mp4Result {
  if (!looksLikeMp4(buf)) return { ok: false, reason: 'not_mp4' };
  try {
    const top = boxes(buf, 0, buf.length);
    if (!TYPE_RE.test(top[0]?.type ?? '')) return { ok: false, reason: 'not_mp4' };
    const ftyp = top.find((b) => b.type === 'ftyp');
    const brand = ftyp && ftyp.end - ftyp.body >= 4 ? buf.toString('latin1', ftyp.body, ftyp.body + 4) : null;
    const moov = top.find((b) => b.type === 'moov');
    if (!moov) return { ok: false, reason: 'no_moov' };
    const inner = boxes(buf, moov.body, moov.end);
    const mvhd = inner.find((b) => b.type === 'mvhd');
    if (!mvhd) return { ok: false, reason: 'no_mvhd' };
    const version = mvhd.end - mvhd.body >= 1 ? buf[mvhd.body]! : -1;
    let timescale: number;
    let duration: bigint;
    if (version === 1) {
      if (mvhd.body + 32 > mvhd.end) throw new Truncated();
      timescale = buf.readUInt32BE(mvhd.body + 20);
      duration = buf.readBigUInt64BE(mvhd.body + 24);
      if (duration === ALL_ONES_64) duration = 0n;
    } else if (version === 0) {
      if (mvhd.body + 20 > mvhd.end) throw new Truncated();
      timescale = buf.readUInt32BE(mvhd.body + 12);
      duration = BigInt(buf.readUInt32BE(mvhd.body + 16));
      if (duration === ALL_ONES_32) duration = 0n;
    } else {
      return { ok: false, reason: 'no_mvhd' };
    }
    if (timescale === 0) return { ok: false, reason: 'bad_timescale' };
    if (duration === 0n) duration = fragmentDuration(buf, inner) ?? 0n;
    if (duration === 0n) return { ok: false, reason: 'unknown_duration' };
    const hasVideo = inner.filter((b) => b.type === 'trak').some((t) => handlerOf(buf, t) === 'vide');
    return {
      ok: true,
      info: {
        brand,
        mime: brand === 'qt  ' || !ftyp ? 'video/quicktime' : 'video/mp4',
        timescale,
        duration,
        durationMs: Number((duration * 1000n) / BigInt(timescale)),
        hasVideo,
      },
    };
  } catch (err) {
    if (err instanceof Truncated || err instanceof RangeError) return { ok: false, reason: 'truncated' };
    throw err;
  }
}

/** moov/mvex/mehd: the fragment duration of a fragmented MP4 (in the movie timescale). */
function fragmentDuration(buf: Buffer, moovChildren: Box[]): bigint | null {
  const mvex = moovChildren.find((b) => b.type === 'mvex');
  const mehd = mvex && child(buf, mvex, 'mehd');
  if (!mehd || mehd.body + 8 > mehd.end) return null;
  if (buf[mehd.body] === 1) return mehd.body + 12 <= mehd.end ? buf.readBigUInt64BE(mehd.body + 4) : null;
  return BigInt(buf.readUInt32BE(mehd.body + 4));
}

/** trak/mdia/hdlr handler type ('vide', 'soun', …), or null. */
function handlerOf(buf: Buffer, trak: Box): string | null {
  const mdia = child(buf, trak, 'mdia');
  const hdlr = mdia && child(buf, mdia, 'hdlr');
  if (!hdlr || hdlr.body + 12 > hdlr.end) return null;
  return buf.toString('latin1', hdlr.body + 8, hdlr.body + 12);
}

/** More than `maxSeconds`? Compared exactly: duration > maxSeconds × timescale. */
export const longerThan = (info: Mp4Info, maxSeconds: number) =>
  info.duration * 1000n > BigInt(Math.round(maxSeconds * 1000)) * BigInt(info.timescale);
