import { LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { getReasons } from '../api';
import { formatDateTime } from '../time';
import type { HistoryEntry } from '../types';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperatorName } from '../use-operator';

const COLORS: Record<string, string> = {
  approve: 'green',
  auto_approve: 'green',
  reject_retry: 'orange',
  auto_reject_retry: 'orange',
  reject_final: 'red',
  auto_reject_final: 'red',
  request_info: 'gold',
  to_review: 'blue',
  expedite: 'volcano',
  escalate: 'magenta',
};

/** The case's events, newest first, with the reviewers' internal notes (never shown to merchants). */
export function HistoryCard({ history }: { history: HistoryEntry[] }) {
  const { t, lang, label } = useConsoleI18n();
  const nameOf = useOperatorName();
  const catalog = useQuery({ queryKey: ['console', 'reasons'], queryFn: getReasons, staleTime: Infinity });
  const reasonText = (code: string) => {
    const r = catalog.data?.reasons.find((x) => x.code === code);
    return r ? (lang === 'en' ? r.en : r.zh) : undefined;
  };
  const items = [...history].reverse().map((h, i) => ({
    key: `${h.at}-${i}`,
    color: COLORS[h.event] ?? 'gray',
    content: (
      <div data-testid="history-entry" data-event={h.event}>
        <Space size={6} wrap>
          <Typography.Text strong>{label('console.event', h.event)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label('console.actor', h.actorType)}
            {h.actorType === 'operator' && h.actorId ? ` · ${nameOf(h.actorId)}` : ''}
          </Typography.Text>
        </Space>
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
          {formatDateTime(h.at, lang)}
          {h.from ? ` · ${label('console.status', h.from)} → ${label('console.status', h.to)}` : ''}
        </div>
        {h.reasons.length > 0 && (
          <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
            {h.reasons.map((r) => (
              <Tooltip key={r} title={reasonText(r)}>
                <Tag style={{ marginInlineEnd: 0 }}>{r}</Tag>
              </Tooltip>
            ))}
          </Space>
        )}
        {h.internalNote && (
          <div className="kd-console-note" data-testid="history-note">
            <LockOutlined /> <b>{t('console.case.internalNote')}：</b>
            {h.internalNote}
          </div>
        )}
      </div>
    ),
  }));
  return (
    <Card size="small" title={t('console.case.history')} data-testid="case-history">
      <Timeline items={items} />
    </Card>
  );
}
