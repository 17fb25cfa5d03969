import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { getAdminShop } from '../shop-api';
import { formatDateTime } from '../time';
import { useCategoryName } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';

const STATUS_COLOR: Record<string, string> = {
  active: 'success',
  restricted: 'warning',
  suspended: 'error',
  closing: 'orange',
  closed: 'default',
};

/** Which shop this is (GET /v1/admin/shops/{id}): an unknown id says so instead of showing ¥0.00. */
export const useAdminShop = (shopId: string | null) =>
  useQuery({
    queryKey: ['console', 'admin-shop', shopId],
    queryFn: () => getAdminShop(shopId!),
    enabled: !!shopId,
    retry: false,
  });

export function ShopHeader({ shopId }: { shopId: string }) {
  const { t, lang, label } = useConsoleI18n();
  const categoryName = useCategoryName();
  const shop = useAdminShop(shopId);
  if (shop.error)
    return (
      <ProblemAlert
        error={shop.error}
        extra={isApiError(shop.error, 'not_found') ? t('console.deposit.shopNotFound') : undefined}
      />
    );
  const s = shop.data?.shop;
  return (
    <Card size="small" loading={shop.isPending} data-testid="deposit-shop">
      {s && (
        <Descriptions size="small" column={4} title={<span data-testid="deposit-shop-name">{s.name}</span>}>
          <Descriptions.Item label={t('console.qual.shopStatus')}>
            <Tag
              color={STATUS_COLOR[s.status] ?? 'processing'}
              data-testid="deposit-shop-status"
              data-status={s.status}
            >
              {label('console.shop.status', s.status)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('console.qual.category')}>
            {categoryName(s.categoryId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('console.ticket.merchant')}>
            <Typography.Text code style={{ fontSize: 12 }}>
              {s.merchantId}
            </Typography.Text>
            {s.ownerPhone ? ` ${s.ownerPhone}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('console.deposit.openedAt')}>
            {formatDateTime(s.createdAt, lang)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
