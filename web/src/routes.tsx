import { RequireAuth } from './components/require-auth';
import { HomePage } from './pages/home/home-page';
import { LoginPage } from './pages/login/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { RegisterPage } from './pages/register/register-page';
import { RegisterEmailPage } from './pages/register-email/register-email-page';
import { SecurityPage } from './pages/security/security-page';
import { VerificationRoutes } from './pages/verification/verification-routes';
import { VerifyEmailPage } from './pages/verify-email/verify-email-page';
import { useRoute } from './router/use-route';

/** The portal's routes. The operations console (web/src/console) mounts under /console in app.tsx. */
export function Routes() {
  const { path } = useRoute();
  if (path === '/verification' || path.startsWith('/verification/')) return <VerificationRoutes />;
  switch (path) {
    case '/':
      return (
        <RequireAuth>
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
