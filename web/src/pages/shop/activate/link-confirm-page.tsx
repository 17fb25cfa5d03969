import { Button, Card, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type ActivationResult, confirmActivationLink } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useMe } from '../../../hooks/use-me';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate, useRoute } from '../../../router/use-route';
import '../shop.css';
import { ActivatedResult } from './activate-page';

/**
 * /shop-activation?token=… — the link sent by SMS and email (ACT-2). The token is the proof, so no
 * session is needed (the link may open on another device); it is confirmed once on arrival.
 */
export function LinkConfirmPage() {
  const { t } = useI18n();
  const { query } = useRoute();
  const token = query.get('token') ?? '';
  const me = useMe();
  const signedIn = me.isSuccess;
  const [result, setResult] = useState<ActivationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef('');
  useEffect(() => {
    if (!token || started.current === token) return;
    started.current = token;
    confirmActivationLink(token).then(setResult, setError);
  }, [token]);

  const expired =
    isApiError(error, 'activation_code_expired') || isApiError(error, 'activation_token_invalid');
  return (
    <div className="kd-shop" data-testid="shop-activation-link-page">
      <Card className="kd-card">
        {!token ? (
          <Result status="warning" title={t('shop.link.noToken')} />
        ) : result ? (
          <ActivatedResult already={result.alreadyActive} signedIn={signedIn} />
        ) : error ? (
          <Result
            status="warning"
            title={expired ? t('shop.link.expired') : t('shop.link.failed')}
            subTitle={t('shop.link.resend')}
            data-testid="activation-link-error"
            extra={[
              <ProblemAlert key="p" error={error} />,
              <Button
                key="go"
                type="primary"
                onClick={() => navigate(signedIn ? '/shop/activate' : '/login')}
              >
                {signedIn ? t('shop.act.title') : t('nav.signIn')}
              </Button>,
            ]}
          />
        ) : (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin size="large" description={t('shop.link.checking')} />
          </div>
        )}
      </Card>
    </div>
  );
}
