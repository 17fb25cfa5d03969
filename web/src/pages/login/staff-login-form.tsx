import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { signInSubAccount } from '../../api/staff';
import type { SignIn } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useCooldown } from '../../hooks/use-cooldown';
import { useI18n } from '../../i18n/i18n-context';
import { useStaffI18n } from '../staff/use-staff-i18n';

/**
 * Sub-account sign-in (LOGIN-1, SUB-3): shop id + sub-account name + password. Unknown shop, name
 * or password give the same invalid_credentials; login_throttled holds the button for the wait.
 */
export function StaffLoginForm({
  onResult,
  initialShop = '',
}: {
  onResult: (r: SignIn) => Promise<void>;
  initialShop?: string;
}) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const [shopId, setShopId] = useState(initialShop);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCooldown();
  const ready = shopId.trim().length > 0 && name.trim().length > 0 && password.length > 0;
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await onResult(
        await signInSubAccount({ shopId: shopId.trim(), subAccountName: name.trim(), password }),
      );
    } catch (e) {
      if (isApiError(e) && typeof e.problem.retryAfterSeconds === 'number')
        wait.start(e.problem.retryAfterSeconds);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="staff-login-form">
      <Form.Item label={st('staffLogin.shop')} extra={st('staffLogin.shop.hint')}>
        <Input
          value={shopId}
          onChange={(e) => setShopId(e.target.value)}
          placeholder={st('staffLogin.shop.placeholder')}
          autoComplete="organization"
          autoCapitalize="off"
          spellCheck={false}
          size="large"
          data-testid="staff-login-shop"
        />
      </Form.Item>
      <Form.Item label={st('staffLogin.name')}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={st('staffLogin.name.placeholder')}
          autoComplete="username"
          autoCapitalize="off"
          size="large"
          data-testid="staff-login-name"
        />
      </Form.Item>
      <Form.Item label={st('staffLogin.password')}>
        <Input.Password
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          size="large"
          data-testid="staff-login-password"
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
        disabled={!ready || wait.left > 0}
        data-testid="staff-login-submit"
      >
        {wait.left > 0 ? t('login.throttledWait', { n: wait.left }) : st('staffLogin.submit')}
      </Button>
    </Form>
  );
}
