import { useCallback, useMemo } from 'react';
import type { LocalText } from '../../api/staff';
import { interpolate, useI18n } from '../../i18n/i18n-context';
import { staffEn } from './messages-en';
import { type StaffMessageKey, staffZh } from './messages-zh';

/**
 * The staff pages' strings in the chosen language. Kept beside the pages (not merged into the
 * app's table) so the staff work touches no shared file; `t` also answers the app's own keys.
 */
export function useStaffI18n() {
  const app = useI18n();
  const { lang } = app;
  const table: Record<StaffMessageKey, string> = lang === 'en' ? staffEn : staffZh;
  const st = useCallback(
    (key: StaffMessageKey, vars?: Record<string, string | number>) => interpolate(table[key] ?? key, vars),
    [table],
  );
  /** A {zh, en} text from the server's catalog. */
  const local = useCallback((text: LocalText) => (lang === 'en' ? text.en : text.zh), [lang]);
  return useMemo(() => ({ ...app, st, local }), [app, st, local]);
}
