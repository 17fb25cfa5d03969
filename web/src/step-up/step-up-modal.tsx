import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { requestSmsCode, stepUp } from '../api/accounts';
import { CodeInput } from '../components/code-input';
import { ProblemAlert } from '../components/problem-alert';
import { SmsCodeButton } from '../components/sms-code-button';
import { useOutboxTarget } from '../dev-outbox/outbox-context';
import { useCooldown } from '../hooks/use-cooldown';
import { useFormat } from '../hooks/use-format';
import { useMe } from '../hooks/use-me';
import { useI18n } from '../i18n/i18n-context';

/** Asks for an SMS code to the merchant's own phone ("self") and opens a step-up window. */
export function StepUpModal({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { dateTime } = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const cooldown = useCooldown();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const phone = me.data?.merchant?.phone;
  // The outbox has no full number for "self"; an empty recipient lists every recent message.
  useOutboxTarget('', setCode, 'step_up');

  const submit = async () => {
    if (!/^\d{6}$/.test(code)) return setError(null);
    setBusy(true);
    setError(null);
    try {
      const r = await stepUp(code);
      message.success(t('stepUp.done', { time: dateTime(r.stepUp.expiresAt) }));
      await qc.invalidateQueries({ queryKey: ['me'] });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('stepUp.title')}
        </Space>
      }
      onCancel={onCancel}
      onOk={submit}
      okText={t('stepUp.submit')}
      okButtonProps={{ disabled: code.length !== 6, loading: busy, 'data-testid': 'step-up-submit' }}
      cancelText={t('common.cancel')}
      mask={{ closable: false }}
      data-testid="step-up-modal"
    >
      <Typography.Paragraph>
        {phone ? t('stepUp.body', { phone }) : t('stepUp.bodyNoPhone')}
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
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
      </Form>
    </Modal>
  );
}
