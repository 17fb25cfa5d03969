import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { LanguageSwitch } from '../components/language-switch';
import { ProblemAlert } from '../components/problem-alert';
import { useCooldown } from '../hooks/use-cooldown';
import { navigate, useRoute } from '../router/use-route';
import { getMe, signIn } from './api';
import { useConsoleI18n } from './use-console-i18n';

/** Operator sign-in. Failures show the server's problem; login_throttled holds the button. */
export function ConsoleLoginPage({ merchantSignedIn }: { merchantSignedIn: boolean }) {
  const { t } = useConsoleI18n();
  const { query } = useRoute();
  const qc = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const wait = useCooldown();

  const submit = async () => {
    if (!login.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
      const me = await getMe();
      qc.setQueryData(['console', 'me'], me);
      const next = query.get('next');
      navigate(
        next?.startsWith('/console/') && !next.startsWith('/console/login') ? next : '/console/queue',
        {
          replace: true,
        },
      );
    } catch (e) {
      if (isApiError(e) && typeof e.problem.retryAfterSeconds === 'number')
        wait.start(e.problem.retryAfterSeconds);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const throttled = isApiError(error, 'login_throttled') || isApiError(error, 'rate_limited');
  return (
    <div className="kd-console-login" data-testid="console-login">
      <div className="kd-console-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="kd-console-login-card">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          <SafetyCertificateOutlined style={{ color: '#1677ff', marginInlineEnd: 8 }} />
          {t('console.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('console.login.subtitle')}</Typography.Paragraph>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('console.login.title')}
        </Typography.Title>
        {merchantSignedIn && (
          <Alert type="info" showIcon title={t('console.login.notOperator')} style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('console.login.login')}>
            <Input
              prefix={<UserOutlined />}
              value={login}
              onChange={(e) => {
                setLogin(e.target.value);
                // Throttling counts per login (and address): another login starts afresh.
                if (wait.left > 0) {
                  wait.start(0);
                  setError(null);
                }
              }}
              autoComplete="username"
              size="large"
              autoFocus
              data-testid="console-login-name"
            />
          </Form.Item>
          <Form.Item label={t('console.login.password')}>
            <Input.Password
              prefix={<LockOutlined />}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              size="large"
              data-testid="console-login-password"
            />
          </Form.Item>
          {throttled ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              data-code={isApiError(error) ? error.code : undefined}
              title={t('console.login.throttled', {
                n: wait.left || (isApiError(error) ? Number(error.problem.retryAfterSeconds ?? 60) : 60),
              })}
              style={{ marginBottom: 16 }}
            />
          ) : (
            <ProblemAlert error={error} />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            disabled={!login.trim() || !password || wait.left > 0}
            data-testid="console-login-submit"
          >
            {wait.left > 0 ? t('console.login.wait', { n: wait.left }) : t('console.login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
