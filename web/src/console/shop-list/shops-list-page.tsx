import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate, useRoute } from '../../router/use-route';
import { PageHead } from '../page-head';
import { listShops } from '../shop-api';
import { type AdminShop, SHOP_STATUSES, type ShopStatus } from '../shop-types';
import { formatDateTime } from '../time';
import { useCategoryName } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';
import { ShopDrawer } from './shop-drawer';
import { EffectTags } from './shop-restriction';
import { ShopStatusTag } from './shop-status-tag';

const BASE = '/console/shops';
const PAGE_SIZE = 20;

/**
 * Every shop, newest first (GET /v1/admin/shops): status filter and search in the URL, pages by
 * cursor, details and status actions in a drawer (?open=<id>).
 */
export function ShopsListPage() {
  const { t, lang, label } = useConsoleI18n();
  const categoryName = useCategoryName();
  const { query } = useRoute();
  const rawStatus = query.get('status') ?? '';
  const status = (SHOP_STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as ShopStatus)
    : undefined;
  const q = query.get('q')?.trim() ?? '';
  const openId = query.get('open');
  const legacyShop = query.get('shop');
  const [draft, setDraft] = useState(q);
  // cursors[i] fetches page i; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];

  // Older links (/console/shops?shop=…) meant the deposit page.
  useEffect(() => {
    if (legacyShop) navigate(`${BASE}/deposit?shop=${encodeURIComponent(legacyShop)}`, { replace: true });
  }, [legacyShop]);
  useEffect(() => setDraft(q), [q]);
  // A new filter starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on filter change only
  useEffect(() => setCursors([undefined]), [status, q]);

  const setQuery = (key: string, value: string | null) => {
    const next = new URLSearchParams(query);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    navigate(`${BASE}${s ? `?${s}` : ''}`, { replace: true });
  };

  const list = useQuery({
    queryKey: ['console', 'shops-list', status ?? 'all', q, cursor ?? ''],
    queryFn: () => listShops({ status, q, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.shops ?? [];
  const nextCursor = list.data?.nextCursor ?? null;

  const columns: ColumnsType<AdminShop> = [
    {
      title: t('console.shops.col.shop'),
      key: 'shop',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setQuery('open', s.id)} data-testid="shop-open-link">
            {s.name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.col.status'),
      key: 'status',
      width: 140,
      render: (_, s) => (
        <Space direction="vertical" size={2}>
          <ShopStatusTag status={s.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(s.statusChangedAt, lang)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.shops.col.restriction'),
      key: 'restriction',
      width: 200,
      render: (_, s) => {
        const r = s.restriction;
        if (!r) return '—';
        return (
          <Space direction="vertical" size={2}>
            {r.effects.length > 0 && <EffectTags effects={r.effects} />}
            {r.reasons.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.reasons.map((x) => label('console.shops.reason', x)).join('、')}
              </Typography.Text>
            )}
            {r.suspension && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('console.shops.suspension')}: {label('console.shops.reason', r.suspension.reason)}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('console.shops.col.category'),
      dataIndex: 'categoryId',
      width: 140,
      render: (v: string) => categoryName(v),
    },
    {
      title: t('console.shops.col.owner'),
      key: 'owner',
      width: 190,
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <span>{s.ownerPhone ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.merchantId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.shops.col.createdAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 76,
      render: (_, s) => (
        <Button size="small" onClick={() => setQuery('open', s.id)} data-testid="shop-row-open">
          {t('console.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="shops-list-page">
      <PageHead title={t('console.shops.title')} subtitle={t('console.shops.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size={24} wrap>
          <Space>
            <span>{t('console.filter.status')}</span>
            <Select<ShopStatus | 'all'>
              value={status ?? 'all'}
              style={{ width: 180 }}
              onChange={(v) => setQuery('status', v === 'all' ? null : v)}
              options={[
                { value: 'all', label: t('console.filter.all') },
                ...SHOP_STATUSES.map((s) => ({ value: s, label: label('console.shop.status', s) })),
              ]}
              data-testid="shops-filter-status"
            />
          </Space>
          <Input.Search
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => setQuery('q', v.trim() || null)}
            placeholder={t('console.shops.searchPlaceholder')}
            enterButton={t('console.shops.search')}
            allowClear
            style={{ width: 420 }}
            data-testid="shops-search"
          />
        </Space>
      </Card>
      <ProblemAlert error={list.error} />
      <Card
        size="small"
        title={
          <span data-testid="shops-page">
            {t('console.shops.page', { n: cursors.length, count: rows.length })}
          </span>
        }
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={list.isFetching}
            onClick={() => list.refetch()}
            data-testid="shops-refresh"
          >
            {t('console.refresh')}
          </Button>
        }
      >
        <Table<AdminShop>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
          pagination={false}
          locale={{ emptyText: status || q ? t('console.shops.emptyFiltered') : t('console.shops.empty') }}
          data-testid="shops-table"
          onRow={(s) =>
            ({ 'data-testid': `shop-row-${s.id}`, 'data-shop-id': s.id }) as HTMLAttributes<HTMLElement>
          }
        />
        <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 12 }}>
          <Button
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            data-testid="shops-prev"
          >
            {t('console.shops.prev')}
          </Button>
          <Button
            disabled={!nextCursor}
            onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
            data-testid="shops-next"
          >
            {t('console.shops.next')}
          </Button>
        </Space>
      </Card>
      <ShopDrawer id={openId} onClose={() => setQuery('open', null)} />
    </div>
  );
}
