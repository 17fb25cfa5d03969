import { Button } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import type { SmsCodeSent } from '../api/types';
import type { Cooldown } from '../hooks/use-cooldown';
import { useI18n } from '../i18n/i18n-context';

type Props = {
  cooldown: Cooldown;
  send: () => Promise<SmsCodeSent>;
  onSent?: (r: SmsCodeSent) => void;
  onError: (e: unknown) => void;
  disabled?: boolean;
  sentOnce?: boolean;
  block?: boolean;
};

/** "Get code" with the resend countdown; a too-soon answer restarts the countdown from the server's value. */
export function SmsCodeButton({ cooldown, send, onSent, onError, disabled, sentOnce, block }: Props) {
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const [sent, setSent] = useState(Boolean(sentOnce));
  const click = async () => {
    setLoading(true);
    try {
      const r = await send();
      cooldown.start(r.resendAfterSeconds);
      setSent(true);
      onSent?.(r);
    } catch (e) {
      if (
        isApiError(e) &&
        typeof e.problem.retryAfterSeconds === 'number' &&
        e.code === 'sms_resend_too_soon'
      ) {
        cooldown.start(e.problem.retryAfterSeconds);
      }
      onError(e);
    } finally {
      setLoading(false);
    }
  };
  const label =
    cooldown.left > 0 ? t('sms.resendIn', { n: cooldown.left }) : sent ? t('sms.resend') : t('sms.send');
  return (
    <Button
      onClick={click}
      loading={loading}
      disabled={disabled || cooldown.left > 0}
      block={block}
      size="large"
      data-testid="sms-send"
      style={{ minWidth: 116 }}
    >
      {label}
    </Button>
  );
}
