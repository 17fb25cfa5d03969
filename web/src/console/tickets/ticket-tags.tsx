import { Tag } from 'antd';
import { useConsoleI18n } from '../use-console-i18n';

const STATUS_COLOR: Record<string, string> = {
  open: 'processing',
  answered: 'cyan',
  resolved: 'success',
  closed: 'default',
};
const TYPE_COLOR: Record<string, string> = {
  activation: 'blue',
  verification_expedite: 'orange',
  account: 'purple',
  other: 'default',
};

export function TicketStatusTag({ status }: { status: string }) {
  const { label } = useConsoleI18n();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="ticket-status" data-status={status}>
      {label('console.ticket.status', status)}
    </Tag>
  );
}

export function TicketTypeTag({ type }: { type: string }) {
  const { label } = useConsoleI18n();
  return (
    <Tag color={TYPE_COLOR[type] ?? 'default'} data-testid="ticket-type" data-type={type}>
      {label('console.ticket.type', type)}
    </Tag>
  );
}
