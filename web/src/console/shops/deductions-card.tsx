import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { getDeductions } from '../shop-api';
import type { Deduction } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperator } from '../use-operator';
import { DeductionDecisionModal } from './deduction-decision-modal';
import { DeductionDrawer } from './deduction-drawer';

const STATUS_COLOR: Record<string, string> = {
  pending: 'warning',
  appealed: 'processing',
  upheld: 'error',
  reversed: 'default',
};
/** Roles that deduct and decide appeals (src/modules/deposits: admin, senior_reviewer). */
const DEDUCTORS = ['admin', 'senior_reviewer'];

export function DeductionsCard({ shopId }: { shopId: string }) {
  const { t, lang, label } = useConsoleI18n();
  const op = useOperator();
  const may = !!op && DEDUCTORS.includes(op.role);
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ d: Deduction; decision: 'uphold' | 'reverse' } | null>(null);
  const list = useQuery({
    queryKey: ['console', 'deductions', shopId],
    queryFn: () => getDeductions(shopId),
  });
  const rows = list.data?.deductions ?? [];

  const columns: ColumnsType<Deduction> = [
    {
      title: t('console.deposit.col.at'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.deposit.col.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => <Typography.Text strong>{formatFen(v)}</Typography.Text>,
    },
    {
      title: t('console.deduction.reason'),
      key: 'reason',
      render: (_, d) => (
        <div style={{ maxWidth: 280 }}>
          <div>{d.reason}</div>
          {d.evidenceUploadIds.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('console.deduction.evidence')}: {d.evidenceUploadIds.join(', ')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('console.col.status'),
      dataIndex: 'status',
      render: (v: string) => (
        <Tag color={STATUS_COLOR[v] ?? 'default'} data-testid="deduction-status" data-status={v}>
          {label('console.deduction.status', v)}
        </Tag>
      ),
    },
    {
      title: t('console.deduction.appeal'),
      key: 'appeal',
      render: (_, d) =>
        d.appeal ? (
          <div style={{ maxWidth: 260 }} data-testid="deduction-appeal">
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.appeal.statement}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(d.appeal.appealedAt, lang)}
              {d.appeal.uploadIds.length ? ` · ${d.appeal.uploadIds.join(', ')}` : ''}
            </Typography.Text>
          </div>
        ) : d.status === 'pending' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('console.deduction.windowUntil', { time: formatDateTime(d.appealDeadlineAt, lang) })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 170,
      render: (_, d) => {
        const open = d.status === 'pending' || d.status === 'appealed';
        if (!open)
          return (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(d.decidedAt, lang)}
            </Typography.Text>
          );
        const windowOpen = d.status === 'pending' && new Date(d.appealDeadlineAt).getTime() > Date.now();
        return (
          <Space size={4}>
            <Tooltip
              title={
                !may
                  ? t('console.deduction.rolesOnly')
                  : windowOpen
                    ? t('console.deduction.upholdWait')
                    : undefined
              }
            >
              <Button
                size="small"
                danger
                disabled={!may || windowOpen}
                onClick={() => setDeciding({ d, decision: 'uphold' })}
                data-testid="deduction-uphold"
              >
                {t('console.deduction.uphold')}
              </Button>
            </Tooltip>
            <Tooltip title={!may ? t('console.deduction.rolesOnly') : undefined}>
              <Button
                size="small"
                disabled={!may}
                onClick={() => setDeciding({ d, decision: 'reverse' })}
                data-testid="deduction-reverse"
              >
                {t('console.deduction.reverse')}
              </Button>
            </Tooltip>
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      size="small"
      title={t('console.deduction.title')}
      extra={
        <Tooltip title={may ? undefined : t('console.deduction.rolesOnly')}>
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            disabled={!may}
            onClick={() => setCreating(true)}
            data-testid="deduction-create"
          >
            {t('console.deduction.create')}
          </Button>
        </Tooltip>
      }
      data-testid="deductions-card"
    >
      <ProblemAlert error={list.error} />
      <Table<Deduction>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: t('console.deduction.empty') }}
        onRow={(d) => ({ 'data-testid': `deduction-row-${d.id}` }) as HTMLAttributes<HTMLElement>}
      />
      <DeductionDrawer shopId={shopId} open={creating} onClose={() => setCreating(false)} />
      <DeductionDecisionModal shopId={shopId} target={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}
