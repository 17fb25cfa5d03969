import { Descriptions } from 'antd';
import type { Transfer } from '../../api/ownership';
import { useFormat } from '../../hooks/use-format';
import { useOwnershipI18n } from './use-ownership-i18n';

/** The transfer's times: requested, waiting period end, acceptance deadline, ended. */
export function TransferTimes({ transfer: t }: { transfer: Transfer }) {
  const { ot } = useOwnershipI18n();
  const { dateTime } = useFormat();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      className="kd-own-times"
      data-testid="transfer-times"
      items={[
        { key: 'req', label: ot('own.window.requestedAt'), children: dateTime(t.requestedAt) },
        {
          key: 'wait',
          label: ot('own.window.waitingUntil'),
          children: <span data-testid="transfer-waiting-until">{dateTime(t.waitingUntil)}</span>,
        },
        {
          key: 'exp',
          label: ot('own.window.expiresAt'),
          children: <span data-testid="transfer-expires-at">{dateTime(t.expiresAt)}</span>,
        },
        ...(t.endedAt
          ? [{ key: 'end', label: ot('own.window.endedAt'), children: dateTime(t.endedAt) }]
          : []),
      ]}
    />
  );
}
