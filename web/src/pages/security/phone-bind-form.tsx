import { Button, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { bindPhone, requestSmsCode } from '../../api/accounts';
import { isApiError } from '../../api/client';
import { CodeInput } from '../../components/code-input';
import { PhoneInput } from '../../components/phone-input';
import { ProblemAlert } from '../../components/problem-alert';
import { SmsCodeButton } from '../../components/sms-code-button';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useAction } from '../../hooks/use-action';
import { useCooldown } from '../../hooks/use-cooldown';
import { formatPhone } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';

/**
 * The new number (checked live), a code of purpose bind sent to it, then POST /v1/me/phone. Changing
 * an existing phone answers step_up_required first; useAction runs the step-up and retries.
 */
export function PhoneBindForm({
  changing,
  onDone,
  onCancel,
}: {
  changing: boolean;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState('');
  const cooldown = useCooldown();
  const { run, busy, error, setError } = useAction();
  useOutboxTarget(phone || input.trim(), setCode, 'bind');
  const ready = Boolean(phone) && /^\d{6}$/.test(code);

  const submit = async () => {
    if (!ready) return;
    const r = await run(async () => {
      try {
        return await bindPhone(phone, code);
      } catch (e) {
        // The server used up the code (expired, or verified before the number proved taken).
        if (isApiError(e, 'sms_code_expired') || isApiError(e, 'phone_taken')) setCode('');
        throw e;
      }
    });
    if (r) onDone();
  };

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="phone-bind-form">
      {changing && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('security.phone.changeHint')}
        </Typography.Paragraph>
      )}
      <PhoneInput
        value={input}
        onChange={setInput}
        onNormalized={setPhone}
        label={changing ? t('security.phone.new') : t('field.phone')}
        testId="bind-phone"
        validHelp={
          sentTo && sentTo === phone ? (
            <span data-testid="bind-phone-sent">{t('sms.sentTo', { phone: formatPhone(sentTo) })}</span>
          ) : undefined
        }
      />
      <Form.Item label={t('field.smsCode')} required>
        <Space.Compact style={{ width: '100%' }}>
          <CodeInput
            value={code}
            onChange={setCode}
            placeholder={t('field.smsCode.placeholder')}
            testId="bind-phone-code"
          />
          <SmsCodeButton
            cooldown={cooldown}
            disabled={!phone}
            send={() => requestSmsCode(phone, 'bind')}
            onSent={() => {
              setError(null);
              setSentTo(phone);
            }}
            onError={(e) => {
              setSentTo('');
              setError(e);
            }}
          />
        </Space.Compact>
      </Form.Item>
      <ProblemAlert error={error} />
      <div className="kd-step-actions">
        {onCancel && (
          <Button size="large" onClick={onCancel} data-testid="bind-phone-cancel">
            {t('common.cancel')}
          </Button>
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={!ready}
          data-testid="bind-phone-submit"
        >
          {changing ? t('security.phone.changeSubmit') : t('security.phone.bind')}
        </Button>
      </div>
    </Form>
  );
}
