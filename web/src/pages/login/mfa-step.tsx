import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { signInMfa } from '../../api/accounts';
import { isApiError } from '../../api/client';
import type { SignIn } from '../../api/types';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import type { MfaChallenge } from './use-sign-in-result';

type Props = { challenge: MfaChallenge; onResult: (r: SignIn) => Promise<void>; onRestart: () => void };

/** The second sign-in step: a TOTP code, or a one-time recovery code (LOGIN-1, PWD-3). */
export function MfaStep({ challenge, onResult, onRestart }: Props) {
  const { t } = useI18n();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ready = recovery ? recoveryCode.trim().length >= 8 : /^\d{6}$/.test(code);
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const body = recovery
        ? { challengeId: challenge.challengeId, recoveryCode: recoveryCode.trim() }
        : { challengeId: challenge.challengeId, code };
      await onResult(await signInMfa(body));
    } catch (e) {
      setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  const expired = isApiError(error, 'mfa_challenge_invalid');
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="mfa-step">
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1677ff' }} />
      </div>
      <Typography.Paragraph>{recovery ? t('mfa.recoveryHint') : t('mfa.body')}</Typography.Paragraph>
      {recovery ? (
        <Form.Item label={t('mfa.recoveryLabel')}>
          <Input
            value={recoveryCode}
            onChange={(e) => setRecoveryCode(e.target.value)}
            placeholder={t('mfa.recoveryPlaceholder')}
            size="large"
            autoFocus
            autoComplete="off"
            data-testid="mfa-recovery"
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('mfa.title')}>
          <CodeInput value={code} onChange={setCode} autoFocus placeholder="000000" testId="mfa-code" />
        </Form.Item>
      )}
      <ProblemAlert error={error} />
      {expired ? (
        <Button type="primary" size="large" block onClick={onRestart}>
          {t('mfa.restart')}
        </Button>
      ) : (
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={!ready}
          data-testid="mfa-submit"
        >
          {t('mfa.submit')}
        </Button>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
        {challenge.methods.includes('recovery_code') ? (
          <Typography.Link
            onClick={() => {
              setRecovery(!recovery);
              setError(null);
            }}
            data-testid="mfa-toggle"
          >
            {recovery ? t('mfa.useTotp') : t('mfa.useRecovery')}
          </Typography.Link>
        ) : (
          <span />
        )}
        <Typography.Link onClick={onRestart}>{t('mfa.restart')}</Typography.Link>
      </div>
    </Form>
  );
}
