import { Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import type { Shop } from '../../api/shops';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';
import { currentShop, useShops } from './use-shop';

/** Loads the merchant's shop; without one, goes to /shop/open. */
export function ShopLoader({ children }: { children: (shop: Shop) => ReactNode }) {
  const q = useShops();
  const shop = currentShop(q.data?.shops);
  // Only a fresh answer decides (a stale cached list may predate the shop just opened).
  const none = q.isSuccess && !q.isFetching && !shop;
  useEffect(() => {
    if (none) navigate('/shop/open', { replace: true });
  }, [none]);
  if (q.error) return <Result status="warning" extra={<ProblemAlert error={q.error} />} />;
  if (!shop) return <Loading />;
  return <>{children(shop)}</>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ textAlign: 'center', padding: 64 }} data-testid="shop-loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
