import { ClockCircleOutlined, HourglassOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { cancelTransfer, type Transfer } from '../../api/ownership';
import { ProblemAlert } from '../../components/problem-alert';
import { Countdown } from './countdown';
import { TransferTimes } from './transfer-times';
import { useOwnershipI18n } from './use-ownership-i18n';

/** Steps 3–4 for the owner: the waiting period or the new owner's window, counting down; cancel. */
export function OpenTransferPanel({
  shopId,
  transfer: t,
  onChanged,
}: {
  shopId: string;
  transfer: Transfer;
  onChanged: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const { modal, message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const waiting = t.status === 'waiting';
  const phone = t.to.phone ?? '';

  const cancel = () =>
    modal.confirm({
      title: ot('own.cancel.confirm'),
      content: ot('own.cancel.confirmBody'),
      okText: ot('own.cancel.ok'),
      cancelText: ot('own.cancel.keep'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'owner-cancel-confirm' } as object) },
      onOk: async () => {
        setError(null);
        try {
          await cancelTransfer(shopId, t.id);
          message.success(ot('own.cancelled'));
        } catch (e) {
          setError(e);
        }
        onChanged();
      },
    });

  return (
    <Card
      size="small"
      className="kd-own-panel"
      data-testid={waiting ? 'owner-waiting' : 'owner-awaiting'}
      data-transfer-id={t.id}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {waiting ? <HourglassOutlined /> : <ClockCircleOutlined />}{' '}
        {waiting ? ot('own.waiting.title') : ot('own.accept.title')}
      </Typography.Title>
      <Typography.Paragraph>
        {waiting ? ot('own.waiting.body', { phone }) : ot('own.accept.body', { phone })}
      </Typography.Paragraph>
      <div className="kd-own-big">
        <div className="kd-muted">{waiting ? ot('own.waiting.left') : ot('own.accept.left')}</div>
        <Countdown
          until={waiting ? t.waitingUntil : t.expiresAt}
          onEnd={onChanged}
          testId={waiting ? 'owner-waiting-left' : 'owner-accept-left'}
        />
      </div>
      <TransferTimes transfer={t} />
      <ProblemAlert error={error} />
      <Button danger block size="large" onClick={cancel} style={{ marginTop: 16 }} data-testid="owner-cancel">
        {ot('own.cancel')}
      </Button>
    </Card>
  );
}
