import { LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../../api/accounts';
import type { PasswordCheck } from '../../api/types';
import { PasswordFields } from '../../components/password-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';

/** Change (or first set) the password; sensitive, so it may ask for step-up. */
export function PasswordCard({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  const { run, busy, error } = useAction();
  const ready = Boolean(check?.ok) && password === confirm && (!hasPassword || current.length > 0);
  const submit = async () => {
    if (!ready) return;
    const r = await run(() =>
      changePassword({
        ...(hasPassword ? { currentPassword: current } : {}),
        password,
        passwordConfirm: confirm,
      }),
    );
    if (r) {
      message.success(t('security.password.changed'));
      setCurrent('');
      setPassword('');
      setConfirm('');
    }
  };
  return (
    <Card
      title={
        <>
          <LockOutlined /> {t('security.password')}
        </>
      }
      size="small"
      data-testid="password-card"
    >
      {!hasPassword && <Typography.Paragraph>{t('security.password.noPassword')}</Typography.Paragraph>}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        {hasPassword && (
          <Form.Item label={t('security.password.current')}>
            <Input.Password
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              autoComplete="current-password"
              size="large"
              data-testid="current-password"
            />
          </Form.Item>
        )}
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          onCheck={setCheck}
          label={t('security.password.new')}
        />
        <ProblemAlert error={error} />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={busy}
          disabled={!ready}
          data-testid="password-submit"
        >
          {hasPassword ? t('security.password.submit') : t('security.password.set')}
        </Button>
      </Form>
    </Card>
  );
}
