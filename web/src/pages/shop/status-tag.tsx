import { Tag } from 'antd';
import type { ShopStatus } from '../../api/shops';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';

export const STATUS_COLOR: Record<ShopStatus, string> = {
  draft: 'default',
  pending_qualification: 'blue',
  pending_deposit: 'orange',
  ready_to_activate: 'cyan',
  active: 'green',
  restricted: 'volcano',
  suspended: 'red',
  closing: 'gold',
  closed: 'default',
};

/** The shop's status in words. */
export function ShopStatusTag({ status }: { status: ShopStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="shop-status" data-status={status}>
      {t(`shop.status.${status}` as MessageKey)}
    </Tag>
  );
}
