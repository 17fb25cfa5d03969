import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Statistic, Tag, Tooltip } from 'antd';
import { useRef } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { getDeposit, newIdempotencyKey, refundDeposit } from '../shop-api';
import type { Refund } from '../shop-types';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperator } from '../use-operator';

const STATUS_COLOR: Record<string, string> = {
  not_required: 'default',
  unpaid: 'warning',
  partially_paid: 'processing',
  paid: 'success',
};

/** Required / held / pending and the refund of the whole held deposit (admins). */
export function DepositSummary({ shopId }: { shopId: string }) {
  const { t, label } = useConsoleI18n();
  const op = useOperator();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = useRef(newIdempotencyKey());

  const statement = useQuery({ queryKey: ['console', 'deposit', shopId], queryFn: () => getDeposit(shopId) });
  const refund = useMutation({
    mutationFn: () => refundDeposit(shopId, key.current),
    onSuccess: async (res: { refund: Refund }) => {
      key.current = newIdempotencyKey();
      message.success({
        content: t('console.deposit.refunded', { amount: formatFen(res.refund.amountFen) }),
        key: 'console-action',
      });
      await qc.invalidateQueries({ queryKey: ['console', 'deposit', shopId] });
      await qc.invalidateQueries({ queryKey: ['console', 'ledger', shopId] });
    },
  });

  const s = statement.data;
  const isAdmin = op?.role === 'admin';
  return (
    <Card
      size="small"
      title={t('console.deposit.summary')}
      loading={statement.isPending}
      extra={
        s && (
          <Tooltip title={isAdmin ? t('console.deposit.refundHelp') : t('console.deposit.adminOnly')}>
            <Popconfirm
              title={t('console.deposit.refundConfirm', { amount: formatFen(s.heldFen) })}
              onConfirm={() => refund.mutate()}
              disabled={!isAdmin || s.heldFen <= 0}
              okButtonProps={{ 'data-testid': 'deposit-refund-confirm' } as ButtonProps}
            >
              <Button
                icon={<RollbackOutlined />}
                disabled={!isAdmin || s.heldFen <= 0}
                loading={refund.isPending}
                data-testid="deposit-refund"
              >
                {t('console.deposit.refund')}
              </Button>
            </Popconfirm>
          </Tooltip>
        )
      }
      data-testid="deposit-summary"
    >
      <ProblemAlert error={statement.error ?? refund.error} />
      {refund.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('console.deposit.refundStarted', {
            amount: formatFen(refund.data.refund.amountFen),
            status: label('console.deposit.refundStatus', refund.data.refund.status),
          })}
          data-testid="deposit-refund-result"
        />
      )}
      {s && (
        <Row gutter={24}>
          <Col span={6}>
            <Statistic
              title={t('console.deposit.status')}
              valueRender={() => (
                <Tag color={STATUS_COLOR[s.status]} data-testid="deposit-status" data-status={s.status}>
                  {label('console.deposit.statusValue', s.status)}
                </Tag>
              )}
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('console.deposit.required')}
              value={formatFen(s.requiredFen)}
              data-testid="deposit-required"
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('console.deposit.held')}
              value={formatFen(s.heldFen)}
              data-testid="deposit-held"
            />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('console.deposit.pending')}
              value={formatFen(s.pendingFen)}
              data-testid="deposit-pending"
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
