import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { navigate, useRoute } from '../../router/use-route';
import { claimCase, getQueue } from '../api';
import { isExpedited, KindTags, StatusTag } from '../case-tags';
import { PageHead } from '../page-head';
import { SlaCountdown } from '../sla-countdown';
import { formatDateTime } from '../time';
import { type CaseKind, type CaseSummary, QUEUE_STATUSES, type QueueStatus } from '../types';
import { useConsoleI18n } from '../use-console-i18n';
import { canDecide, useOperator, useOperatorName } from '../use-operator';

const REFRESH_SECONDS = 15;
type CrossFilter = 'all' | 'yes' | 'no';

/** The review queue: filters in the URL, SLA countdowns, claim, auto-refresh. */
export function QueuePage() {
  const { t, lang, label } = useConsoleI18n();
  const { query } = useRoute();
  const me = useOperator();
  const nameOf = useOperatorName();
  const qc = useQueryClient();
  const { message } = App.useApp();

  const status = (QUEUE_STATUSES as string[]).includes(query.get('status') ?? '')
    ? (query.get('status') as QueueStatus)
    : 'pending_review';
  const kind = (['personal', 'enterprise'] as const).find((k) => k === query.get('kind'));
  const cross: CrossFilter =
    query.get('cross') === 'yes' ? 'yes' : query.get('cross') === 'no' ? 'no' : 'all';

  const setFilter = (key: string, value: string | undefined) => {
    const q = new URLSearchParams(query);
    if (value && value !== 'all') q.set(key, value);
    else q.delete(key);
    if (key === 'status' && value === 'pending_review') q.delete('status');
    const s = q.toString();
    navigate(`/console/queue${s ? `?${s}` : ''}`, { replace: true });
  };

  const queue = useQuery({
    queryKey: ['console', 'queue', status, kind ?? ''],
    queryFn: () => getQueue({ status, kind }),
    refetchInterval: REFRESH_SECONDS * 1000,
    refetchIntervalInBackground: false,
  });

  const rows = useMemo(() => {
    const all = queue.data?.cases ?? [];
    const filtered = all.filter((c) => cross === 'all' || c.crossBorder === (cross === 'yes'));
    // Expedited cases first (KYC-8), the server's SLA order otherwise (sort is stable).
    return [...filtered].sort((a, b) => Number(isExpedited(b)) - Number(isExpedited(a)));
  }, [queue.data, cross]);

  const claim = useMutation({
    mutationFn: claimCase,
    onSuccess: async (res) => {
      message.success({ content: t('console.claimed'), key: 'console-action' });
      await qc.invalidateQueries({ queryKey: ['console', 'queue'] });
      navigate(`/console/cases/${encodeURIComponent(res.id)}`);
    },
    onError: () => qc.invalidateQueries({ queryKey: ['console', 'queue'] }),
  });

  const fetchedAt = queue.dataUpdatedAt;
  const columns: ColumnsType<CaseSummary> = [
    {
      title: t('console.col.case'),
      dataIndex: 'id',
      render: (id: string) => (
        <Link to={`/console/cases/${encodeURIComponent(id)}`} data-testid="queue-case-link">
          <Typography.Text code style={{ fontSize: 12 }}>
            {id}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('console.col.kind'), key: 'kind', render: (_, c) => <KindTags c={c} /> },
    { title: t('console.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('console.col.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => formatDateTime(v, lang),
    },
    {
      title: t('console.col.slaDue'),
      dataIndex: 'slaDueAt',
      render: (v: string | null) => formatDateTime(v, lang),
    },
    {
      title: t('console.col.remaining'),
      key: 'remaining',
      render: (_, c) =>
        c.status === 'pending_review' ? (
          <SlaCountdown remainingMs={c.remainingMs} fetchedAt={fetchedAt} testId="queue-sla" />
        ) : (
          '—'
        ),
    },
    {
      title: t('console.col.claimedBy'),
      dataIndex: 'claimedBy',
      render: (v: string | null) =>
        v ? (
          <Typography.Text strong={v === me?.id} data-testid="queue-claimed-by">
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
      render: (_, c) => {
        const claimable =
          c.status === 'pending_review' && canDecide(me) && (!c.claimedBy || c.claimedBy === me?.id);
        return (
          <Space size={4}>
            {c.status === 'pending_review' && c.claimedBy !== me?.id && (
              <Tooltip
                title={
                  !canDecide(me)
                    ? t('console.action.readOnly')
                    : c.claimedBy
                      ? t('console.action.claimedByOther', { who: nameOf(c.claimedBy) ?? '' })
                      : undefined
                }
              >
                <Button
                  type="primary"
                  size="small"
                  disabled={!claimable}
                  loading={claim.isPending && claim.variables === c.id}
                  onClick={() => claim.mutate(c.id)}
                  data-testid="queue-claim"
                >
                  {t('console.claim')}
                </Button>
              </Tooltip>
            )}
            <Button size="small" onClick={() => navigate(`/console/cases/${encodeURIComponent(c.id)}`)}>
              {t('console.open')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="queue-page">
      <PageHead title={t('console.queue.title')} subtitle={t('console.queue.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size={24} wrap>
          <Space>
            <span>{t('console.filter.status')}</span>
            <Select<QueueStatus>
              value={status}
              style={{ width: 180 }}
              onChange={(v) => setFilter('status', v)}
              options={QUEUE_STATUSES.map((s) => ({ value: s, label: label('console.status', s) }))}
              data-testid="filter-status"
            />
          </Space>
          <Space>
            <span>{t('console.filter.kind')}</span>
            <Select<CaseKind | 'all'>
              value={kind ?? 'all'}
              style={{ width: 120 }}
              onChange={(v) => setFilter('kind', v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                { value: 'personal', label: t('console.kind.personal') },
                { value: 'enterprise', label: t('console.kind.enterprise') },
              ]}
              data-testid="filter-kind"
            />
          </Space>
          <Space>
            <span>{t('console.filter.crossBorder')}</span>
            <Select<CrossFilter>
              value={cross}
              style={{ width: 140 }}
              onChange={(v) => setFilter('cross', v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                { value: 'yes', label: t('console.filter.crossOnly') },
                { value: 'no', label: t('console.filter.domesticOnly') },
              ]}
              data-testid="filter-cross"
            />
          </Space>
        </Space>
      </Card>
      <ProblemAlert error={queue.error ?? claim.error} />
      <Card
        size="small"
        title={t('console.queue.count', { n: rows.length })}
        extra={
          <Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fetchedAt
                ? t('console.queue.autoRefresh', {
                    n: REFRESH_SECONDS,
                    time: new Date(fetchedAt).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN'),
                  })
                : ''}
            </Typography.Text>
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={queue.isFetching}
              onClick={() => queue.refetch()}
              data-testid="queue-refresh"
            >
              {t('console.refresh')}
            </Button>
          </Space>
        }
      >
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={queue.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('console.queue.empty') }}
          data-testid="queue-table"
          onRow={(c) => ({ 'data-case-id': c.id }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
    </div>
  );
}
