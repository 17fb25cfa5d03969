import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { navigate, useRoute } from '../../router/use-route';
import { PageHead } from '../page-head';
import { getTickets } from '../shop-api';
import {
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  type TicketSummary,
  type TicketType,
} from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { TicketDrawer } from './ticket-drawer';
import { TicketStatusTag, TicketTypeTag } from './ticket-tags';

const REFRESH_SECONDS = 30;
const BASE = '/console/tickets';

/** ACT-3 support tickets: filters in the URL (default: open, waiting for support), details in a drawer. */
export function TicketsPage() {
  const { t, lang, label } = useConsoleI18n();
  const { query } = useRoute();
  const rawStatus = query.get('status');
  const status: TicketStatus | 'all' =
    rawStatus === 'all'
      ? 'all'
      : (TICKET_STATUSES as readonly string[]).includes(rawStatus ?? '')
        ? (rawStatus as TicketStatus)
        : 'open';
  const type = (TICKET_TYPES as readonly string[]).includes(query.get('type') ?? '')
    ? (query.get('type') as TicketType)
    : undefined;
  const openId = query.get('open');

  const setQuery = (key: string, value: string | null) => {
    const q = new URLSearchParams(query);
    if (value) q.set(key, value);
    else q.delete(key);
    if (key === 'status' && value === 'open') q.delete('status');
    if (key === 'type' && value === 'all') q.delete('type');
    const s = q.toString();
    navigate(`${BASE}${s ? `?${s}` : ''}`, { replace: true });
  };

  const list = useQuery({
    queryKey: ['console', 'tickets', status, type ?? ''],
    queryFn: () => getTickets({ status: status === 'all' ? undefined : status, type }),
    refetchInterval: REFRESH_SECONDS * 1000,
    refetchIntervalInBackground: false,
  });
  const rows = list.data?.tickets ?? [];

  const columns: ColumnsType<TicketSummary> = [
    {
      title: t('console.ticket.col.subject'),
      key: 'subject',
      render: (_, tk) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setQuery('open', tk.id)} data-testid="ticket-open-link">
            {tk.subject}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tk.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.ticket.col.type'),
      dataIndex: 'type',
      render: (v: string) => <TicketTypeTag type={v} />,
    },
    {
      title: t('console.col.status'),
      dataIndex: 'status',
      render: (v: string) => <TicketStatusTag status={v} />,
    },
    {
      title: t('console.ticket.col.reference'),
      key: 'ref',
      render: (_, tk) => (
        <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
          {tk.shopId && <Typography.Text code>{tk.shopId}</Typography.Text>}
          {tk.verificationId && (
            <Link
              to={`/console/cases/${encodeURIComponent(tk.verificationId)}`}
              data-testid="ticket-row-case-link"
            >
              <Typography.Text code>{tk.verificationId}</Typography.Text>
            </Link>
          )}
          {!tk.shopId && !tk.verificationId && '—'}
        </Space>
      ),
    },
    {
      title: t('console.ticket.col.platform'),
      key: 'platform',
      render: (_, tk) => tk.device?.platform ?? '—',
    },
    {
      title: t('console.ticket.col.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.ticket.col.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 90,
      render: (_, tk) => (
        <Button size="small" onClick={() => setQuery('open', tk.id)} data-testid="ticket-row-open">
          {t('console.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="tickets-page">
      <PageHead title={t('console.ticket.title')} subtitle={t('console.ticket.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size={24} wrap>
          <Space>
            <span>{t('console.filter.status')}</span>
            <Select<TicketStatus | 'all'>
              value={status}
              style={{ width: 160 }}
              onChange={(v) => setQuery('status', v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                ...TICKET_STATUSES.map((s) => ({ value: s, label: label('console.ticket.status', s) })),
              ]}
              data-testid="ticket-filter-status"
            />
          </Space>
          <Space>
            <span>{t('console.ticket.col.type')}</span>
            <Select<TicketType | 'all'>
              value={type ?? 'all'}
              style={{ width: 160 }}
              onChange={(v) => setQuery('type', v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                ...TICKET_TYPES.map((s) => ({ value: s, label: label('console.ticket.type', s) })),
              ]}
              data-testid="ticket-filter-type"
            />
          </Space>
        </Space>
      </Card>
      <ProblemAlert error={list.error} />
      <Card
        size="small"
        title={t('console.queue.count', { n: rows.length })}
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={list.isFetching}
            onClick={() => list.refetch()}
            data-testid="ticket-refresh"
          >
            {t('console.refresh')}
          </Button>
        }
      >
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: status === 'open' ? t('console.ticket.empty.open') : t('console.ticket.empty.other'),
          }}
          data-testid="ticket-table"
          onRow={(tk) =>
            ({ 'data-testid': `ticket-row-${tk.id}`, 'data-ticket-id': tk.id }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <TicketDrawer id={openId} onClose={() => setQuery('open', null)} />
    </div>
  );
}
