import { Empty, Timeline, Typography } from 'antd';
import type { AdminShopEvent } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperatorName } from '../use-operator';

const COLOR: Record<string, string> = {
  active: 'green',
  restricted: 'orange',
  suspended: 'red',
  closing: 'orange',
  closed: 'gray',
};

/** The shop's status changes, newest first: event, from → to, who, when. */
export function ShopEvents({ events }: { events: AdminShopEvent[] }) {
  const { t, lang, label } = useConsoleI18n();
  const nameOf = useOperatorName();
  if (!events.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.shops.eventsEmpty')} />;
  const newestFirst = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Timeline
      data-testid="shop-events"
      items={newestFirst.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLOR[e.toStatus] ?? 'blue',
        content: (
          <div data-testid="shop-event" data-event={e.event}>
            <Typography.Text strong>{label('console.shops.event', e.event)}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, lang)} ·{' '}
              {e.actorType === 'operator' && e.actorId
                ? nameOf(e.actorId)
                : label('console.shops.actor', e.actorType)}
            </Typography.Text>
            <div style={{ fontSize: 12 }}>
              {e.fromStatus ? label('console.shop.status', e.fromStatus) : '—'} →{' '}
              {label('console.shop.status', e.toStatus)}
            </div>
          </div>
        ),
      }))}
    />
  );
}
