import { Alert } from 'antd';
import type { OwnerCooldown } from '../../api/ownership';
import { useFormat } from '../../hooks/use-format';
import { Countdown } from './countdown';
import { useOwnershipI18n } from './use-ownership-i18n';

const future = (iso: string | null) => !!iso && new Date(iso).getTime() > Date.now();

/** True while the shop or the signed-in account is in a cooldown (no new request possible). */
export const cooldownActive = (c: OwnerCooldown) => future(c.shopUntil) || future(c.accountUntil);

/** The cooldowns in force (MAIN-4): until when, for the shop and for this account, counting down. */
export function CooldownAlerts({ cooldown }: { cooldown: OwnerCooldown }) {
  const { ot } = useOwnershipI18n();
  const { dateTime } = useFormat();
  const rows = (
    [
      ['shop', cooldown.shopUntil, 'own.cooldown.shop'],
      ['account', cooldown.accountUntil, 'own.cooldown.account'],
    ] as const
  ).filter(([, until]) => future(until));
  return rows.map(([subject, until, key]) => (
    <Alert
      key={subject}
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={`owner-cooldown-${subject}`}
      title={ot(key, { until: dateTime(until) })}
      description={
        <>
          <Countdown until={until!} testId={`owner-cooldown-${subject}-left`} />
          <div>{ot('own.cooldown.next')}</div>
        </>
      }
    />
  ));
}
