import { ShopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';
import { currentCase, useVerifications } from '../verification/use-verification';
import { ShopStatusTag } from './status-tag';
import { currentShop, useShops } from './use-shop';

/** The home page's way to the shop: open one once verified, else continue or manage it. */
export function ShopHomeEntry() {
  const { t } = useI18n();
  const shops = useShops();
  const cases = useVerifications();
  const shop = currentShop(shops.data?.shops);
  const verified = currentCase(cases.data?.verifications)?.status === 'approved';
  const open = shop && shop.status !== 'closed' ? shop : undefined;
  if (!open && !verified) return null;
  return (
    <>
      <div style={{ margin: '8px 0' }} data-testid="home-shop-status" data-status={open?.status ?? 'none'}>
        <span style={{ marginRight: 8 }}>{open ? open.name : t('shop.home.noShop')}</span>
        {open && <ShopStatusTag status={open.status} />}
      </div>
      <Button
        type="primary"
        icon={<ShopOutlined />}
        block
        loading={shops.isPending}
        onClick={() => navigate(open ? '/shop' : '/shop/open')}
        data-testid={open ? 'to-shop' : 'to-shop-open'}
      >
        {open
          ? open.status === 'active'
            ? t('shop.home.manage')
            : t('shop.home.continue')
          : t('shop.home.open')}
      </Button>
    </>
  );
}
