import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { getDeposit } from '../shop-api';
import type { DepositStatement } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';

type Entry = DepositStatement['entries'][number];

/** The shop's ledger entries (signed: + into the account, − out of it), paged by cursor. */
export function LedgerCard({ shopId }: { shopId: string }) {
  const { t, lang, label } = useConsoleI18n();
  const ledger = useInfiniteQuery({
    queryKey: ['console', 'ledger', shopId],
    queryFn: ({ pageParam }) => getDeposit(shopId, pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = ledger.data?.pages.flatMap((p) => p.entries) ?? [];

  const columns: ColumnsType<Entry> = [
    {
      title: t('console.deposit.col.at'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.deposit.col.kind'),
      dataIndex: 'kind',
      render: (v: string) => label('console.deposit.kind', v),
    },
    {
      title: t('console.deposit.col.account'),
      dataIndex: 'account',
      render: (v: string) => (
        <Tag color={v === 'held' ? 'blue' : 'orange'}>{label('console.deposit.account', v)}</Tag>
      ),
    },
    {
      title: t('console.deposit.col.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v < 0 ? 'danger' : 'success'} data-testid="ledger-amount">
          {v > 0 ? '+' : ''}
          {formatFen(v)}
        </Typography.Text>
      ),
    },
    {
      title: t('console.deposit.col.ref'),
      dataIndex: 'refId',
      render: (v: string) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card size="small" title={t('console.deposit.ledger')} data-testid="deposit-ledger">
      <ProblemAlert error={ledger.error} />
      <Table<Entry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={ledger.isPending}
        pagination={false}
        locale={{ emptyText: t('console.deposit.ledgerEmpty') }}
        onRow={(e) => ({ 'data-testid': `ledger-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
      />
      {ledger.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button
            onClick={() => ledger.fetchNextPage()}
            loading={ledger.isFetchingNextPage}
            data-testid="ledger-more"
          >
            {t('console.deposit.more')}
          </Button>
        </div>
      )}
    </Card>
  );
}
