import { Tag } from 'antd';
import { useConsoleI18n } from '../use-console-i18n';

/** Every shop status has its colour: pre-activation blue, active green, held back orange/red, closed grey. */
export const SHOP_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  pending_qualification: 'processing',
  pending_deposit: 'gold',
  ready_to_activate: 'cyan',
  active: 'success',
  restricted: 'warning',
  suspended: 'error',
  closing: 'orange',
  closed: 'default',
};

export function ShopStatusTag({ status, testId = 'shop-status' }: { status: string; testId?: string }) {
  const { label } = useConsoleI18n();
  return (
    <Tag
      color={SHOP_STATUS_COLOR[status] ?? 'default'}
      data-testid={testId}
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {label('console.shop.status', status)}
    </Tag>
  );
}
