import { TeamOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { navigate } from '../../router/use-route';
import { currentShop, useShops } from '../shop/use-shop';
import { useStaffI18n } from './use-staff-i18n';

/** On the merchant's home: once there is a shop, the way to its staff sub-accounts. */
export function StaffHomeEntry() {
  const { st } = useStaffI18n();
  const shops = useShops();
  const shop = currentShop(shops.data?.shops);
  if (!shop || shop.status === 'closed') return null;
  return (
    <Button icon={<TeamOutlined />} onClick={() => navigate('/shop/staff')} block data-testid="to-staff">
      {st('staffEntry.go')}
    </Button>
  );
}
