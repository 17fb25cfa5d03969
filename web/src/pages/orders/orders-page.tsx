import { LeftOutlined, ShoppingOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { getOrderSummary, listOrders, ORDER_STATUSES, type OrderStatus } from '../../api/orders';
import { subAccountOf } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { currentShop, useShops } from '../shop/use-shop';
import { ForbiddenPage } from '../staff/forbidden-page';
import { OrderCards, OrderTable } from './order-list';
import { useOrdersI18n } from './use-orders-i18n';
import './orders.css';

type Tab = 'all' | OrderStatus;

/**
 * /shop/orders: the shop's order summaries mirrored from the marketplace (docs/orders.md), read
 * only. The owner sees its one open shop; a sub-account its own shop when it holds orders.view.
 */
export function OrdersPage() {
  const me = useMe().data;
  const sub = subAccountOf(me);
  if (me?.type === 'sub_account') {
    if (!sub?.permissions.includes('orders.view')) return <ForbiddenPage />;
    return <OrdersView shopId={sub.shopId} />;
  }
  return <OwnerOrdersPage />;
}

function OwnerOrdersPage() {
  const { ot } = useOrdersI18n();
  const shops = useShops();
  if (shops.isPending) return <Loading />;
  if (shops.error) {
    if (isApiError(shops.error, 'forbidden')) return <ForbiddenPage />;
    return <Result status="warning" extra={<ProblemAlert error={shops.error} />} />;
  }
  const shop = currentShop(shops.data.shops);
  if (!shop) {
    return (
      <Result
        status="info"
        icon={<ShoppingOutlined />}
        title={ot('orders.noShop.title')}
        subTitle={ot('orders.noShop.body')}
        data-testid="orders-no-shop"
        extra={
          <Button type="primary" onClick={() => navigate('/shop/open')}>
            {ot('orders.noShop.go')}
          </Button>
        }
      />
    );
  }
  return <OrdersView shopId={shop.id} />;
}

function Loading() {
  return (
    <div style={{ textAlign: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

const PAGE = 20;

function OrdersView({ shopId }: { shopId: string }) {
  const { ot } = useOrdersI18n();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const isSub = useMe().data?.type === 'sub_account';
  const [tab, setTab] = useState<Tab>('all');
  const status = tab === 'all' ? undefined : tab;
  const summary = useQuery({
    queryKey: ['orders-summary', shopId],
    queryFn: () => getOrderSummary(shopId),
    retry: false,
  });
  const list = useInfiniteQuery({
    queryKey: ['orders', shopId, tab],
    queryFn: ({ pageParam }) => listOrders(shopId, { status, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });

  const error = list.error ?? summary.error;
  if (isApiError(error, 'forbidden')) return <ForbiddenPage />;
  if (isApiError(error, 'not_found')) return <Result status="404" title={ot('orders.notFound')} />;
  if (error) return <Result status="warning" extra={<ProblemAlert error={error} />} />;

  const orders = list.data?.pages.flatMap((p) => p.orders) ?? [];
  const logisticsVisible = list.data?.pages[0]?.logisticsVisible ?? true;
  const count = (s: Tab) => (s === 'all' ? summary.data?.total : summary.data?.counts[s]);
  const tabs: Tab[] = ['all', ...ORDER_STATUSES];
  const label = (s: Tab) => {
    const n = count(s);
    return `${s === 'all' ? ot('orders.tab.all') : ot(`orders.status.${s}`)}${n ? ` (${n})` : ''}`;
  };
  const back = isSub ? { to: '/', label: t('nav.home') } : { to: '/shop', label: ot('orders.back') };

  return (
    <div className="kd-orders" data-testid="orders-page" data-shop-id={shopId}>
      <Link to={back.to} className="kd-orders-back">
        <LeftOutlined /> {back.label}
      </Link>
      <Card className="kd-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          <ShoppingOutlined style={{ marginInlineEnd: 8, color: '#1677ff' }} />
          {ot('orders.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
          {ot('orders.subtitle')}
        </Typography.Paragraph>
        {!logisticsVisible && (
          <Alert
            type="info"
            showIcon
            title={ot('orders.logisticsHidden')}
            style={{ marginBottom: 8 }}
            data-testid="orders-logistics-hidden"
          />
        )}
        {isMobile ? (
          <div className="kd-orders-chips">
            {tabs.map((s) => (
              <Tag.CheckableTag
                key={s}
                checked={tab === s}
                onChange={() => setTab(s)}
                data-testid={`orders-tab-${s}`}
              >
                {label(s)}
              </Tag.CheckableTag>
            ))}
          </div>
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            items={tabs.map((s) => ({
              key: s,
              label: <span data-testid={`orders-tab-${s}`}>{label(s)}</span>,
            }))}
          />
        )}
        {list.isPending ? (
          <Loading />
        ) : orders.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={ot('orders.empty')}
            data-testid="orders-empty"
          />
        ) : isMobile ? (
          <OrderCards orders={orders} logisticsVisible={logisticsVisible} />
        ) : (
          <OrderTable orders={orders} logisticsVisible={logisticsVisible} />
        )}
        {list.hasNextPage && (
          <Button
            block
            style={{ marginTop: 12 }}
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="orders-load-more"
          >
            {ot('orders.loadMore')}
          </Button>
        )}
      </Card>
    </div>
  );
}
