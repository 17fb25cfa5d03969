import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Result, Skeleton, Tag } from 'antd';
import { getDeposit, type Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { navigate } from '../../../router/use-route';
import { formatYuan } from '../money';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys } from '../use-shop';
import { LedgerList } from './ledger-list';
import { PaymentPanel } from './payment-panel';

const STATUS_COLOR = {
  not_required: 'default',
  unpaid: 'orange',
  partially_paid: 'gold',
  paid: 'green',
} as const;

/** /shop/deposit (DEP-1): the amount due, the ledger, and paying (sandbox in development). */
export function DepositPage() {
  return <ShopLoader>{(shop) => <DepositView shop={shop} />}</ShopLoader>;
}

function DepositView({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: shopKeys.deposit(shop.id),
    queryFn: () => getDeposit(shop.id),
    retry: false,
  });
  const d = q.data;
  const due = d ? Math.max(0, d.requiredFen - d.heldFen) : 0;
  return (
    <ShopShell title={t('shop.dep.title')} subtitle={t('shop.dep.subtitle')} testId="shop-deposit-page">
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!d && !q.error && <Skeleton active />}
      {d && d.requiredFen === 0 && d.heldFen === 0 ? (
        <Result
          status="success"
          title={t('shop.step.dep.none')}
          subTitle={t('shop.dep.noneBody')}
          extra={<Button onClick={() => navigate('/shop')}>{t('shop.backToHub')}</Button>}
          data-testid="deposit-not-required"
        />
      ) : d ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            style={{ marginBottom: 16 }}
            data-testid="deposit-summary"
          >
            <Descriptions.Item label={t('shop.dep.required')}>
              <span data-testid="deposit-required">¥{formatYuan(d.requiredFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.dep.held')}>
              <span data-testid="deposit-held">¥{formatYuan(d.heldFen)}</span>
            </Descriptions.Item>
            {d.pendingFen > 0 && (
              <Descriptions.Item label={t('shop.dep.pending')}>¥{formatYuan(d.pendingFen)}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('shop.dep.due')}>
              <strong data-testid="deposit-due">¥{formatYuan(due)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.dep.status')}>
              <Tag color={STATUS_COLOR[d.status]} data-testid="deposit-status" data-status={d.status}>
                {t(`shop.dep.status.${d.status}` as MessageKey)}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
          <PaymentPanel shop={shop} dueFen={due} />
          <LedgerList entries={d.entries} />
        </>
      ) : null}
    </ShopShell>
  );
}
