import { RequireAuth } from '../../components/require-auth';
import { useRoute } from '../../router/use-route';
import { NotFoundPage } from '../not-found-page';
import { ActivatePage } from './activate/activate-page';
import { LinkConfirmPage } from './activate/link-confirm-page';
import { DecorationPage } from './decoration/decoration-page';
import { DepositPage } from './deposit/deposit-page';
import { ShopHubPage } from './hub/hub-page';
import { OpenShopPage } from './open/open-page';
import { PayoutsPage } from './payouts/payouts-page';
import { NewProductPage } from './products/new-product-page';
import { ProductsPage } from './products/products-page';
import { QualificationsPage } from './qualifications/qualifications-page';
import { NewTicketPage } from './support/new-ticket-page';
import { SupportPage } from './support/support-page';
import { TicketPage } from './support/ticket-page';

/**
 * The merchant's shop, mounted under /shop (SPEC §5–§6):
 *   /shop                       → onboarding steps until active, then the management home (ACT-4)
 *   /shop/open                  → name + category, open the shop (SHOP-1/2)
 *   /shop/qualifications        → licences and their review (SHOP-3)
 *   /shop/deposit               → the deposit and paying it (DEP-1)
 *   /shop/decoration            → template, banner, publish, preview (SHOP-4)
 *   /shop/products, /new        → products and listing one (PROD-1)
 *   /shop/activate              → summary, send and confirm the code (ACT-1/2)
 *   /shop/activate/confirm?token=… and /shop-activation?token=… → the emailed/SMS link (no session needed)
 *   /shop/support, /new, /{id}  → tickets (ACT-3)
 *   /shop/payouts               → payout accounts (PAY-1)
 */
export function ShopRoutes() {
  const { path } = useRoute();
  // The activation link works without a session (it may be opened on another device).
  if (path === '/shop-activation' || path === '/shop/activate/confirm') return <LinkConfirmPage />;
  return (
    <RequireAuth>
      <Route path={path} />
    </RequireAuth>
  );
}

function Route({ path }: { path: string }) {
  const [first, second, third] = path.split('/').slice(2).map(decodeURIComponent);
  if (third !== undefined) return <NotFoundPage />;
  switch (first) {
    case undefined:
      return <ShopHubPage />;
    case 'open':
      return second ? <NotFoundPage /> : <OpenShopPage />;
    case 'qualifications':
      return <QualificationsPage />;
    case 'deposit':
      return <DepositPage />;
    case 'decoration':
      return <DecorationPage />;
    case 'products':
      if (second === 'new') return <NewProductPage />;
      return second ? <NotFoundPage /> : <ProductsPage />;
    case 'payouts':
      return second ? <NotFoundPage /> : <PayoutsPage />;
    case 'activate':
      return second ? <NotFoundPage /> : <ActivatePage />;
    case 'support':
      if (second === 'new') return <NewTicketPage />;
      return second ? <TicketPage id={second} /> : <SupportPage />;
    default:
      return <NotFoundPage />;
  }
}
