import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Segmented, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate, useRoute } from '../../router/use-route';
import { getStats } from '../api';
import { formatDateTime } from '../time';
import type { ReviewStats, SlaKind } from '../types';
import { useConsoleI18n } from '../use-console-i18n';
import { EChart, type EChartOption } from './echart';

const RANGES = [7, 30, 90];
const FUNNEL_STAGES = [
  'created',
  'submitted',
  'autoApproved',
  'autoRejected',
  'pendingReview',
  'approved',
  'rejectedRetry',
  'rejectedFinal',
  'moreInfoRequested',
  'withdrawn',
] as const;
/** The stages drawn as the funnel's main path; the side exits stay in the table. */
const FUNNEL_PATH = ['created', 'submitted', 'pendingReview', 'approved'] as const;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Verification funnel and review SLA attainment (KYC-8), as charts and as numbers. */
export default function DashboardPage() {
  const { t, lang, label } = useConsoleI18n();
  const { query } = useRoute();
  const days = RANGES.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const stats = useQuery({
    queryKey: ['console', 'stats', days],
    queryFn: () => getStats(days),
    refetchInterval: 60_000,
  });
  const s = stats.data;

  return (
    <div data-testid="dashboard-page">
      <div className="kd-console-page-head">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('console.dash.title')}
          </Typography.Title>
          {s && (
            <Typography.Text type="secondary">
              {t('console.dash.since', {
                since: formatDateTime(s.since, lang),
                until: formatDateTime(s.until, lang),
              })}
            </Typography.Text>
          )}
        </div>
        <Space>
          <Segmented
            value={days}
            options={RANGES.map((n) => ({ value: n, label: t('console.dash.range', { n }) }))}
            onChange={(v) => navigate(`/console/dashboard?days=${v}`, { replace: true })}
            data-testid="dash-range"
          />
          <Button icon={<ReloadOutlined />} loading={stats.isFetching} onClick={() => stats.refetch()}>
            {t('console.refresh')}
          </Button>
        </Space>
      </div>
      <ProblemAlert error={stats.error} />
      {!s ? <Skeleton active paragraph={{ rows: 10 }} /> : <DashboardBody s={s} t={t} label={label} />}
    </div>
  );
}

