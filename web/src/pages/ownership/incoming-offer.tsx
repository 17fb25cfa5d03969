import { App, Button, Card, Descriptions, Form, Space, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { acceptTransfer, declineTransfer, requestOwnCode, type Transfer } from '../../api/ownership';
import { CodeInput } from '../../components/code-input';
import { ProblemAlert } from '../../components/problem-alert';
import { SmsCodeButton } from '../../components/sms-code-button';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useCooldown } from '../../hooks/use-cooldown';
import { useFormat } from '../../hooks/use-format';
import { Countdown } from './countdown';
import { useOwnershipI18n } from './use-ownership-i18n';

/** One offer: shop, current owner (masked), the windows; accept with an own SMS code, or decline. */
export function IncomingOffer({
  transfer: t,
  onAccepted,
  onChanged,
}: {
  transfer: Transfer;
  onAccepted: (t: Transfer) => void;
  onChanged: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const { dateTime } = useFormat();
  const { modal, message } = App.useApp();
  const cooldown = useCooldown();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useOutboxTarget('', setCode, 'main_account_change');
  const waiting = t.status === 'waiting';

  const accept = async () => {
    if (code.length !== 6 || waiting) return;
    setBusy(true);
    setError(null);
    try {
      const r = await acceptTransfer(t.id, code);
      onAccepted(r.transfer);
    } catch (e) {
      setError(e);
      if (isApiError(e, 'transfer_not_open') || isApiError(e, 'transfer_window_closed')) onChanged();
    } finally {
      setBusy(false);
    }
  };

  const decline = () =>
    modal.confirm({
      title: ot('own.in.declineConfirm', { shop: t.shopName }),
      content: ot('own.in.declineBody'),
      okText: ot('own.in.decline'),
      cancelText: ot('own.cancel.keep'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'incoming-decline-confirm' } as object) },
      onOk: async () => {
        try {
          await declineTransfer(t.id);
          message.success(ot('own.in.declined'));
        } catch (e) {
          setError(e);
        }
        onChanged();
      },
    });

  return (
    <Card
      size="small"
      className="kd-own-offer"
      data-testid="incoming-offer"
      data-transfer-id={t.id}
      data-status={t.status}
      title={<span data-testid="incoming-shop">{t.shopName}</span>}
      extra={
        <Tag color={waiting ? 'gold' : 'blue'}>{ot(`own.status.${t.status}` as 'own.status.waiting')}</Tag>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'from',
            label: ot('own.in.from'),
            children: <span data-testid="incoming-from">{t.from.phone ?? '—'}</span>,
          },
          { key: 'req', label: ot('own.window.requestedAt'), children: dateTime(t.requestedAt) },
          {
            key: 'wait',
            label: ot('own.window.waitingUntil'),
            children: waiting ? (
              <Space size={6} wrap>
                {dateTime(t.waitingUntil)}
                <Countdown until={t.waitingUntil} onEnd={onChanged} testId="incoming-waiting-left" />
              </Space>
            ) : (
              dateTime(t.waitingUntil)
            ),
          },
          {
            key: 'exp',
            label: ot('own.window.expiresAt'),
            children: (
              <Space size={6} wrap>
                {dateTime(t.expiresAt)}
                {!waiting && (
                  <Countdown until={t.expiresAt} onEnd={onChanged} testId="incoming-accept-left" />
                )}
              </Space>
            ),
          },
        ]}
      />
      <div className="kd-own-note" data-testid="incoming-window-note">
        {waiting
          ? ot('own.in.waiting', { time: dateTime(t.waitingUntil) })
          : ot('own.in.open', { time: dateTime(t.expiresAt) })}
      </div>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={accept} requiredMark={false}>
        <Form.Item
          label={ot('own.confirm.smsCode')}
          extra={ot('own.in.smsHint')}
          style={{ marginBottom: 12 }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <CodeInput value={code} onChange={setCode} testId="incoming-sms-code" />
            <SmsCodeButton
              cooldown={cooldown}
              send={requestOwnCode}
              onSent={() => setError(null)}
              onError={setError}
              disabled={waiting}
            />
          </Space.Compact>
        </Form.Item>
        <div className="kd-own-actions">
          <Button danger size="large" onClick={decline} data-testid="incoming-decline">
            {ot('own.in.decline')}
          </Button>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={busy}
            disabled={waiting || code.length !== 6}
            data-testid="incoming-accept"
          >
            {ot('own.in.accept')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
