import { Button, Form, Typography } from 'antd';
import { useState } from 'react';
import { confirmTotp } from '../../api/accounts';
import type { TotpEnrolment } from '../../api/types';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';

/** Enrolment: the QR code (a PNG data URL from the server), the secret to type by hand, and the first code. */
export function TotpEnrol({
  enrolment,
  onConfirmed,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (codes: string[]) => void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const { run, busy, error } = useAction();
  const submit = async () => {
    if (!/^\d{6}$/.test(code)) return;
    const r = await run(() => confirmTotp(code));
    if (r) onConfirmed(r.value.recoveryCodes);
    else setCode('');
  };
  return (
    <div data-testid="totp-enrol">
      <Typography.Paragraph>{t('security.totp.scan')}</Typography.Paragraph>
      <div style={{ textAlign: 'center' }}>
        <img
          src={enrolment.qrDataUrl}
          alt="otpauth QR"
          width={200}
          height={200}
          className="kd-qr"
          data-testid="totp-qr"
        />
      </div>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t('security.totp.secret')}
        <br />
        <Typography.Text
          code
          copyable={{ text: enrolment.secret }}
          className="kd-secret"
          data-testid="totp-secret"
        >
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Typography.Text>
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('security.totp.enterCode')}>
          <CodeInput value={code} onChange={setCode} placeholder="000000" testId="totp-code" />
        </Form.Item>
        <ProblemAlert error={error} />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={busy}
          disabled={code.length !== 6}
          data-testid="totp-confirm"
        >
          {t('security.totp.confirm')}
        </Button>
      </Form>
    </div>
  );
}