function DashboardBody({
  s,
  t,
  label,
}: {
  s: ReviewStats;
  t: ReturnType<typeof useConsoleI18n>['t'];
  label: ReturnType<typeof useConsoleI18n>['label'];
}) {
  const stageName = (k: string) => label('console.dash.funnel', k);
  const funnelOption = useMemo<EChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      color: ['#1677ff', '#4096ff', '#69b1ff', '#52c41a'],
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 10,
          bottom: 10,
          minSize: '12%',
          gap: 4,
          label: { show: true, position: 'inside', formatter: '{b}  {c}', color: '#fff' },
          data: FUNNEL_PATH.map((k) => ({ name: label('console.dash.funnel', k), value: s.funnel[k] })),
        },
      ],
    }),
    [s, label],
  );

  const slaOption = useMemo<EChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        data: [t('console.dash.onTime'), t('console.dash.late'), t('console.dash.attainment')],
      },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: s.sla.daily.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value', name: t('console.dash.decisions'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('console.dash.onTime'),
          type: 'bar',
          stack: 'decisions',
          color: '#52c41a',
          data: s.sla.daily.map((d) => d.onTime),
        },
        {
          name: t('console.dash.late'),
          type: 'bar',
          stack: 'decisions',
          color: '#ff4d4f',
          data: s.sla.daily.map((d) => d.late),
        },
        {
          name: t('console.dash.attainment'),
          type: 'line',
          yAxisIndex: 1,
          color: '#1677ff',
          showSymbol: true,
          symbolSize: 6,
          connectNulls: true,
          data: s.sla.daily.map((d) =>
            d.onTime + d.late ? Math.round((1000 * d.onTime) / (d.onTime + d.late)) / 10 : null,
          ),
        },
      ],
    }),
    [s, t],
  );

  const total = s.sla.total;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('console.dash.open')} value={total.open} data-testid="stat-open" />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('console.dash.breaching')}
              value={total.breaching}
              styles={{ content: { color: total.breaching ? '#cf1322' : undefined } }}
              data-testid="stat-breaching"
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('console.dash.attainment')}
              value={pct(total.attainment)}
              data-testid="stat-attainment"
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('console.dash.decisions')} value={total.onTime + total.late} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Card
            size="small"
            title={t('console.dash.funnel')}
            extra={<Help text={t('console.dash.funnelHelp')} />}
          >
            <EChart option={funnelOption} height={280} testId="chart-funnel" />
            <Table
              size="small"
              rowKey="stage"
              pagination={false}
              data-testid="funnel-table"
              dataSource={FUNNEL_STAGES.map((k) => ({ stage: k, n: s.funnel[k] }))}
              columns={[
                { title: t('console.dash.stage'), dataIndex: 'stage', render: (k: string) => stageName(k) },
                { title: t('console.dash.count'), dataIndex: 'n', align: 'right' },
                {
                  title: t('console.dash.share'),
                  key: 'share',
                  align: 'right',
                  render: (_, r) => (s.funnel.created ? pct(r.n / s.funnel.created) : '—'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={t('console.dash.sla')} extra={<Help text={t('console.dash.slaHelp')} />}>
            <EChart option={slaOption} height={280} testId="chart-sla" />
            <Table
              size="small"
              rowKey="kind"
              pagination={false}
              data-testid="sla-table"
              dataSource={[...s.sla.byKind, { kind: 'total' as SlaKind, ...total }]}
              columns={[
                {
                  title: t('console.dash.kind'),
                  dataIndex: 'kind',
                  render: (k: string) =>
                    k === 'total' ? <b>{t('console.dash.total')}</b> : label('console.kind', k),
                },
                { title: t('console.dash.onTime'), dataIndex: 'onTime', align: 'right' },
                { title: t('console.dash.late'), dataIndex: 'late', align: 'right' },
                {
                  title: t('console.dash.attainment'),
                  dataIndex: 'attainment',
                  align: 'right',
                  render: (v: number | null) => pct(v),
                },
                { title: t('console.dash.open'), dataIndex: 'open', align: 'right' },
                {
                  title: t('console.dash.breaching'),
                  dataIndex: 'breaching',
                  align: 'right',
                  render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
                },
              ]}
            />
          </Card>
          <DailyTable s={s} t={t} />
        </Col>
      </Row>
    </Space>
  );
}

/** The days with reviewer decisions, newest first: the chart's numbers per kind. */
function DailyTable({ s, t }: { s: ReviewStats; t: ReturnType<typeof useConsoleI18n>['t'] }) {
  const rows = s.sla.daily.filter((d) => d.onTime + d.late > 0).reverse();
  const cell = (c: { onTime: number; late: number }) =>
    c.onTime + c.late === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <span>
        {c.onTime}
        {c.late > 0 && <Typography.Text type="danger"> / {c.late}</Typography.Text>}
      </span>
    );
  return (
    <Card
      size="small"
      title={t('console.dash.daily')}
      extra={<Help text={t('console.dash.dailyHelp')} />}
      style={{ marginTop: 16 }}
    >
      <Table
        size="small"
        rowKey="date"
        data-testid="sla-daily-table"
        dataSource={rows}
        pagination={{ pageSize: 7, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('console.dash.noDecisions') }}
        columns={[
          { title: t('console.dash.date'), dataIndex: 'date' },
          {
            title: t('console.kind.personal'),
            key: 'p',
            align: 'right',
            render: (_, d) => cell(d.kinds.personal),
          },
          {
            title: t('console.kind.enterprise'),
            key: 'e',
            align: 'right',
            render: (_, d) => cell(d.kinds.enterprise),
          },
          {
            title: t('console.kind.cross_border'),
            key: 'c',
            align: 'right',
            render: (_, d) => cell(d.kinds.cross_border),
          },
          { title: t('console.dash.total'), key: 't', align: 'right', render: (_, d) => cell(d) },
          {
            title: t('console.dash.attainment'),
            key: 'a',
            align: 'right',
            render: (_, d) => pct(d.onTime / (d.onTime + d.late)),
          },
        ]}
      />
    </Card>
  );
}

function Help({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
