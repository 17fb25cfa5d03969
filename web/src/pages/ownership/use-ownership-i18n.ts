import { useCallback, useMemo } from 'react';
import { interpolate, useI18n } from '../../i18n/i18n-context';
import { ownershipEn } from './messages-en';
import { type OwnershipMessageKey, ownershipZh } from './messages-zh';

/**
 * The ownership pages' strings in the chosen language, kept beside the pages (like the staff
 * pages' table) so this work touches no shared message file; `t` still answers the app's keys.
 */
export function useOwnershipI18n() {
  const app = useI18n();
  const { lang } = app;
  const table: Record<OwnershipMessageKey, string> = lang === 'en' ? ownershipEn : ownershipZh;
  const ot = useCallback(
    (key: OwnershipMessageKey, vars?: Record<string, string | number>) =>
      interpolate(table[key] ?? key, vars),
    [table],
  );
  return useMemo(() => ({ ...app, ot }), [app, ot]);
}
