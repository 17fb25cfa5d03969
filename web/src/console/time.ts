import { useEffect, useState } from 'react';
import type { Translate } from '../i18n/i18n-context';

/** The current time, ticking every `ms` (SLA countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/** 2 d 3 h, 3 h 05 min, 4 min 09 s: the two largest units of a duration. */
export function formatDuration(ms: number, t: Translate): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('console.dur.dh', { d, h });
  if (h > 0) return t('console.dur.hm', { h, m: String(m).padStart(2, '0') });
  return t('console.dur.ms', { m, s: String(s % 60).padStart(2, '0') });
}

/** Seconds precision date-time in Beijing time (reviewers and SLAs work on China time). */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
