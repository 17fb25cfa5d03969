import { App, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { requestExpedite, requestExpediteCode, type Verification } from '../../../api/verification';
import { CodeInput } from '../../../components/code-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { SmsCodeButton } from '../../../components/sms-code-button';
import { useOutboxTarget } from '../../../dev-outbox/outbox-context';
import { useCooldown } from '../../../hooks/use-cooldown';
import { useI18n } from '../../../i18n/i18n-context';
import { useStoreVerification } from '../use-verification';

type Props = { v: Verification; onClose: () => void };

/** KYC-8: prove the registered phone (SMS) and the ID number's last 4 characters to expedite. */
export function ExpediteModal({ v, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const store = useStoreVerification();
  const cooldown = useCooldown();
  const [code, setCode] = useState('');
  const [last4, setLast4] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useOutboxTarget('', setCode, 'expedite');
  const ok = /^\d{6}$/.test(code) && /^[0-9A-Za-z]{4}$/.test(last4);
  const submit = async () => {
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      store((await requestExpedite(v.id, { code, idLast4: last4.toUpperCase() })).verification);
      message.success(t('verification.expedite.done'));
      onClose();
    } catch (e) {
      // The SMS code was used up by this try: a new one is needed with the corrected characters.
      if (isApiError(e, 'expedite_check_failed')) setCode('');
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('verification.expedite.title')}
      okText={t('verification.expedite.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ disabled: !ok, loading: busy, 'data-testid': 'expedite-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('verification.expedite.body')}</Typography.Paragraph>
      <Form layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item label={t('field.smsCode')}>
          <Space.Compact style={{ width: '100%' }}>
            <CodeInput value={code} onChange={setCode} testId="expedite-code" />
            <SmsCodeButton cooldown={cooldown} send={requestExpediteCode} onError={setError} />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('verification.expedite.idLast4')}>
          <Input
            size="large"
            value={last4}
            maxLength={4}
            onChange={(e) => setLast4(e.target.value.trim())}
            placeholder={t('verification.expedite.idLast4.placeholder')}
            data-testid="expedite-last4"
          />
        </Form.Item>
      </Form>
      <ProblemAlert
        error={error}
        extra={isApiError(error, 'expedite_check_failed') && t('verification.expedite.newCode')}
      />
    </Modal>
  );
}
