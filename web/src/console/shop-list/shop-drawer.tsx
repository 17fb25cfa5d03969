import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Descriptions, Drawer, Space, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { getQualificationQueue } from '../shop-api';
import type { ShopActionName } from '../shop-types';
import { useAdminShop } from '../shops/shop-header';
import { formatDateTime } from '../time';
import { useCategoryName } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperator } from '../use-operator';
import { ShopActionModal } from './shop-action-modal';
import { ACTION_TEST_ID, DANGER_ACTIONS, shopActions } from './shop-actions';
import { ShopEvents } from './shop-events';
import { EffectTags, ShopCloseRequest, ShopRestriction } from './shop-restriction';
import { ShopStatusTag } from './shop-status-tag';

/** One shop for operators: who and what, its holds, close request, status history and the actions. */
export function ShopDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, lang, label } = useConsoleI18n();
  const me = useOperator();
  const categoryName = useCategoryName();
  const details = useAdminShop(id);
  const [action, setAction] = useState<ShopActionName | null>(null);
  // The pending queue is cached by the other pages; it tells whether this shop waits for a review.
  const pendingQuals = useQuery({
    queryKey: ['console', 'qualifications', 'pending_review'],
    queryFn: () => getQualificationQueue('pending_review'),
    staleTime: 60_000,
    enabled: !!id,
  });
  const pendingForShop = (pendingQuals.data?.qualifications ?? []).filter((q) => q.shopId === id).length;

  const shop = details.data?.shop;
  const acts = shop ? shopActions(shop, me) : null;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={780}
      destroyOnHidden
      title={
        shop ? (
          <Space>
            <span data-testid="shop-drawer-name">{shop.name}</span>
            <ShopStatusTag status={shop.status} testId="shop-drawer-status" />
          </Space>
        ) : (
          t('console.shops.drawerTitle')
        )
      }
      data-testid="shop-drawer"
    >
      {details.isPending && id ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : details.error ? (
        <ProblemAlert
          error={details.error}
          extra={isApiError(details.error, 'not_found') ? t('console.deposit.shopNotFound') : undefined}
        />
      ) : shop && acts ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered data-testid="shop-details">
            <Descriptions.Item label={t('console.shops.id')} span={2}>
              <Typography.Text code copyable style={{ fontSize: 12 }} data-testid="shop-drawer-id">
                {shop.id}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.category')}>
              {categoryName(shop.categoryId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.shopStatus')}>
              {label('console.shop.status', shop.status)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.shops.merchant')}>
              <Typography.Text code copyable style={{ fontSize: 12 }}>
                {shop.merchantId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.shops.ownerPhone')}>
              {shop.ownerPhone ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.deposit.openedAt')}>
              {formatDateTime(shop.createdAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.shops.statusChangedAt')}>
              {formatDateTime(shop.statusChangedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.shops.links')} span={2}>
              <Space size={16} wrap>
                <Link
                  to={`/console/shops/deposit?shop=${encodeURIComponent(shop.id)}`}
                  data-testid="shop-deposit-link"
                >
                  {t('console.shops.depositLink')}
                </Link>
                <Link
                  to={`/console/qualifications?shop=${encodeURIComponent(shop.id)}${pendingForShop ? '' : '&status=approved'}`}
                  data-testid="shop-qual-link"
                >
                  {t('console.shops.qualLink')}
                </Link>
                {pendingForShop > 0 && (
                  <Badge status="processing" text={t('console.shops.qualPending', { n: pendingForShop })} />
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>

          <Card size="small" title={t('console.shops.actions')} data-testid="shop-actions">
            {acts.allowed.length === 0 && acts.hidden.length === 0 ? (
              <Typography.Text type="secondary">{t('console.shops.noActions')}</Typography.Text>
            ) : acts.allowed.length === 0 ? (
              <Typography.Text type="secondary" data-testid="shop-actions-readonly">
                {t('console.shops.readOnly')}
              </Typography.Text>
            ) : (
              <Space wrap>
                {acts.allowed.map((a) => {
                  const blocked = a === 'lift_restriction' && acts.liftBlocked;
                  const button = (
                    <Button
                      key={a}
                      danger={DANGER_ACTIONS.includes(a)}
                      type={a === 'reinstate' || a === 'lift_restriction' ? 'primary' : 'default'}
                      disabled={blocked}
                      onClick={() => setAction(a)}
                      data-testid={ACTION_TEST_ID[a]}
                    >
                      {a === 'restrict' && shop.status === 'restricted'
                        ? t('console.shops.action.restrictAgain')
                        : label('console.shops.action', a)}
                    </Button>
                  );
                  return blocked ? (
                    <Tooltip key={a} title={t('console.shops.liftOnlyReverification')}>
                      {button}
                    </Tooltip>
                  ) : (
                    button
                  );
                })}
              </Space>
            )}
            {acts.hidden.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('console.shops.roleHint')}
                </Typography.Text>
              </div>
            )}
          </Card>

          <Card
            size="small"
            title={t('console.shops.restriction')}
            extra={
              shop.restriction?.effects.length ? <EffectTags effects={shop.restriction.effects} /> : undefined
            }
          >
            <ShopRestriction shop={shop} />
          </Card>

          {shop.closeRequest && (
            <Card size="small" title={t('console.shops.close')}>
              <ShopCloseRequest shop={shop} />
            </Card>
          )}

          <Card size="small" title={t('console.shops.events')}>
            <ShopEvents events={details.data?.events ?? []} />
          </Card>
          <ShopActionModal shop={shop} action={action} onClose={() => setAction(null)} />
        </Space>
      ) : null}
    </Drawer>
  );
}
