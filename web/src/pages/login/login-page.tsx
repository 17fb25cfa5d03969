import { Alert, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { PageCard } from '../../components/page-card';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';
import { useRoute } from '../../router/use-route';
import { useStaffI18n } from '../staff/use-staff-i18n';
import { ForgotPasswordModal } from './forgot-password-modal';
import { MfaStep } from './mfa-step';
import { OidcButton } from './oidc-button';
import { PasswordLoginForm } from './password-login-form';
import { SmsLoginForm } from './sms-login-form';
import { StaffLoginForm } from './staff-login-form';
import { type MfaChallenge, useSignInResult } from './use-sign-in-result';

/**
 * /login: password, SMS code or staff sub-account, then the TOTP step when two-factor is on.
 * /login?shop=<id> (the staff sign-in link) opens the staff tab with the shop filled in.
 */
export function LoginPage() {
  const { t } = useI18n();
  const { st } = useStaffI18n();
  const { query } = useRoute();
  const staffShop = query.get('shop') ?? '';
  const [tab, setTab] = useState(staffShop ? 'staff' : 'password');
  const [forgot, setForgot] = useState(false);
  // The OIDC callback lands here with ?challenge=… (two-factor still needed) or ?oidc=failed.
  const [mfa, setMfa] = useState<MfaChallenge | null>(() => {
    const challengeId = query.get('challenge');
    return challengeId ? { challengeId, methods: ['totp', 'recovery_code'] } : null;
  });
  const oidcFailed = query.get('oidc') === 'failed';
  const onResult = useSignInResult(setMfa);
  return (
    <PageCard
      title={mfa ? t('mfa.title') : t('login.title')}
      testId="login-page"
      extra={
        !mfa && (
          <>
            <Typography.Text type="secondary">{t('login.noAccount')}</Typography.Text>{' '}
            <Link to="/register" data-testid="to-register">
              {t('login.register')}
            </Link>
            <span className="kd-sep">·</span>
            <Link to="/register/email">{t('register.withEmail')}</Link>
          </>
        )
      }
    >
      {mfa ? (
        <MfaStep challenge={mfa} onResult={onResult} onRestart={() => setMfa(null)} />
      ) : (
        <>
          {oidcFailed && (
            <Alert type="warning" showIcon title={t('login.oidcFailed')} style={{ marginBottom: 8 }} />
          )}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            centered
            destroyOnHidden
            items={[
              {
                key: 'password',
                label: <span data-testid="tab-password">{t('login.tab.password')}</span>,
                children: <PasswordLoginForm onResult={onResult} onForgot={() => setForgot(true)} />,
              },
              {
                key: 'sms',
                label: <span data-testid="tab-sms">{t('login.tab.sms')}</span>,
                children: <SmsLoginForm onResult={onResult} />,
              },
              {
                key: 'staff',
                label: <span data-testid="tab-staff">{st('staffLogin.tab')}</span>,
                children: <StaffLoginForm onResult={onResult} initialShop={staffShop} />,
              },
            ]}
          />
          <OidcButton />
          <ForgotPasswordModal
            open={forgot}
            onClose={() => setForgot(false)}
            onUseSms={() => {
              setForgot(false);
              setTab('sms');
            }}
          />
        </>
      )}
    </PageCard>
  );
}
