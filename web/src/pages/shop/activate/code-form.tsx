import { MailOutlined, MessageOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import {
  type ActivationResult,
  type ActivationSent,
  confirmActivation,
  sendActivation,
} from '../../../api/shops';
import { CodeInput } from '../../../components/code-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { useOutboxTarget } from '../../../dev-outbox/outbox-context';
import { useCooldown } from '../../../hooks/use-cooldown';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';

type Props = { shopId: string; onDone: (r: ActivationResult) => void };

/** ACT-2: send the link and code by SMS and email (resend after a countdown), then confirm by code. */
export function CodeForm({ shopId, onDone }: Props) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const cooldown = useCooldown();
  const [sent, setSent] = useState<ActivationSent | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'confirm' | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Development: the dev outbox offers "fill code" next to the activation SMS.
  useOutboxTarget('', setCode, 'activation');

  const send = async () => {
    setBusy('send');
    setError(null);
    try {
      const r = await sendActivation(shopId);
      setSent(r);
      cooldown.start(r.resendAfterSeconds);
    } catch (e) {
      if (isApiError(e) && typeof e.problem.retryAfterSeconds === 'number')
        cooldown.start(e.problem.retryAfterSeconds);
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    setBusy('confirm');
    setError(null);
    try {
      onDone(await confirmActivation(shopId, code));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="activation-code-form">
      {sent && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="activation-sent"
          title={t('shop.act.sent')}
          description={
            <>
              <Space size={4} wrap>
                {sent.channels.includes('sms') && (
                  <span>
                    <MessageOutlined /> {t('shop.act.bySms')}
                  </span>
                )}
                {sent.channels.includes('email') && (
                  <span>
                    <MailOutlined /> {t('shop.act.byEmail')}
                  </span>
                )}
              </Space>
              <div>{t('shop.act.validUntil', { time: dateTime(sent.expiresAt) })}</div>
            </>
          }
        />
      )}
      {/* The server's title already says how many attempts are left (activation_code_invalid). */}
      <ProblemAlert error={error} />
      <div className="kd-shop-code-row">
        <CodeInput
          value={code}
          onChange={setCode}
          placeholder={t('shop.act.codePlaceholder')}
          testId="activation-code"
          onEnter={confirm}
        />
        <Button
          size="large"
          onClick={send}
          loading={busy === 'send'}
          disabled={cooldown.left > 0}
          data-testid="activation-send"
          style={{ minWidth: 128 }}
        >
          {cooldown.left > 0
            ? t('sms.resendIn', { n: cooldown.left })
            : sent
              ? t('sms.resend')
              : t('shop.act.send')}
        </Button>
      </div>
      <Button
        type="primary"
        size="large"
        block
        icon={<SafetyCertificateOutlined />}
        disabled={code.length !== 6}
        loading={busy === 'confirm'}
        onClick={confirm}
        style={{ marginTop: 12 }}
        data-testid="activation-confirm"
      >
        {t('shop.act.confirm')}
      </Button>
      <div className="kd-muted" style={{ marginTop: 8 }}>
        {t('shop.act.codeNote')}
      </div>
    </div>
  );
}
