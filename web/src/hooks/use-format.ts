import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n-context';

/** Date/time and phone formatting in the chosen language. */
export function useFormat() {
  const { lang } = useI18n();
  const dateTime = useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return '';
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    },
    [lang],
  );
  return { dateTime, phone: formatPhone };
}

/** +8613800138000 → 138 0013 8000 (masked numbers pass through). */
export function formatPhone(p: string | null | undefined): string {
  if (!p) return '';
  const digits = p.replace(/^\+86/, '');
  if (/^\d{11}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}
