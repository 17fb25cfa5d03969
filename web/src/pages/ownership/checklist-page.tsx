import { CheckCircleTwoTone } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Empty, Progress, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { type ChecklistItemKey, getOwnerChecklist, setChecklistItem } from '../../api/ownership';
import type { Shop } from '../../api/shops';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../hooks/use-format';
import { ShopShell } from '../shop/shop-shell';
import { currentShop, useShops } from '../shop/use-shop';
import { ForbiddenPage } from '../staff/forbidden-page';
import { ownershipKeys } from './use-ownership';
import { useOwnershipI18n } from './use-ownership-i18n';
import './ownership.css';

/** /shop/owner/checklist: the new owner's hand-over checklist after a switch (MAIN-5). */
export function ChecklistPage() {
  const { ot } = useOwnershipI18n();
  const shops = useShops();
  if (shops.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (shops.error) {
    if (isApiError(shops.error, 'forbidden')) return <ForbiddenPage />;
    return <Result status="warning" extra={<ProblemAlert error={shops.error} />} />;
  }
  const shop = currentShop(shops.data.shops);
  if (!shop) return <Result status="info" title={ot('own.noShop.title')} data-testid="checklist-no-shop" />;
  return <Checklist shop={shop} />;
}

function Checklist({ shop }: { shop: Shop }) {
  const { ot, lang } = useOwnershipI18n();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const key = ownershipKeys.checklist(shop.id, lang);
  const q = useQuery({ queryKey: key, queryFn: () => getOwnerChecklist(shop.id), retry: false });
  const [busy, setBusy] = useState<ChecklistItemKey | null>(null);
  const [error, setError] = useState<unknown>(null);

  const toggle = async (item: ChecklistItemKey, done: boolean) => {
    setBusy(item);
    setError(null);
    try {
      const r = await setChecklistItem(shop.id, item, done);
      qc.setQueryData(key, r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const list = q.data?.checklist;
  const done = list?.items.filter((i) => i.done).length ?? 0;
  const total = list?.items.length ?? 0;
  return (
    <ShopShell
      title={ot('own.list.title')}
      subtitle={list ? ot('own.list.subtitle') : undefined}
      testId="checklist-page"
      back={{ to: '/shop', label: shop.name }}
    >
      <ProblemAlert error={q.error ?? error} />
      {q.isPending ? (
        <Skeleton active />
      ) : !list ? (
        <Empty description={ot('own.list.none')} data-testid="checklist-none" />
      ) : (
        <>
          <div
            className="kd-own-progress"
            data-testid="checklist-progress"
            data-done={done}
            data-total={total}
          >
            <Progress percent={total ? Math.round((done / total) * 100) : 0} size="small" />
            <span className="kd-muted">
              {ot('own.list.progress', { done, total })} ·{' '}
              {ot('own.list.since', { time: dateTime(list.createdAt) })}
            </span>
          </div>
          <div className="kd-own-checklist">
            {list.items.map((i) => (
              <div
                key={i.key}
                className={i.done ? 'kd-own-item kd-own-item-done' : 'kd-own-item'}
                data-testid={`checklist-item-${i.key}`}
                data-done={i.done}
              >
                <Checkbox
                  checked={i.done}
                  disabled={busy === i.key}
                  onChange={(e) => toggle(i.key, e.target.checked)}
                  data-testid={`checklist-toggle-${i.key}`}
                  className="kd-own-item-check"
                >
                  <div className="kd-own-item-text">
                    <div className="kd-own-item-title">
                      {i.title} {i.done && <CheckCircleTwoTone twoToneColor="#52c41a" />}
                    </div>
                    <div className="kd-muted">{i.hint}</div>
                    {i.done && i.doneAt && (
                      <div className="kd-muted">{ot('own.list.doneAt', { time: dateTime(i.doneAt) })}</div>
                    )}
                  </div>
                </Checkbox>
              </div>
            ))}
          </div>
        </>
      )}
    </ShopShell>
  );
}
