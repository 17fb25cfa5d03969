import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages-zh';

/**
 * The app's t() plus `label(prefix, value)` for keys built from API values (statuses, events,
 * check names…): an unknown value shows as itself rather than as a raw key.
 */
export function useConsoleI18n() {
  const { t, lang, setLang } = useI18n();
  const label = useCallback(
    (prefix: string, value: string | null | undefined): string => {
      if (value === null || value === undefined || value === '') return '—';
      const key = `${prefix}.${value}` as MessageKey;
      const text = t(key);
      return text === key ? value : text;
    },
    [t],
  );
  return { t, lang, setLang, label };
}
