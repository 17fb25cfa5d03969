import { Tag } from 'antd';
import { useConsoleI18n } from '../use-console-i18n';

export const TRANSFER_STATUS_COLOR: Record<string, string> = {
  waiting: 'gold',
  awaiting_acceptance: 'processing',
  completed: 'success',
  cancelled: 'default',
  declined: 'default',
  expired: 'default',
  blocked: 'error',
};

export function TransferStatusTag({
  status,
  testId = 'transfer-status',
}: {
  status: string;
  testId?: string;
}) {
  const { label } = useConsoleI18n();
  return (
    <Tag
      color={TRANSFER_STATUS_COLOR[status] ?? 'default'}
      data-testid={testId}
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {label('console.tr.status', status)}
    </Tag>
  );
}
