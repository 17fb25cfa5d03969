import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { requestSmsCode, signIn } from '../../api/accounts';
import { isApiError } from '../../api/client';
import type { SignIn } from '../../api/types';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { SmsCodeButton } from '../../components/sms-code-button';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useCooldown } from '../../hooks/use-cooldown';
import { formatPhone, useFormat } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';

/** Phone + SMS code (LOGIN-1); shows remaining attempts and the lock time (SMS-3). */
export function SmsLoginForm({ onResult }: { onResult: (r: SignIn) => Promise<void> }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);
  const cooldown = useCooldown();
  useOutboxTarget(phone.trim(), setCode, 'login');
  const submit = async () => {
    if (!phone.trim() || code.length !== 6) return;
    setBusy(true);
    setError(null);
    try {
      await onResult(await signIn({ phone: phone.trim(), smsCode: code }));
    } catch (e) {
      if (isApiError(e, 'sms_code_expired')) setCode('');
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const locked = isApiError(error, 'phone_locked') ? error.problem : null;
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item label={t('field.phone')}>
        <Input
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          placeholder={t('field.phone.placeholder')}
          inputMode="tel"
          autoComplete="tel"
          size="large"
          prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>+86</span>}
          data-testid="sms-login-phone"
        />
      </Form.Item>
      <Form.Item label={t('field.smsCode')} style={{ marginBottom: info ? 8 : undefined }}>
        <Space.Compact style={{ width: '100%' }}>
          <CodeInput
            value={code}
            onChange={setCode}
            placeholder={t('field.smsCode.placeholder')}
            testId="sms-login-code"
          />
          <SmsCodeButton
            cooldown={cooldown}
            disabled={!phone.trim()}
            send={() => requestSmsCode(phone.trim(), 'login')}
            onSent={() => {
              setError(null);
              setInfo(t('sms.sentTo', { phone: formatPhone(phone.trim()) }));
            }}
            onError={(e) => {
              setInfo('');
              setError(e);
            }}
          />
        </Space.Compact>
      </Form.Item>
      {info && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }} data-testid="sms-sent-info">
          {info}
        </Typography.Paragraph>
      )}
      <ProblemAlert
        error={error}
        extra={
          locked
            ? t('login.lockedUntil', {
                time: locked.unlockAt ? dateTime(locked.unlockAt) : String(locked.unlockTime ?? ''),
              })
            : undefined
        }
      />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        disabled={!phone.trim() || code.length !== 6}
        data-testid="sms-login-submit"
      >
        {t('login.submit')}
      </Button>
    </Form>
  );
}
