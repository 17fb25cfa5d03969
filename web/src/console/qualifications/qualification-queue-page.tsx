import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate, useRoute } from '../../router/use-route';
import { PageHead } from '../page-head';
import { claimQualification, getQualificationQueue } from '../shop-api';
import { QUALIFICATION_STATUSES, type QualificationStatus, type QualificationSummary } from '../shop-types';
import { formatDateTime, formatDuration } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { canDecide, useOperator, useOperatorName } from '../use-operator';
import { QualificationDrawer } from './qualification-drawer';
import { QualificationStatusTag } from './qualification-status-tag';

const REFRESH_SECONDS = 15;
const BASE = '/console/qualifications';

/** SHOP-3 review queue: oldest first, claim, details and decision in a drawer (?open=<id>). */
export function QualificationQueuePage() {
  const { t, lang } = useConsoleI18n();
  const { query } = useRoute();
  const me = useOperator();
  const nameOf = useOperatorName();
  const qc = useQueryClient();
  const { message } = App.useApp();

  const status = (QUALIFICATION_STATUSES as string[]).includes(query.get('status') ?? '')
    ? (query.get('status') as QualificationStatus)
    : 'pending_review';
  const openId = query.get('open');
  // ?shop=<id> (from the shop drawer): only that shop's qualifications.
  const shopFilter = query.get('shop')?.trim() || null;

  const setQuery = (key: string, value: string | null) => {
    const q = new URLSearchParams(query);
    if (value) q.set(key, value);
    else q.delete(key);
    if (key === 'status' && value === 'pending_review') q.delete('status');
    const s = q.toString();
    navigate(`${BASE}${s ? `?${s}` : ''}`, { replace: true });
  };

  const queue = useQuery({
    queryKey: ['console', 'qualifications', status],
    queryFn: () => getQualificationQueue(status),
    refetchInterval: REFRESH_SECONDS * 1000,
    refetchIntervalInBackground: false,
  });
  const all = queue.data?.qualifications ?? [];
  const rows = shopFilter ? all.filter((r) => r.shopId === shopFilter) : all;

  const claim = useMutation({
    mutationFn: claimQualification,
    onSuccess: async (res) => {
      message.success({ content: t('console.claimed'), key: 'console-action' });
      await qc.invalidateQueries({ queryKey: ['console', 'qualifications'] });
      setQuery('open', res.id);
    },
    onError: () => qc.invalidateQueries({ queryKey: ['console', 'qualifications'] }),
  });

  const columns: ColumnsType<QualificationSummary> = [
    {
      title: t('console.qual.col.qualification'),
      key: 'name',
      render: (_, q) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setQuery('open', q.id)} data-testid="qual-open-link">
            {lang === 'en' ? q.nameEn : q.nameZh}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {q.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.qual.col.shop'),
      dataIndex: 'shopId',
      render: (v: string) => (
        <Typography.Text code copyable style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('console.col.status'),
      dataIndex: 'status',
      render: (s: string, q) => <QualificationStatusTag status={s} reason={q.reason} />,
    },
    {
      title: t('console.col.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => formatDateTime(v, lang),
    },
    {
      title: status === 'pending_review' ? t('console.qual.col.waiting') : t('console.qual.col.decidedAt'),
      key: 'waiting',
      render: (_, q) =>
        status === 'pending_review'
          ? q.waitingMs != null
            ? formatDuration(q.waitingMs, t)
            : '—'
          : formatDateTime(q.decidedAt, lang),
    },
    {
      title: t('console.col.claimedBy'),
      dataIndex: 'claimedBy',
      render: (v: string | null) =>
        v ? (
          <Typography.Text strong={v === me?.id} data-testid="qual-claimed-by">
            {nameOf(v)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('console.unclaimed')}</Typography.Text>
        ),
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 150,
      render: (_, q) => {
        const claimable =
          q.status === 'pending_review' && canDecide(me) && (!q.claimedBy || q.claimedBy === me?.id);
        return (
          <Space size={4}>
            {q.status === 'pending_review' && q.claimedBy !== me?.id && (
              <Tooltip
                title={
                  !canDecide(me)
                    ? t('console.action.readOnly')
                    : q.claimedBy
                      ? t('console.action.claimedByOther', { who: nameOf(q.claimedBy) ?? '' })
                      : undefined
                }
              >
                <Button
                  type="primary"
                  size="small"
                  disabled={!claimable}
                  loading={claim.isPending && claim.variables === q.id}
                  onClick={() => claim.mutate(q.id)}
                  data-testid="qual-row-claim"
                >
                  {t('console.claim')}
                </Button>
              </Tooltip>
            )}
            <Button size="small" onClick={() => setQuery('open', q.id)} data-testid="qual-row-open">
              {t('console.open')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="qual-queue-page">
      <PageHead title={t('console.qual.title')} subtitle={t('console.qual.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space>
          <span>{t('console.filter.status')}</span>
          <Select<QualificationStatus>
            value={status}
            style={{ width: 160 }}
            onChange={(v) => setQuery('status', v)}
            options={QUALIFICATION_STATUSES.map((s) => ({
              value: s,
              label: t(`console.qual.status.${s}` as const),
            }))}
            data-testid="qual-filter-status"
          />
          {shopFilter && (
            <Tag closable onClose={() => setQuery('shop', null)} data-testid="qual-filter-shop">
              {t('console.qual.col.shop')}: {shopFilter}
            </Tag>
          )}
        </Space>
      </Card>
      <ProblemAlert error={queue.error ?? claim.error} />
      <Card
        size="small"
        title={
          <Space>
            {t('console.queue.count', { n: rows.length })}
            {status === 'pending_review' && rows.some((r) => !r.claimedBy) && (
              <Tag color="processing">
                {t('console.qual.unclaimedCount', { n: rows.filter((r) => !r.claimedBy).length })}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={queue.isFetching}
            onClick={() => queue.refetch()}
            data-testid="qual-refresh"
          >
            {t('console.refresh')}
          </Button>
        }
      >
        <Table<QualificationSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={queue.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText:
              status === 'pending_review' ? t('console.qual.empty.pending') : t('console.qual.empty.decided'),
          }}
          data-testid="qual-queue-table"
          onRow={(q) =>
            ({ 'data-testid': `qual-queue-row-${q.id}`, 'data-qual-id': q.id }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <QualificationDrawer id={openId} onClose={() => setQuery('open', null)} />
    </div>
  );
}
