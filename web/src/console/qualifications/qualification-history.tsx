import { Timeline, Typography } from 'antd';
import type { QualificationDetails } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperatorName } from '../use-operator';

/** The qualification's events, oldest first, with reasons and internal notes. */
export function QualificationHistory({ history }: { history: QualificationDetails['history'] }) {
  const { t, lang, label } = useConsoleI18n();
  const nameOf = useOperatorName();
  return (
    <Timeline
      data-testid="qual-history"
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: h.to === 'approved' ? 'green' : h.to === 'rejected' ? 'red' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{label('console.qual.event', h.event)}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(h.at, lang)} ·{' '}
              {h.actorType === 'operator' ? nameOf(h.actorId) : label('console.actor', h.actorType)}
            </Typography.Text>
            <div style={{ fontSize: 12 }}>
              {label('console.qual.status', h.from ?? undefined)} → {label('console.qual.status', h.to)}
            </div>
            {h.reason && <div>{label('console.qual.reason', h.reason)}</div>}
            {h.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('console.qual.note')}: {h.note}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
    />
  );
}
