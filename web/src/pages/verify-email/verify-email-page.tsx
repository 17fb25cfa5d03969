import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { verifyEmail } from '../../api/accounts';
import type { EmailVerification } from '../../api/types';
import { PageCard } from '../../components/page-card';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import { navigate, useRoute } from '../../router/use-route';

// Tokens are single use: one request per token even when React mounts the page twice.
const inflight = new Map<string, Promise<EmailVerification>>();
function verifyOnce(token: string) {
  let p = inflight.get(token);
  if (!p) {
    p = verifyEmail(token);
    inflight.set(token, p);
  }
  return p;
}

/** /verify-email?token=…: the link from an email — binds an email, or activates an email registration. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const token = useRoute().query.get('token') ?? '';
  const [result, setResult] = useState<EmailVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyOnce(token).then(
      async (r) => {
        if (!live) return;
        setResult(r);
        await qc.resetQueries({ queryKey: ['me'] });
        if (r.purpose === 'activate' && r.session)
          window.setTimeout(() => navigate('/', { replace: true }), 1500);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [token, qc]);

  let body: ReactNode;
  if (!token) body = <Result status="warning" title={t('verify.failed')} subTitle={t('verify.missing')} />;
  else if (error)
    body = <Result status="error" title={t('verify.failed')} extra={<ProblemAlert error={error} />} />;
  else if (!result)
    body = (
      <div style={{ textAlign: 'center', padding: 32 }}>
        <Spin /> {t('verify.working')}
      </div>
    );
  else if (result.purpose === 'bind')
    body = (
      <Result
        status="success"
        title={t('verify.bindDone')}
        subTitle={t('verify.bindBody')}
        extra={
          <Button type="primary" onClick={() => navigate('/security')}>
            {t('verify.toSecurity')}
          </Button>
        }
      />
    );
  else
    body = (
      <Result
        status="success"
        title={t('verify.activateDone')}
        subTitle={result.session ? t('verify.activateBody') : t('verify.activateSignIn')}
        extra={
          <Button type="primary" onClick={() => navigate(result.session ? '/' : '/login')}>
            {result.session ? t('register.goHome') : t('nav.signIn')}
          </Button>
        }
      />
    );
  return (
    <PageCard title={t('verify.title')} testId="verify-email-page">
      {body}
    </PageCard>
  );
}
