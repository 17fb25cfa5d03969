import { Button, Checkbox, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import { requestSmsCode } from '../../api/accounts';
import { isApiError } from '../../api/client';
import type { SmsCodeSent } from '../../api/types';
import { PhoneInput } from '../../components/phone-input';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import type { RegisterState } from './register-state';

type Props = {
  state: RegisterState;
  patch: (p: Partial<RegisterState>) => void;
  error: unknown;
  onSent: (r: SmsCodeSent | { retryAfterSeconds: number }) => void;
  canSkipSend: boolean;
  onSkip: () => void;
};

/** Step 1: account type, cross-border flag and the phone number; "Next" sends the SMS code. */
export function PhoneStep({ state, patch, error: initialError, onSent, canSkipSend, onSkip }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);
  const next = async () => {
    if (!state.phone) return;
    if (canSkipSend) return onSkip();
    setBusy(true);
    setError(null);
    try {
      onSent(await requestSmsCode(state.phone, 'register'));
    } catch (e) {
      // A code was sent moments ago: go on and let the countdown say when a new one can come.
      if (isApiError(e, 'sms_resend_too_soon'))
        onSent({ retryAfterSeconds: e.problem.retryAfterSeconds ?? 60 });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={next} requiredMark={false}>
      <Form.Item label={t('field.accountType')}>
        <Radio.Group
          value={state.accountType}
          onChange={(e) => patch({ accountType: e.target.value })}
          optionType="button"
          buttonStyle="solid"
          style={{ display: 'flex' }}
          data-testid="account-type"
          options={[
            {
              value: 'personal',
              label: t('field.accountType.personal'),
              style: { flex: 1, textAlign: 'center' },
            },
            {
              value: 'enterprise',
              label: t('field.accountType.enterprise'),
              style: { flex: 1, textAlign: 'center' },
            },
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox
          checked={state.crossBorder}
          onChange={(e) => patch({ crossBorder: e.target.checked })}
          data-testid="cross-border"
        >
          {t('field.crossBorder')}
        </Checkbox>
      </Form.Item>
      <PhoneInput
        value={state.phoneInput}
        onChange={(v) => patch({ phoneInput: v })}
        onNormalized={(n) => patch({ phone: n })}
        autoFocus
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('register.phoneHint')}
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        disabled={!state.phone}
        data-testid="next"
      >
        {canSkipSend ? t('common.next') : t('sms.send')}
      </Button>
    </Form>
  );
}
