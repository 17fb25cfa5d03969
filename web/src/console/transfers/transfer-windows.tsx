import { Space, Typography } from 'antd';
import type { AdminTransfer } from '../../api/ownership';
import { formatDateTime, formatDuration, useNow } from '../time';
import { useConsoleI18n } from '../use-console-i18n';

/** The transfer's windows: a live "left" for the running one, the times of the others. */
export function TransferWindows({ transfer: t }: { transfer: AdminTransfer }) {
  const { t: tr, lang } = useConsoleI18n();
  const now = useNow();
  const left = (iso: string) => formatDuration(new Date(iso).getTime() - now, tr);
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
      {t.status === 'waiting' && (
        <Typography.Text strong style={{ color: '#d48806' }} data-testid="transfer-waiting-left">
          {tr('console.tr.waitingLeft', { d: left(t.waitingUntil) })}
        </Typography.Text>
      )}
      {t.status === 'awaiting_acceptance' && (
        <Typography.Text strong style={{ color: '#1677ff' }} data-testid="transfer-accept-left">
          {tr('console.tr.acceptLeft', { d: left(t.expiresAt) })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">
        {tr('console.tr.waitingUntil')} {formatDateTime(t.waitingUntil, lang)}
      </Typography.Text>
      <Typography.Text type="secondary">
        {tr('console.tr.expiresAt')} {formatDateTime(t.expiresAt, lang)}
      </Typography.Text>
      {t.endedAt && (
        <Typography.Text type="secondary">
          {tr('console.tr.endedAt')} {formatDateTime(t.endedAt, lang)}
        </Typography.Text>
      )}
    </Space>
  );
}
