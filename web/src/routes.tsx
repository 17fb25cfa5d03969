import { RequireAuth } from './components/require-auth';
import { HomePage } from './pages/home/home-page';
import { LoginPage } from './pages/login/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrdersPage } from './pages/orders/orders-page';
import { OwnershipRoutes } from './pages/ownership/ownership-routes';
import { RegisterPage } from './pages/register/register-page';
import { RegisterEmailPage } from './pages/register-email/register-email-page';
import { SecurityPage } from './pages/security/security-page';
import { ShopRoutes } from './pages/shop/shop-routes';
import { StaffPage } from './pages/staff/staff-page';
import { VerificationRoutes } from './pages/verification/verification-routes';
import { VerifyEmailPage } from './pages/verify-email/verify-email-page';
import { useRoute } from './router/use-route';

/** The portal's routes. The operations console (web/src/console) mounts under /console in app.tsx. */
export function Routes() {
  const { path } = useRoute();
  if (path === '/verification' || path.startsWith('/verification/')) return <VerificationRoutes />;
  // Staff sub-accounts (SPEC §8) before the shop branch, which would otherwise take /shop/staff.
  if (path === '/shop/staff')
    return (
      <RequireAuth allowSubAccount>
        <StaffPage />
      </RequireAuth>
    );
  // The order mirror (docs/orders.md): the owner and sub-accounts holding orders.view.
  if (path === '/shop/orders')
    return (
      <RequireAuth allowSubAccount>
        <OrdersPage />
      </RequireAuth>
    );
  // The main-account change (docs/ownership.md), owners only, before the shop branch.
  if (path === '/shop/owner' || path === '/shop/owner/checklist' || path === '/transfers')
    return <OwnershipRoutes />;
  // RequireAuth is inside ShopRoutes: its activation-link page (/shop-activation) needs no session.
  if (path === '/shop' || path.startsWith('/shop/') || path === '/shop-activation') return <ShopRoutes />;
  switch (path) {
    case '/':
      return (
        <RequireAuth allowSubAccount>
          <HomePage />
        </RequireAuth>
      );
    case '/security':
      return (
        <RequireAuth>
          <SecurityPage />
        </RequireAuth>
      );
    case '/login':
      return <LoginPage />;
    case '/register':
      return <RegisterPage />;
    case '/register/email':
      return <RegisterEmailPage />;
    case '/verify-email':
      return <VerifyEmailPage />;
    default:
      return <NotFoundPage />;
  }
}
