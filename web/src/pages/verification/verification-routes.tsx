import { RequireAuth } from '../../components/require-auth';
import { useI18n } from '../../i18n/i18n-context';

/** The verification wizard, mounted under /verification. */
export function VerificationRoutes() {
  const { t } = useI18n();
  return (
    <RequireAuth>
      <h1>{t('verification.title')}</h1>
    </RequireAuth>
  );
}
