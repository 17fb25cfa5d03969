import { Card, Empty, Input, Space } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { navigate, useRoute } from '../../router/use-route';
import { PageHead } from '../page-head';
import { useConsoleI18n } from '../use-console-i18n';
import { DeductionsCard } from './deductions-card';
import { DepositSummary } from './deposit-summary';
import { LedgerCard } from './ledger-card';
import { ShopHeader, useAdminShop } from './shop-header';
import { ShopPicker } from './shop-picker';

const BASE = '/console/shops/deposit';

/** A shop's deposit (DEP-1) for operators: find the shop, then its balance, deductions and ledger. */
export function DepositPage() {
  const { t } = useConsoleI18n();
  const { query } = useRoute();
  const shopId = query.get('shop')?.trim() || null;
  const [draft, setDraft] = useState(shopId ?? '');
  const shop = useAdminShop(shopId);
  // A mistyped id would otherwise show an all-zero deposit (the ledger has no rows for it).
  const unknownShop = !!shopId && isApiError(shop.error, 'not_found');

  const setShop = (id: string) => {
    const v = id.trim();
    setDraft(v);
    navigate(v ? `${BASE}?shop=${encodeURIComponent(v)}` : BASE, { replace: !v });
  };

  return (
    <div data-testid="deposit-page">
      <PageHead title={t('console.deposit.title')} subtitle={t('console.deposit.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size={24} wrap>
          <Space>
            <span>{t('console.deposit.find')}</span>
            <ShopPicker value={shopId} onPick={setShop} />
          </Space>
          <Space>
            <span>{t('console.deposit.shopId')}</span>
            <Input.Search
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={setShop}
              placeholder="shop_…"
              enterButton={t('console.deposit.load')}
              allowClear
              style={{ width: 340 }}
              data-testid="deposit-shop-input"
            />
          </Space>
        </Space>
      </Card>
      {shopId ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }} key={shopId}>
          <ShopHeader shopId={shopId} />
          {!unknownShop && (
            <>
              <DepositSummary shopId={shopId} />
              <DeductionsCard shopId={shopId} />
              <LedgerCard shopId={shopId} />
            </>
          )}
        </Space>
      ) : (
        <Card size="small">
          <Empty description={t('console.deposit.pickShop')} data-testid="deposit-empty" />
        </Card>
      )}
    </div>
  );
}
