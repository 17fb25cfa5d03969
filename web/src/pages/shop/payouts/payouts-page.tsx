import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, StarOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  listPayoutAccounts,
  orderPayoutAccounts,
  type PayoutAccount,
  setDefaultPayoutAccount,
  unbindPayoutAccount,
} from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useAction } from '../../../hooks/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { ShopShell } from '../shop-shell';
import { BindForm } from './bind-form';

const KEY = ['payout-accounts'] as const;

/** /shop/payouts (PAY-1): accounts in priority order, the default receiving account, bind and unbind. */
export function PayoutsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => listPayoutAccounts().then((r) => r.payoutAccounts),
    retry: false,
  });
  const { run, busy, error } = useAction();
  const [adding, setAdding] = useState(false);
  const list = q.data ?? [];
  const store = (accounts: PayoutAccount[]) => qc.setQueryData(KEY, accounts);
  const reload = () => void qc.invalidateQueries({ queryKey: KEY });

  const move = async (i: number, by: -1 | 1) => {
    const ids = list.map((a) => a.id);
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    const r = await run(() => orderPayoutAccounts(ids));
    if (r) store(r.value.payoutAccounts);
  };
  const makeDefault = async (id: string) => {
    if (await run(() => setDefaultPayoutAccount(id))) reload();
  };
  const unbind = async (id: string) => {
    if (await run(() => unbindPayoutAccount(id))) reload();
  };

  return (
    <ShopShell title={t('shop.pay.title')} subtitle={t('shop.pay.subtitle')} testId="shop-payouts-page">
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!q.data && !q.error && <Skeleton active />}
      <ProblemAlert error={error} />
      {q.data && list.length === 0 && <Empty description={t('shop.pay.empty')} />}
      <div data-testid="payout-list">
        {list.map((a, i) => (
          <div key={a.id} className="kd-shop-row" data-testid="payout-row" data-kind={a.kind}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="kd-shop-item-title">
                {t(`shop.pay.kind.${a.kind}`)} {a.bankName ?? ''}
                {a.isDefault && (
                  <Tag color="blue" style={{ marginLeft: 6 }}>
                    {t('shop.pay.default')}
                  </Tag>
                )}
              </div>
              <div className="kd-muted">
                {a.accountMasked}
                {a.cardType && ` · ${t(`shop.pay.card.${a.cardType}`)}`} ·{' '}
                {t('shop.pay.priority', { n: i + 1 })}
              </div>
            </div>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={busy || i === 0}
              onClick={() => move(i, -1)}
              aria-label={t('shop.pay.up')}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={busy || i === list.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t('shop.pay.down')}
            />
            {a.kind !== 'bank_card' && !a.isDefault && (
              <Button
                size="small"
                icon={<StarOutlined />}
                disabled={busy}
                onClick={() => makeDefault(a.id)}
                data-testid="payout-default"
              >
                {t('shop.pay.makeDefault')}
              </Button>
            )}
            <Popconfirm title={t('shop.pay.unbindConfirm')} onConfirm={() => unbind(a.id)}>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={busy}
                aria-label={t('shop.pay.unbind')}
                data-testid="payout-unbind"
              />
            </Popconfirm>
          </div>
        ))}
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('shop.pay.add')}
      </Typography.Title>
      {adding || list.length === 0 ? (
        <BindForm
          onBound={(a) => {
            setAdding(false);
            store([...list, a]);
            reload();
          }}
        />
      ) : (
        <Button block onClick={() => setAdding(true)} data-testid="payout-add">
          {t('shop.pay.add')}
        </Button>
      )}
    </ShopShell>
  );
}
