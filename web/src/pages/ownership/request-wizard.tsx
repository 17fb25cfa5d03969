import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { requestOwnCode, requestTransfer } from '../../api/ownership';
import type { Shop } from '../../api/shops';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { SmsCodeButton } from '../../components/sms-code-button';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useCooldown } from '../../hooks/use-cooldown';
import { formatPhone } from '../../hooks/use-format';
import { useMe } from '../../hooks/use-me';
import { useOwnershipI18n } from './use-ownership-i18n';

type Draft = { step: 0 | 1; phone: string; normalized: string };

/** Mainland mobile numbers, checked here before anything is sent: 1[3-9] + 9 digits, +86 optional. */
export function normalizeMobile(raw: string): string | null {
  const m = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(raw.replace(/[\s-]/g, ''));
  return m ? `+86${m[1]}` : null;
}

/** The new owner is named only after these; they say something about the number typed. */
const TARGET_CODES = [
  'phone_invalid',
  'transfer_to_self',
  'transfer_target_unknown',
  'transfer_target_unverified',
  'transfer_target_has_shop',
  'transfer_same_identity',
];
/** Refusals after the SMS code was accepted (and used up): a new code is needed. */
const CODE_USED = ['transfer_password_incorrect', ...TARGET_CODES.slice(2), 'cooldown_active'];

/** Steps 1–2: the new owner's phone, then the owner's password + SMS code to the own phone. */
export function RequestWizard({
  shop,
  draft,
  setDraft,
  onRequested,
}: {
  shop: Shop;
  draft: Draft;
  setDraft: (d: Draft) => void;
  onRequested: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const [touched, setTouched] = useState(false);
  const normalized = normalizeMobile(draft.phone);
  if (draft.step === 0) {
    const next = () => {
      setTouched(true);
      if (normalized) setDraft({ step: 1, phone: draft.phone, normalized });
    };
    const bad = !normalized && (touched || draft.phone.replace(/\D/g, '').length >= 11);
    return (
      <div data-testid="owner-step-phone-form">
        <Typography.Title level={5}>{ot('own.phone.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{ot('own.phone.hint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={next} requiredMark={false}>
          <Form.Item
            label={ot('own.phone.label')}
            validateStatus={bad ? 'error' : normalized ? 'success' : undefined}
            hasFeedback={!!normalized}
            help={bad ? ot('own.phone.invalid') : normalized ? formatPhone(normalized) : undefined}
          >
            <Input
              value={draft.phone}
              onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
              onBlur={() => setTouched(true)}
              inputMode="tel"
              autoComplete="off"
              maxLength={20}
              size="large"
              prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>+86</span>}
              data-testid="owner-new-phone"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block data-testid="owner-phone-next">
            {ot('own.next')}
          </Button>
        </Form>
      </div>
    );
  }
  return <ConfirmStep shop={shop} draft={draft} setDraft={setDraft} onRequested={onRequested} />;
}

function ConfirmStep({
  shop,
  draft,
  setDraft,
  onRequested,
}: {
  shop: Shop;
  draft: Draft;
  setDraft: (d: Draft) => void;
  onRequested: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const cooldown = useCooldown();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // "self" has no full number for the outbox filter: list every recent message, fill this purpose.
  useOutboxTarget('', setCode, 'main_account_change');

  const submit = async () => {
    if (!password || code.length !== 6) return;
    setBusy(true);
    setError(null);
    try {
      await requestTransfer(shop.id, { newOwnerPhone: draft.normalized, password, smsCode: code });
      message.success(ot('own.submitted'));
      onRequested();
    } catch (e) {
      setError(e);
      if (isApiError(e) && CODE_USED.includes(e.code)) setCode('');
    } finally {
      setBusy(false);
    }
  };
  const targetProblem = isApiError(error) && TARGET_CODES.includes(error.code);
  const codeUsed = isApiError(error) && CODE_USED.includes(error.code);
  const ownPhone = me?.merchant?.phone ? ` ${formatPhone(me.merchant.phone)}` : '';

  return (
    <div data-testid="owner-step-confirm-form">
      <Typography.Title level={5}>{ot('own.confirm.title')}</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          <span data-testid="owner-confirm-summary">
            {ot('own.confirm.summary', { shop: shop.name, phone: formatPhone(draft.normalized) })}
          </span>
        }
        description={ot('own.confirm.warn')}
      />
      <ProblemAlert
        error={error}
        extra={
          codeUsed || targetProblem ? (
            <Space direction="vertical" size={4}>
              {codeUsed && <span>{ot('own.confirm.newCode')}</span>}
              {targetProblem && (
                <Button
                  size="small"
                  onClick={() => setDraft({ ...draft, step: 0 })}
                  data-testid="owner-change-phone"
                >
                  {ot('own.confirm.changePhone')}
                </Button>
              )}
            </Space>
          ) : undefined
        }
      />
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={ot('own.confirm.password')} required>
          <Input.Password
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={ot('own.confirm.passwordPlaceholder')}
            autoComplete="current-password"
            size="large"
            data-testid="owner-password"
          />
        </Form.Item>
        <Form.Item
          label={ot('own.confirm.smsCode')}
          required
          extra={ot('own.confirm.smsHint', { phone: ownPhone })}
        >
          <Space.Compact style={{ width: '100%' }}>
            <CodeInput value={code} onChange={setCode} testId="owner-sms-code" />
            <SmsCodeButton
              cooldown={cooldown}
              send={requestOwnCode}
              onSent={() => setError(null)}
              onError={setError}
            />
          </Space.Compact>
        </Form.Item>
        <div className="kd-own-actions">
          <Button size="large" onClick={() => setDraft({ ...draft, step: 0 })} data-testid="owner-back">
            {ot('own.back')}
          </Button>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={busy}
            disabled={!password || code.length !== 6}
            data-testid="owner-submit"
          >
            {ot('own.confirm.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
