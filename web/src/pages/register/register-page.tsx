import { useQueryClient } from '@tanstack/react-query';
import { Steps, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { register } from '../../api/accounts';
import { isApiError } from '../../api/client';
import type { Agreement } from '../../api/types';
import { PageCard } from '../../components/page-card';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useCooldown } from '../../hooks/use-cooldown';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';
import { AgreementStep } from './agreement-step';
import { CodeStep } from './code-step';
import { DoneStep } from './done-step';
import { PasswordStep } from './password-step';
import { PhoneStep } from './phone-step';
import { initialRegisterState, type RegisterState, STEP, stepForError } from './register-state';

/** /register: phone → SMS code → password → agreement → done (REG-1, REG-2, PWD-1/2, AGR-1). */
export function RegisterPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [state, setState] = useState<RegisterState>(initialRegisterState);
  const [step, setStep] = useState<number>(STEP.phone);
  const [sentTo, setSentTo] = useState('');
  const [error, setError] = useState<{ step: number; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const cooldown = useCooldown();
  const patch = useCallback((p: Partial<RegisterState>) => setState((s) => ({ ...s, ...p })), []);
  const go = (s: number) => {
    setError(null);
    setStep(s);
  };
  const errorFor = (s: number) => (error?.step === s ? error.error : null);

  useOutboxTarget(
    state.phone || state.phoneInput.trim(),
    step === STEP.code ? (code) => patch({ smsCode: code }) : undefined,
    'register',
  );

  const submit = async (agreement: Agreement) => {
    setBusy(true);
    setError(null);
    try {
      await register({
        accountType: state.accountType,
        crossBorder: state.crossBorder,
        phone: state.phone,
        smsCode: state.smsCode,
        password: state.password,
        passwordConfirm: state.passwordConfirm,
        agreementVersion: agreement.version,
      });
      await qc.invalidateQueries({ queryKey: ['me'] });
      setStep(STEP.done);
    } catch (e) {
      if (isApiError(e, 'agreement_required')) await qc.invalidateQueries({ queryKey: ['agreement'] });
      const back = isApiError(e) ? stepForError(e.code) : null;
      if (isApiError(e, 'sms_code_expired')) patch({ smsCode: '' });
      setError({ step: back ?? STEP.agreement, error: e });
      if (back !== null) setStep(back);
    } finally {
      setBusy(false);
    }
  };

  const titles = [
    t('register.step.phone'),
    t('register.step.code'),
    t('register.step.password'),
    t('register.step.agreement'),
    t('register.step.done'),
  ];
  return (
    <PageCard
      title={t('register.title')}
      subtitle={t('register.subtitle')}
      testId="register-page"
      extra={
        step !== STEP.done && (
          <>
            <Typography.Text type="secondary">{t('register.haveAccount')}</Typography.Text>{' '}
            <Link to="/login" data-testid="to-login">
              {t('register.signIn')}
            </Link>
            <span className="kd-sep">·</span>
            <Link to="/register/email">{t('register.withEmail')}</Link>
          </>
        )
      }
    >
      <Steps
        current={step}
        status={step === STEP.done ? 'finish' : 'process'}
        size="small"
        responsive={false}
        titlePlacement="vertical"
        items={titles.map((title) => ({ title }))}
        className="kd-steps"
        data-testid="register-steps"
      />
      {step === STEP.phone && (
        <PhoneStep
          state={state}
          patch={patch}
          error={errorFor(STEP.phone)}
          canSkipSend={sentTo === state.phone && cooldown.left > 0}
          onSkip={() => go(STEP.code)}
          onSent={(r) => {
            cooldown.start('resendAfterSeconds' in r ? r.resendAfterSeconds : r.retryAfterSeconds);
            setSentTo(state.phone);
            go(STEP.code);
          }}
        />
      )}
      {step === STEP.code && (
        <CodeStep
          state={state}
          patch={patch}
          cooldown={cooldown}
          error={errorFor(STEP.code)}
          onBack={() => go(STEP.phone)}
          onNext={() => go(STEP.password)}
        />
      )}
      {step === STEP.password && (
        <PasswordStep
          state={state}
          patch={patch}
          error={errorFor(STEP.password)}
          onBack={() => go(STEP.code)}
          onNext={() => go(STEP.agreement)}
        />
      )}
      {step === STEP.agreement && (
        <AgreementStep
          state={state}
          patch={patch}
          error={errorFor(STEP.agreement)}
          busy={busy}
          onBack={() => go(STEP.password)}
          onSubmit={submit}
        />
      )}
      {step === STEP.done && <DoneStep />}
    </PageCard>
  );
}
