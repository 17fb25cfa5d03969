import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { submitVerification, type Verification } from '../../api/verification';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import { navigate } from '../../router/use-route';
import { missingOf } from './documents/slots';
import { SlaNote } from './sla-note';
import { EDITABLE, useStoreVerification } from './use-verification';
import { WizardShell } from './wizard-shell';

/** Step 5: what is done and what is not; submitting answers with the outcome. */
export function SubmitPage({ verification: v }: { verification: Verification }) {
  const { t, lang } = useI18n();
  const sep = lang === 'en' ? ', ' : '、';
  const store = useStoreVerification();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = `/verification/${encodeURIComponent(v.id)}`;
  const missing = missingOf(v);
  const livenessTodo = v.kind === 'personal' && !!v.liveness?.required && !v.liveness.passed;
  const canSubmit = EDITABLE.includes(v.status) && missing.length === 0 && !livenessTodo;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await submitVerification(v.id);
      store(r.verification);
      navigate(base);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const missingNames = (
    isApiError(error, 'documents_missing') && Array.isArray(error.problem.missing)
      ? (error.problem.missing as string[])
      : missing
  ).map((s) => t(`verification.slot.${s}` as MessageKey));

  return (
    <WizardShell
      kind={v.kind}
      step="submit"
      title={t('verification.submit.title')}
      subtitle={t('verification.submit.intro')}
      testId="verification-submit"
    >
      <Row label={t('verification.submit.kind')}>
        <span>
          {v.kind === 'personal' ? t('verification.type.personal') : t('verification.type.enterprise')}
          {v.crossBorder && (
            <Tag color="geekblue" style={{ marginLeft: 8 }}>
              {t('verification.crossBorder')}
            </Tag>
          )}
        </span>
      </Row>
      <Row
        label={t('verification.submit.documents')}
        note={
          missing.length
            ? t('verification.docs.missing', {
                slots: missing.map((m) => t(`verification.slot.${m}` as MessageKey)).join(sep),
              })
            : undefined
        }
        done={missing.length === 0}
        fix={() => navigate(`${base}/documents`)}
        testId="submit-documents"
      />
      {v.kind === 'personal' && v.liveness?.required !== false && (
        <Row
          label={t('verification.submit.liveness')}
          done={!livenessTodo}
          fix={() => navigate(`${base}/liveness`)}
          testId="submit-liveness"
        />
      )}
      <Row label={t('verification.submit.sla')}>
        <span className="kd-muted">
          <SlaNote kind={v.kind} crossBorder={!!v.crossBorder} />
        </span>
      </Row>
      <div style={{ marginTop: 12 }}>
        <ProblemAlert
          error={error}
          extra={
            isApiError(error, 'documents_missing') &&
            t('verification.submit.missing', { slots: missingNames.join(sep) })
          }
        />
      </div>
      <div className="kd-verify-actions">
        <Button
          type="primary"
          size="large"
          loading={busy}
          disabled={!canSubmit}
          onClick={submit}
          data-testid="verification-submit-button"
        >
          {v.status === 'draft' ? t('verification.submit.button') : t('verification.submit.resubmit')}
        </Button>
        <Button
          size="large"
          onClick={() => navigate(v.kind === 'personal' ? `${base}/liveness` : `${base}/documents`)}
        >
          {t('common.back')}
        </Button>
      </div>
    </WizardShell>
  );
}

type RowProps = {
  label: string;
  note?: string;
  done?: boolean;
  fix?: () => void;
  testId?: string;
  children?: React.ReactNode;
};

function Row({ label, note, done, fix, testId, children }: RowProps) {
  const { t } = useI18n();
  return (
    <div className="kd-verify-check" data-testid={testId} data-done={done}>
      {done === undefined ? null : done ? (
        <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
      ) : (
        <ExclamationCircleFilled style={{ color: '#faad14', fontSize: 18 }} />
      )}
      <span className="kd-verify-check-label">
        {label}
        {note && <span className="kd-verify-check-missing">{note}</span>}
      </span>
      {children}
      {done === true && <span className="kd-muted">{t('verification.submit.ok')}</span>}
      {done === false && fix && (
        <Button size="small" type="link" onClick={fix}>
          {t('verification.submit.fix')}
        </Button>
      )}
    </div>
  );
}
