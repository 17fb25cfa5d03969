import { Tag } from 'antd';
import type { TicketStatus, TicketType } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';

const COLOR: Record<TicketStatus, string> = {
  open: 'blue',
  answered: 'green',
  resolved: 'default',
  closed: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOR[status]} data-testid="ticket-status" data-status={status}>
      {t(`shop.support.status.${status}`)}
    </Tag>
  );
}

export function TicketTypeLabel({ type }: { type: TicketType }) {
  const { t } = useI18n();
  return <>{t(`shop.support.type.${type}`)}</>;
}
