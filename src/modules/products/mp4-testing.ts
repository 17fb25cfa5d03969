/**
 * Test-only: tiny ISO BMFF files built byte by byte — ftyp, moov with mvhd (version 0 or 1) and a
 * trak whose hdlr says `vide` (or `soun`), an mdat before or after moov.
 */

export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** A box with the 64-bit size form (size field 1, largesize after the type). */
export function largeBox(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt32BE(1, 0);
  head.write(type, 4, 'latin1');
  head.writeBigUInt64BE(BigInt(16 + payload.length), 8);
  return Buffer.concat([head, payload]);
}

export function ftyp(brand = 'isom'): Buffer {
  return box('ftyp', Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from(`${brand}mp41`, 'latin1'));
}

export function mvhd(timescale: number, duration: number | bigint, version: 0 | 1 = 0): Buffer {
  const rest = Buffer.alloc(80); // rate, volume, matrix, next track id… (not read)
  if (version === 1) {
    const b = Buffer.alloc(32);
    b.writeUInt8(1, 0);
    b.writeUInt32BE(timescale, 20);
    b.writeBigUInt64BE(BigInt(duration), 24);
    return box('mvhd', b, rest);
  }
  const b = Buffer.alloc(20);
  b.writeUInt32BE(timescale, 12);
  b.writeUInt32BE(Number(duration), 16);
  return box('mvhd', b, rest);
}

export function trak(handler = 'vide'): Buffer {
  const hdlr = Buffer.alloc(24);
  hdlr.write(handler, 8, 'latin1');
  return box(
    'trak',
    box('tkhd', Buffer.alloc(84)),
    box('mdia', box('mdhd', Buffer.alloc(24)), box('hdlr', hdlr)),
  );
}

export function mp4(opts: {
  timescale?: number;
  duration: number | bigint;
  version?: 0 | 1;
  moovFirst?: boolean;
  handler?: string;
  brand?: string;
  mdatBytes?: number;
}): Buffer {
  const moov = box(
    'moov',
    mvhd(opts.timescale ?? 1000, opts.duration, opts.version ?? 0),
    trak(opts.handler),
  );
  const mdat = box('mdat', Buffer.alloc(opts.mdatBytes ?? 64, 7));
  const parts = opts.moovFirst === false ? [mdat, moov] : [moov, mdat];
  return Buffer.concat([ftyp(opts.brand), ...parts]);
}
