import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../time';
import type { CheckResult, Liveness } from '../types';
import { useConsoleI18n } from '../use-console-i18n';

const STATUS = {
  green: { color: 'success', icon: <CheckCircleFilled style={{ color: '#52c41a' }} /> },
  red: { color: 'error', icon: <CloseCircleFilled style={{ color: '#ff4d4f' }} /> },
  unavailable: { color: 'default', icon: <MinusCircleFilled style={{ color: '#bfbfbf' }} /> },
} as const;

const fieldText = (v: unknown) =>
  typeof v === 'object' && v !== null ? JSON.stringify(v) : typeof v === 'number' ? String(v) : String(v);

/** The automated check results (KYC-6/7): green, red or unavailable, with their result fields. */
export function ChecksCard({ checks: all }: { checks: CheckResult[] }) {
  const { t, lang, label } = useConsoleI18n();
  // Each submission runs the checks again: show the latest result of each, say how many runs there were.
  const latest = new Map<string, CheckResult>();
  for (const c of all) latest.set(c.check, c);
  const checks = [...latest.values()];
  const runs = all.length ? Math.max(...checks.map((c) => all.filter((x) => x.check === c.check).length)) : 0;
  return (
    <Card
      size="small"
      title={t('console.case.checks')}
      extra={
        runs > 1 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('console.case.checkRuns', { n: runs })}
          </Typography.Text>
        ) : undefined
      }
      data-testid="case-checks"
    >
      {checks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.case.noChecks')} />
      ) : (
        <List
          size="small"
          dataSource={checks}
          renderItem={(c) => {
            const s = STATUS[c.status as keyof typeof STATUS] ?? STATUS.unavailable;
            return (
              <List.Item data-testid="case-check" data-check={c.check} data-status={c.status}>
                <div style={{ width: '100%' }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Space>
                      {s.icon}
                      <Typography.Text strong>{label('console.check', c.check)}</Typography.Text>
                      <Tag color={s.color}>{label('console.check', c.status)}</Tag>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(c.at, lang)}
                    </Typography.Text>
                  </Space>
                  {Object.keys(c.result).length > 0 && (
                    <div
                      className="kd-console-result-fields"
                      style={{ marginTop: 4, paddingInlineStart: 22 }}
                    >
                      {Object.entries(c.result).map(([k, v]) => (
                        <Tag key={k} bordered={false} style={{ marginBottom: 2 }}>
                          {k}: <b>{fieldText(v)}</b>
                        </Tag>
                      ))}
                    </div>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** LIV-1: the liveness session behind the case, when the server reports one. */
export function LivenessCard({ liveness }: { liveness: Liveness | undefined }) {
  const { t } = useConsoleI18n();
  return (
    <Card size="small" title={t('console.case.liveness')} data-testid="case-liveness">
      {!liveness || (liveness.required === false && !liveness.passed) ? (
        <Typography.Text type="secondary">
          {liveness?.required === false
            ? t('console.case.livenessNotRequired')
            : t('console.case.livenessNone')}
        </Typography.Text>
      ) : (
        <Descriptions
          size="small"
          column={3}
          items={[
            {
              key: 'passed',
              label: t('console.case.liveness'),
              children: liveness.passed ? (
                <Tag color="success" icon={<CheckCircleFilled />}>
                  {t('console.case.livenessPassed')}
                </Tag>
              ) : (
                <Tag color="error" icon={<CloseCircleFilled />}>
                  {t('console.case.livenessFailed')}
                </Tag>
              ),
            },
            {
              key: 'similarity',
              label: t('console.case.similarity'),
              children: typeof liveness.similarity === 'number' ? liveness.similarity : '—',
            },
            {
              key: 'session',
              label: t('console.case.session'),
              children: liveness.sessionId ? (
                <Typography.Text code>{liveness.sessionId}</Typography.Text>
              ) : (
                '—'
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
