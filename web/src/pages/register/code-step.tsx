import { Alert, Button, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { requestSmsCode } from '../../api/accounts';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { SmsCodeButton } from '../../components/sms-code-button';
import type { Cooldown } from '../../hooks/use-cooldown';
import { formatPhone } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';
import type { RegisterState } from './register-state';

type Props = {
  state: RegisterState;
  patch: (p: Partial<RegisterState>) => void;
  cooldown: Cooldown;
  error: unknown;
  onBack: () => void;
  onNext: () => void;
};

/** Step 2: the 6-digit SMS code, with the resend countdown. The server checks it at submission. */
export function CodeStep({ state, patch, cooldown, error: initialError, onBack, onNext }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(initialError);
  const ok = /^\d{6}$/.test(state.smsCode);
  return (
    <Form layout="vertical" onFinish={() => ok && onNext()} requiredMark={false}>
      <Alert
        type="info"
        showIcon
        title={t('sms.sentTo', { phone: formatPhone(state.phone) })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item label={t('field.smsCode')}>
        <Space.Compact style={{ width: '100%' }}>
          <CodeInput
            value={state.smsCode}
            onChange={(v) => patch({ smsCode: v })}
            autoFocus
            placeholder={t('field.smsCode.placeholder')}
            testId="sms-code"
          />
          <SmsCodeButton
            cooldown={cooldown}
            sentOnce
            send={() => requestSmsCode(state.phone, 'register')}
            onSent={() => setError(null)}
            onError={setError}
          />
        </Space.Compact>
      </Form.Item>
      <ProblemAlert error={error} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('sms.notReceived')}
      </Typography.Paragraph>
      <div className="kd-step-actions">
        <Button size="large" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button type="primary" htmlType="submit" size="large" disabled={!ok} data-testid="next">
          {t('common.next')}
        </Button>
      </div>
    </Form>
  );
}
