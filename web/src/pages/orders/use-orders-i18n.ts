import { useCallback, useMemo } from 'react';
import { interpolate, useI18n } from '../../i18n/i18n-context';
import { ordersEn } from './messages-en';
import { type OrdersMessageKey, ordersZh } from './messages-zh';

/** The order pages' strings in the chosen language, kept beside the pages like the staff pages'. */
export function useOrdersI18n() {
  const app = useI18n();
  const table: Record<OrdersMessageKey, string> = app.lang === 'en' ? ordersEn : ordersZh;
  const ot = useCallback(
    (key: OrdersMessageKey, vars?: Record<string, string | number>) => interpolate(table[key] ?? key, vars),
    [table],
  );
  return useMemo(() => ({ ...app, ot }), [app, ot]);
}
