import { Button, Result, Space } from 'antd';
import type { Transfer } from '../../api/ownership';
import { useFormat } from '../../hooks/use-format';
import { navigate } from '../../router/use-route';
import type { OwnershipMessageKey } from './messages-zh';
import { TransferTimes } from './transfer-times';
import { useOwnershipI18n } from './use-ownership-i18n';

const RESULT_STATUS = {
  completed: 'success',
  cancelled: 'info',
  declined: 'warning',
  expired: 'warning',
  blocked: 'error',
} as const;

/** An ended transfer: what happened, when, why (operator's reason) and what can happen next. */
export function EndedPanel({
  transfer: t,
  canRestart,
  onRestart,
}: {
  transfer: Transfer;
  canRestart: boolean;
  onRestart: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const { dateTime } = useFormat();
  const status = t.status as keyof typeof RESULT_STATUS;
  const vars = {
    shop: t.shopName,
    phone: t.to.phone ?? '',
    time: dateTime(status === 'expired' ? t.expiresAt : t.endedAt),
    reason: t.reason ?? '—',
  };
  const bodyKey: OwnershipMessageKey =
    status === 'cancelled' && t.endedBy === 'operator'
      ? 'own.end.cancelledByOperator.body'
      : (`own.end.${status}.body` as OwnershipMessageKey);
  return (
    <div data-testid="owner-ended" data-status={t.status}>
      <Result
        status={RESULT_STATUS[status] ?? 'info'}
        title={ot(`own.end.${status}.title` as OwnershipMessageKey)}
        subTitle={<span data-testid="owner-ended-body">{ot(bodyKey, vars)}</span>}
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            {status !== 'completed' && (
              <Button type="primary" disabled={!canRestart} onClick={onRestart} data-testid="owner-restart">
                {ot('own.restart')}
              </Button>
            )}
            {status === 'completed' && (
              <Button
                type="primary"
                onClick={() => navigate('/shop/owner/checklist')}
                data-testid="owner-to-checklist"
              >
                {ot('own.in.toChecklist')}
              </Button>
            )}
            {status === 'blocked' && (
              <Button onClick={() => navigate('/shop/support')}>{ot('own.toSupport')}</Button>
            )}
            <Button onClick={() => navigate('/shop')}>{ot('own.toShop')}</Button>
          </Space>
        }
      />
      <TransferTimes transfer={t} />
    </div>
  );
}
