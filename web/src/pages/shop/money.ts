/** Money in the UI: the API speaks integer fen; merchants type and read yuan. */

/** 2000000 → "20,000.00" (zh) / "20,000.00" (en); always two decimals. */
export function formatYuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export type YuanParse =
  | { ok: true; fen: number }
  | { ok: false; reason: 'empty' | 'format' | 'decimals' | 'zero' | 'too_large' };

/**
 * "129" / "129.9" / "129.90" → 12990 fen, exactly (string arithmetic, no float rounding).
 * Refuses more than 2 decimals, signs, exponents and anything that is not a plain number.
 */
export function parseYuan(raw: string): YuanParse {
  const s = raw.trim().replace(/[,，]/g, '');
  if (!s) return { ok: false, reason: 'empty' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const frac = m[2] ?? '';
  if (frac.length > 2) return { ok: false, reason: 'decimals' };
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 13) return { ok: false, reason: 'too_large' };
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: 'too_large' };
  if (fen === 0) return { ok: false, reason: 'zero' };
  return { ok: true, fen };
}
