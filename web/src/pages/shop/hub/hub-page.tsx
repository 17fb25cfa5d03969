import { ShopOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import type { Shop } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { ShopStatusTag } from '../status-tag';
import { ONBOARDING } from '../use-shop';
import { ManagementHome } from './management-home';
import { OnboardingSteps } from './onboarding-steps';
import { StatusExplain } from './status-explain';

/** /shop: the onboarding steps until the shop is active, then the management home (ACT-4). */
export function ShopHubPage() {
  return <ShopLoader>{(shop) => <Hub shop={shop} />}</ShopLoader>;
}

function Hub({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const title = (
    <span data-testid="shop-name">
      <ShopOutlined style={{ marginRight: 8, color: '#1677ff' }} />
      {shop.name}
    </span>
  );
  if (shop.status === 'closed') {
    return (
      <ShopShell
        title={title}
        testId="shop-hub"
        back={{ to: '/', label: t('nav.home') }}
        extra={<ShopStatusTag status={shop.status} />}
      >
        <StatusExplain shop={shop} />
        <Result
          status="info"
          title={t('shop.hub.closedTitle')}
          extra={
            <Button type="primary" onClick={() => navigate('/shop/open')} data-testid="to-shop-open">
              {t('shop.hub.openAnother')}
            </Button>
          }
        />
      </ShopShell>
    );
  }
  const onboarding = ONBOARDING.includes(shop.status);
  return (
    <ShopShell
      title={title}
      testId="shop-hub"
      wide
      back={{ to: '/', label: t('nav.home') }}
      extra={<ShopStatusTag status={shop.status} />}
    >
      <StatusExplain shop={shop} />
      {onboarding ? <OnboardingSteps shop={shop} /> : <ManagementHome shop={shop} />}
    </ShopShell>
  );
}
