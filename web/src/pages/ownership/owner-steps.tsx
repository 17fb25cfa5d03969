import { Steps } from 'antd';
import type { ReactNode } from 'react';
import type { Transfer } from '../../api/ownership';
import { useFormat } from '../../hooks/use-format';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { Countdown } from './countdown';
import type { OwnershipMessageKey } from './messages-zh';
import { useOwnershipI18n } from './use-ownership-i18n';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';
const KEYS = ['phone', 'confirm', 'waiting', 'accept', 'done'] as const;

/** Where a transfer stands on the five steps, and whether it ended in error there. */
function position(t: Transfer | null, wizardStep: 0 | 1): { current: number; status: StepStatus } {
  if (!t) return { current: wizardStep, status: 'process' };
  switch (t.status) {
    case 'waiting':
      return { current: 2, status: 'process' };
    case 'awaiting_acceptance':
      return { current: 3, status: 'process' };
    case 'completed':
      return { current: 4, status: 'finish' };
    default: {
      const ended = t.endedAt ? new Date(t.endedAt).getTime() : Date.now();
      return { current: ended < new Date(t.waitingUntil).getTime() ? 2 : 3, status: 'error' };
    }
  }
}

/**
 * The five steps of a change with every window beside its step: the SMS code's 5 minutes, the
 * waiting period and the acceptance window (live countdowns while they run, times once known).
 */
export function OwnerSteps({
  transfer,
  wizardStep,
  onEnd,
}: {
  transfer: Transfer | null;
  wizardStep: 0 | 1;
  onEnd: () => void;
}) {
  const { ot } = useOwnershipI18n();
  const { dateTime } = useFormat();
  const mobile = useIsMobile();
  const { current, status } = position(transfer, wizardStep);
  const t = transfer;

  const content: Record<(typeof KEYS)[number], ReactNode> = {
    phone: t?.to.phone ?? null,
    confirm: t ? (
      <span>
        {ot('own.window.requestedAt')} {dateTime(t.requestedAt)}
      </span>
    ) : (
      <span>{ot('own.window.smsLine')}</span>
    ),
    waiting: !t ? null : t.status === 'waiting' ? (
      <span>
        {ot('own.waiting.left')}{' '}
        <Countdown until={t.waitingUntil} onEnd={onEnd} testId="steps-waiting-left" />
      </span>
    ) : (
      <span>
        {ot('own.window.waitingUntil')} {dateTime(t.waitingUntil)}
      </span>
    ),
    accept: !t ? null : t.status === 'awaiting_acceptance' ? (
      <span>
        {ot('own.accept.left')} <Countdown until={t.expiresAt} onEnd={onEnd} testId="steps-accept-left" />
      </span>
    ) : (
      <span>
        {ot('own.window.expiresAt')} {dateTime(t.expiresAt)}
      </span>
    ),
    done: t?.status === 'completed' && t.endedAt ? dateTime(t.endedAt) : null,
  };

  return (
    <div className="kd-own-steps">
      <Steps
        orientation={mobile ? 'vertical' : 'horizontal'}
        titlePlacement={mobile ? 'horizontal' : 'vertical'}
        size="small"
        responsive={false}
        current={current}
        status={status}
        data-testid="owner-steps"
        items={KEYS.map((k, i) => ({
          key: k,
          title: ot(`own.step.${k}` as OwnershipMessageKey),
          content: (
            <div
              className="kd-own-step"
              data-testid={`owner-step-${k}`}
              data-state={i < current ? 'finish' : i === current ? status : 'wait'}
            >
              {content[k]}
            </div>
          ),
        }))}
      />
      {!t && <div className="kd-muted kd-own-defaults">{ot('own.window.defaults')}</div>}
    </div>
  );
}
