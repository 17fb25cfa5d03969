import { Alert, Button } from 'antd';
import type { Verification } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { navigate } from '../../../router/use-route';
import { EDITABLE, needsLiveness } from '../use-verification';
import { WizardShell } from '../wizard-shell';
import { SlotCard } from './slot-card';
import { missingOf, slotsOf } from './slots';

/** Step 3: every required document, each with preview, quality hints, replace and delete. */
export function DocumentsPage({ verification: v }: { verification: Verification }) {
  const { t, lang } = useI18n();
  const editable = EDITABLE.includes(v.status);
  const missing = missingOf(v);
  const base = `/verification/${encodeURIComponent(v.id)}`;
  const next = needsLiveness(v) ? `${base}/liveness` : `${base}/submit`;
  const slotNames = missing
    .map((s) => t(`verification.slot.${s}` as MessageKey))
    .join(lang === 'en' ? ', ' : '、');
  return (
    <WizardShell
      kind={v.kind}
      step="documents"
      title={t('verification.docs.title')}
      subtitle={t('verification.docs.intro')}
      testId="verification-documents"
    >
      {!editable && (
        <Alert type="info" showIcon title={t('verification.docs.locked')} style={{ marginBottom: 12 }} />
      )}
      <div className="kd-verify-slots">
        {slotsOf(v).map((slot) => (
          <SlotCard
            key={slot}
            verification={v}
            slot={slot}
            doc={v.documents?.find((d) => d.slot === slot)}
            editable={editable}
          />
        ))}
      </div>
      <Alert
        type={missing.length ? 'warning' : 'success'}
        showIcon
        title={
          missing.length ? t('verification.docs.missing', { slots: slotNames }) : t('verification.docs.done')
        }
        data-testid="documents-summary"
      />
      <div className="kd-verify-actions">
        <Button
          type="primary"
          size="large"
          disabled={missing.length > 0}
          onClick={() => navigate(editable ? next : base)}
          data-testid="verification-documents-next"
        >
          {t('verification.docs.next')}
        </Button>
        {v.status === 'draft' ? null : (
          <Button size="large" onClick={() => navigate(base)}>
            {t('common.back')}
          </Button>
        )}
      </div>
    </WizardShell>
  );
}
