import type { VerificationKind } from '../../api/verification';
import { useI18n } from '../../i18n/i18n-context';

/** KYC-8: how long the review takes, for the kind of case. */
export function SlaNote({ kind, crossBorder }: { kind: VerificationKind; crossBorder: boolean }) {
  const { t } = useI18n();
  if (crossBorder) return <>{t('verification.sla.crossBorder')}</>;
  return <>{kind === 'enterprise' ? t('verification.sla.enterprise') : t('verification.sla.personal')}</>;
}
