import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { signIn } from '../../api/accounts';
import { isApiError } from '../../api/client';
import type { SignIn } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useCooldown } from '../../hooks/use-cooldown';
import { useI18n } from '../../i18n/i18n-context';

/** Phone-or-email + password (LOGIN-1). login_throttled holds the button for the server's wait. */
export function PasswordLoginForm({
  onResult,
  onForgot,
}: {
  onResult: (r: SignIn) => Promise<void>;
  onForgot: () => void;
}) {
  const { t } = useI18n();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCooldown();
  const submit = async () => {
    const a = account.trim();
    if (!a || !password) return;
    setBusy(true);
    setError(null);
    try {
      await onResult(await signIn(a.includes('@') ? { email: a, password } : { phone: a, password }));
    } catch (e) {
      if (isApiError(e) && typeof e.problem.retryAfterSeconds === 'number')
        wait.start(e.problem.retryAfterSeconds);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item label={t('field.account')}>
        <Input
          value={account}
          onChange={(e) => setAccount(e.target.value)}
          placeholder={t('field.account.placeholder')}
          autoComplete="username"
          size="large"
          data-testid="login-account"
        />
      </Form.Item>
      <Form.Item
        label={t('field.password')}
        extra={
          <Typography.Link onClick={onForgot} data-testid="forgot">
            {t('login.forgot')}
          </Typography.Link>
        }
      >
        <Input.Password
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          size="large"
          data-testid="login-password"
        />
      </Form.Item>
      <ProblemAlert
        error={error}
        extra={wait.left > 0 ? t('login.throttledWait', { n: wait.left }) : undefined}
      />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        disabled={!account.trim() || !password || wait.left > 0}
        data-testid="login-submit"
      >
        {wait.left > 0 ? t('login.throttledWait', { n: wait.left }) : t('login.submit')}
      </Button>
    </Form>
  );
}
