import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Skeleton, Tag } from 'antd';
import { listProducts, type Product, type Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { formatYuan } from '../money';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys } from '../use-shop';

/** /shop/products: the shop's products with price range and stock, newest first. */
export function ProductsPage() {
  return <ShopLoader>{(shop) => <Products shop={shop} />}</ShopLoader>;
}

function Products({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: shopKeys.products(shop.id),
    queryFn: () => listProducts(shop.id),
    retry: false,
  });
  const add = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => navigate('/shop/products/new')}
      data-testid="product-new"
    >
      {t('shop.products.new')}
    </Button>
  );
  return (
    <ShopShell title={t('shop.products.title')} testId="shop-products-page" extra={add}>
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!q.data && !q.error && <Skeleton active />}
      {q.data && q.data.products.length === 0 && (
        <Empty description={t('shop.products.empty')} data-testid="product-empty" />
      )}
      <div data-testid="product-list">
        {q.data?.products.map((p) => (
          <ProductRow key={p.id} product={p} />
        ))}
      </div>
    </ShopShell>
  );
}

function ProductRow({ product: p }: { product: Product }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const prices = p.skus.map((s) => s.priceFen);
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const stock = p.skus.reduce((a, s) => a + s.stock, 0);
  return (
    <div className="kd-shop-row" data-testid="product-row" data-id={p.id}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div className="kd-shop-item-title">{p.title}</div>
        <div className="kd-muted">
          {t('shop.products.skuCount', { n: p.skus.length })} · {t('shop.products.stock', { n: stock })} ·{' '}
          {dateTime(p.createdAt)}
        </div>
        {p.options.length > 0 && (
          <div className="kd-muted">
            {p.options.map((o) => `${o.name}: ${o.values.join('/')}`).join('；')}
          </div>
        )}
      </div>
      <div style={{ textAlign: 'right' }}>
        <div className="kd-shop-price">
          ¥{formatYuan(min)}
          {max !== min && ` – ${formatYuan(max)}`}
        </div>
        <Tag color={p.status === 'listed' ? 'green' : 'default'}>{t(`shop.products.status.${p.status}`)}</Tag>
      </div>
    </div>
  );
}
