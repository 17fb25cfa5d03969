/** Integer fen (the API's unit) as ¥ with two decimals and thousands separators; negative keeps its sign. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`;
}

/** "12.5" / "1,200" / "3" yuan as typed → integer fen, or null when it is not a positive amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const s = text.replace(/[,，\s¥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
