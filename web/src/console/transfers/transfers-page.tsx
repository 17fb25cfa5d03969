import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useState } from 'react';
import {
  type AdminTransfer,
  listAdminTransfers,
  TRANSFER_STATUSES,
  type TransferStatus,
} from '../../api/ownership';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate, useRoute } from '../../router/use-route';
import { PageHead } from '../page-head';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { TransferDrawer } from './transfer-drawer';
import { TransferStatusTag } from './transfer-status-tag';
import { TransferWindows } from './transfer-windows';

const BASE = '/console/transfers';

/**
 * Main-account transfers, newest first (GET /v1/admin/transfers): status and shop filters in the
 * URL, the windows with live countdowns, details and cancel / block in a drawer (?open=<id>).
 */
export function TransfersPage() {
  const { t, lang, label } = useConsoleI18n();
  const { query } = useRoute();
  const raw = query.get('status') ?? '';
  const status = (TRANSFER_STATUSES as readonly string[]).includes(raw) ? (raw as TransferStatus) : undefined;
  const shopId = query.get('shopId')?.trim() ?? '';
  const openId = query.get('open');
  const [draft, setDraft] = useState(shopId);
  useEffect(() => setDraft(shopId), [shopId]);

  const setQuery = (key: string, value: string | null) => {
    const next = new URLSearchParams(query);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    navigate(`${BASE}${s ? `?${s}` : ''}`, { replace: true });
  };

  const list = useQuery({
    queryKey: ['console', 'transfers', status ?? 'all', shopId],
    queryFn: () => listAdminTransfers({ ...(status ? { status } : {}), ...(shopId ? { shopId } : {}) }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const rows = list.data?.transfers ?? [];
  const opened = rows.find((r) => r.id === openId) ?? null;

  const columns: ColumnsType<AdminTransfer> = [
    {
      title: t('console.tr.col.shop'),
      key: 'shop',
      width: 240,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setQuery('open', r.id)} data-testid="transfer-open-link">
            {r.shopName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.shopId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.col.status'),
      key: 'status',
      width: 150,
      render: (_, r) => <TransferStatusTag status={r.status} />,
    },
    {
      title: t('console.tr.col.from'),
      key: 'from',
      width: 130,
      render: (_, r) => <span data-testid="transfer-from">{r.from.phone ?? '—'}</span>,
    },
    {
      title: t('console.tr.col.to'),
      key: 'to',
      width: 130,
      render: (_, r) => <span data-testid="transfer-to">{r.to.phone ?? '—'}</span>,
    },
    {
      title: t('console.tr.col.windows'),
      key: 'windows',
      width: 240,
      render: (_, r) => <TransferWindows transfer={r} />,
    },
    {
      title: t('console.tr.col.requestedAt'),
      dataIndex: 'requestedAt',
      width: 150,
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 80,
      render: (_, r) => (
        <Button size="small" onClick={() => setQuery('open', r.id)} data-testid="transfer-row-open">
          {t('console.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="transfers-page">
      <PageHead title={t('console.tr.title')} subtitle={t('console.tr.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size={24} wrap>
          <Space>
            <span>{t('console.filter.status')}</span>
            <Select<TransferStatus | 'all'>
              value={status ?? 'all'}
              style={{ width: 180 }}
              onChange={(v) => setQuery('status', v === 'all' ? null : v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                ...TRANSFER_STATUSES.map((s) => ({ value: s, label: label('console.tr.status', s) })),
              ]}
              data-testid="transfers-filter-status"
            />
          </Space>
          <Input.Search
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => setQuery('shopId', v.trim() || null)}
            placeholder={t('console.tr.filter.shopIdPlaceholder')}
            enterButton={t('console.tr.filter.search')}
            allowClear
            style={{ width: 380 }}
            data-testid="transfers-filter-shop"
          />
        </Space>
      </Card>
      <ProblemAlert error={list.error} />
      <Card
        size="small"
        title={<span data-testid="transfers-count">{t('console.tr.count', { n: rows.length })}</span>}
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={list.isFetching}
            onClick={() => list.refetch()}
            data-testid="transfers-refresh"
          >
            {t('console.refresh')}
          </Button>
        }
      >
        <Table<AdminTransfer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: status || shopId ? t('console.tr.emptyFiltered') : t('console.tr.empty') }}
          data-testid="transfers-table"
          onRow={(r) =>
            ({
              'data-testid': `transfer-row-${r.id}`,
              'data-status': r.status,
              'data-shop-id': r.shopId,
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <TransferDrawer transfer={opened} onClose={() => setQuery('open', null)} />
    </div>
  );
}
