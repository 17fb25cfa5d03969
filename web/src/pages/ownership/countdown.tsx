import { useEffect, useRef, useState } from 'react';
import { useLatest } from '../../hooks/use-latest';
import { useOwnershipI18n } from './use-ownership-i18n';

/** Milliseconds → "1天 02:03:04" / "1d 02:03:04" / "02:03:04". */
export function formatLeft(ms: number, lang: string): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  if (d === 0) return hms;
  return lang === 'en' ? `${d}d ${hms}` : `${d}天 ${hms}`;
}

/** The current time, ticking every second. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/**
 * A live countdown to `until` (ISO), ticking every second; calls onEnd once when it reaches zero
 * (the page then asks the server what happened, rather than guessing).
 */
export function Countdown({ until, onEnd, testId }: { until: string; onEnd?: () => void; testId?: string }) {
  const { lang, ot } = useOwnershipI18n();
  const now = useNow();
  const end = new Date(until).getTime();
  const left = end - now;
  const ended = useRef(false);
  const cb = useLatest(onEnd);
  useEffect(() => {
    if (left <= 0 && !ended.current) {
      ended.current = true;
      cb.current?.();
    }
    if (left > 0) ended.current = false;
  }, [left, cb]);
  return (
    <span
      className="kd-own-countdown"
      data-testid={testId}
      data-until={until}
      data-left-seconds={Math.max(0, Math.floor(left / 1000))}
    >
      {left > 0 ? formatLeft(left, lang) : ot('own.countdown.over')}
    </span>
  );
}
