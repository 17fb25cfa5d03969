import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Space, Switch, Typography } from 'antd';
import { useId, useState } from 'react';
import { requestSmsCode, stepUp } from '../api/accounts';
import { isApiError } from '../api/client';
import { CodeInput } from '../components/code-input';
import { ProblemAlert } from '../components/problem-alert';
import { SmsCodeButton } from '../components/sms-code-button';
import { useOutboxTarget } from '../dev-outbox/outbox-context';
import { useCooldown } from '../hooks/use-cooldown';
import { useFormat } from '../hooks/use-format';
import { useMe } from '../hooks/use-me';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router/use-route';
import { StepUpNoMethod } from './step-up-no-method';

type Method = 'sms' | 'totp';

/**
 * Opens a step-up window with an SMS code to the merchant's own phone ("self") or, when TOTP is on,
 * an authenticator code. Without a phone only the authenticator is offered; with neither, the modal
 * says so and points to binding a phone.
 */
export function StepUpModal({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { dateTime } = useFormat();
  const m = useMe().data?.merchant;
  const qc = useQueryClient();
  const cooldown = useCooldown();
  const phone = m?.phone ?? null;
  const hasTotp = m?.totpEnabled === true;
  // Unknown account (me still loading): the SMS form, as before.
  const canSms = Boolean(phone) || !m;
  const [method, setMethod] = useState<Method>(canSms ? 'sms' : 'totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const switchId = useId();
  const none = !canSms && !hasTotp;
  // The outbox has no full number for "self"; an empty recipient lists every recent message.
  useOutboxTarget('', method === 'sms' ? setCode : undefined, 'step_up');

  const switchMethod = (totp: boolean) => {
    setMethod(totp ? 'totp' : 'sms');
    setCode('');
    setError(null);
  };

  const submit = async () => {
    if (!/^\d{6}$/.test(code)) return setError(null);
    setBusy(true);
    setError(null);
    try {
      const r = await stepUp(method === 'totp' ? { totpCode: code } : { smsCode: code });
      message.success(t('stepUp.done', { time: dateTime(r.stepUp.expiresAt) }));
      await qc.invalidateQueries({ queryKey: ['me'] });
      onDone();
    } catch (e) {
      // An authenticator code is worth retyping from the app, not correcting.
      if (isApiError(e, 'mfa_code_invalid')) setCode('');
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const bindPhone = () => {
    onCancel();
    navigate('/security#phone');
    // Already on /security the page does not remount: scroll to the card here.
    window.setTimeout(() => document.getElementById('phone')?.scrollIntoView({ block: 'start' }), 50);
  };

  const title = (
    <Space>
      <SafetyCertificateOutlined />
      {t('stepUp.title')}
    </Space>
  );

  if (none) {
    return (
      <Modal
        open
        title={title}
        onCancel={onCancel}
        footer={[
          <Button key="cancel" onClick={onCancel}>
            {t('common.cancel')}
          </Button>,
          <Button key="bind" type="primary" onClick={bindPhone} data-testid="step-up-bind-phone">
            {t('stepUp.bindPhone')}
          </Button>,
        ]}
        mask={{ closable: false }}
        data-testid="step-up-modal"
      >
        <StepUpNoMethod />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      onOk={submit}
      okText={t('stepUp.submit')}
      okButtonProps={{ disabled: code.length !== 6, loading: busy, 'data-testid': 'step-up-submit' }}
      cancelText={t('common.cancel')}
      mask={{ closable: false }}
      data-testid="step-up-modal"
    >
      <Typography.Paragraph>
        {method === 'totp'
          ? t('stepUp.bodyTotp')
          : phone
            ? t('stepUp.body', { phone })
            : t('stepUp.bodyNoPhone')}
      </Typography.Paragraph>
      {canSms && hasTotp && (
        <div className="kd-switch-row">
          <Switch
            id={switchId}
            size="small"
            checked={method === 'totp'}
            onChange={switchMethod}
            data-testid="step-up-use-totp"
          />
          <label htmlFor={switchId}>{t('stepUp.useTotp')}</label>
        </div>
      )}
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        {method === 'totp' ? (
          <Form.Item label={t('stepUp.totpCode')} required>
            <CodeInput value={code} onChange={setCode} autoFocus placeholder="000000" testId="step-up-totp" />
          </Form.Item>
        ) : (
          <Form.Item label={t('field.smsCode')} required>
            <Space.Compact style={{ width: '100%' }}>
              <CodeInput
                value={code}
                onChange={setCode}
                placeholder={t('field.smsCode.placeholder')}
                testId="step-up-code"
              />
              <SmsCodeButton
                cooldown={cooldown}
                send={() => requestSmsCode('self', 'step_up')}
                onSent={() => setError(null)}
                onError={setError}
              />
            </Space.Compact>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
