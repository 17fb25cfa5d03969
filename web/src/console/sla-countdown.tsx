import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { formatDuration, useNow } from './time';
import { useConsoleI18n } from './use-console-i18n';

/** Below this the countdown turns orange. */
const NEAR_MS = 30 * 60_000;

/**
 * The time left until the SLA is due, ticking every second. `remainingMs` is the server's figure at
 * `fetchedAt` (so a skewed browser clock does not matter); red when breached, orange when near.
 */
export function SlaCountdown({
  remainingMs,
  fetchedAt,
  testId,
}: {
  remainingMs: number | null;
  fetchedAt: number;
  testId?: string;
}) {
  const { t } = useConsoleI18n();
  const now = useNow();
  if (remainingMs === null) return <span>—</span>;
  const left = remainingMs - (now - fetchedAt);
  const breached = left <= 0;
  const near = !breached && left < NEAR_MS;
  return (
    <Tag
      color={breached ? 'red' : near ? 'orange' : 'default'}
      icon={breached ? <WarningOutlined /> : <ClockCircleOutlined />}
      data-testid={testId}
      data-breached={breached ? 'true' : 'false'}
      style={{ fontVariantNumeric: 'tabular-nums', marginInlineEnd: 0 }}
    >
      {breached
        ? t('console.sla.overdue', { t: formatDuration(left, t) })
        : t('console.sla.remaining', { t: formatDuration(left, t) })}
    </Tag>
  );
}
