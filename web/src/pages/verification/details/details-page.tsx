import { Alert, Button, Checkbox, Form } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { createVerification, type VerificationKind } from '../../../api/verification';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { Link } from '../../../router/link';
import { navigate, useRoute } from '../../../router/use-route';
import { SlaNote } from '../sla-note';
import { useStoreVerification } from '../use-verification';
import { checkAnyIdNumber, checkIdNumber, checkUscc, checkValidUntil } from '../validators';
import { WizardShell } from '../wizard-shell';
import { CategorySwitches } from './category-switches';
import {
  type Details,
  type DetailsField,
  emptyDetails,
  enterpriseInput,
  fieldOfError,
  personalInput,
} from './details-state';
import { EnterpriseFields } from './enterprise-fields';
import { PersonalFields } from './personal-fields';

/** Step 2: the details, checked as they are typed; Next creates the case (nothing is stored before). */
export function DetailsPage() {
  const { t } = useI18n();
  const { query } = useRoute();
  const kind: VerificationKind = query.get('kind') === 'enterprise' ? 'enterprise' : 'personal';
  const crossBorder = query.get('crossBorder') === '1';
  const store = useStoreVerification();
  const [d, setD] = useState<Details>(emptyDetails);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: DetailsField | null; e: unknown } | null>(null);
  const patch = (p: Partial<Details>) => {
    setD((old) => ({ ...old, ...p }));
    // A server answer about a field holds until that field changes.
    if (error?.field && error.field in p) setError(null);
  };
  const serverError = (f: DetailsField) =>
    error?.field === f && isApiError(error.e) ? error.e.problem.title : null;

  const ready = kind === 'personal' ? personalReady(d) : enterpriseReady(d);
  const submit = async () => {
    if (!ready || !consent) return;
    setBusy(true);
    setError(null);
    try {
      const body = kind === 'personal' ? personalInput(d, crossBorder) : enterpriseInput(d, crossBorder);
      const { verification } = await createVerification(body);
      store(verification);
      navigate(`/verification/${encodeURIComponent(verification.id)}/documents`);
    } catch (e) {
      setError({ field: fieldOfError(e, kind), e });
    } finally {
      setBusy(false);
    }
  };

  return (
    <WizardShell
      kind={kind}
      step="details"
      title={t('verification.details.title')}
      subtitle={
        kind === 'personal' ? t('verification.details.personal') : t('verification.details.enterprise')
      }
      testId="verification-details"
    >
      <Form layout="vertical" requiredMark={false} onFinish={submit}>
        {kind === 'personal' ? (
          <PersonalFields d={d} patch={patch} serverError={serverError} />
        ) : (
          <EnterpriseFields d={d} patch={patch} serverError={serverError} />
        )}
        <CategorySwitches kind={kind} d={d} patch={patch} />
        <div className="kd-verify-consent">
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('verification.details.consentTitle')}</div>
          <Checkbox
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            data-testid="verification-consent"
          >
            <span style={{ fontSize: 13 }}>{t('verification.details.consent')}</span>
          </Checkbox>
        </div>
        {error && !error.field && (
          <ProblemAlert
            error={error.e}
            extra={
              isApiError(error.e, 'verification_in_progress') && (
                <Link to="/verification">{t('verification.home.view')}</Link>
              )
            }
          />
        )}
        <Alert type="info" showIcon title={<SlaNote kind={kind} crossBorder={crossBorder} />} />
        <div className="kd-verify-actions">
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={busy}
            disabled={!ready || !consent}
            data-testid="verification-details-next"
          >
            {t('verification.details.next')}
          </Button>
          <Button
            size="large"
            onClick={() => navigate(`/verification/start?kind=${kind}&crossBorder=${crossBorder ? 1 : 0}`)}
          >
            {t('common.back')}
          </Button>
        </div>
      </Form>
    </WizardShell>
  );
}

const good = (c: { state: string }) => c.state === 'ok' || c.state === 'server';

function personalReady(d: Details): boolean {
  return (
    d.name.trim().length > 0 &&
    good(checkIdNumber(d.idNumber, d.idType, d.idRegion)) &&
    good(checkValidUntil(d.validUntil))
  );
}

function enterpriseReady(d: Details): boolean {
  return (
    d.companyName.trim().length > 0 &&
    d.repName.trim().length > 0 &&
    good(checkUscc(d.uscc)) &&
    good(checkAnyIdNumber(d.repIdNumber)) &&
    good(checkValidUntil(d.validUntil))
  );
}
