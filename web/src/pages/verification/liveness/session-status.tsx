import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import type { LivenessSession } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import { ActionList } from './action-list';
import { formatSeconds } from './use-now';

type Props = { s: LivenessSession; open: boolean; secondsLeft: number; failure: string | null };

/** A session's actions in order, tries left, the countdown, and why the last try failed or it ended. */
export function SessionStatus({ s, open, secondsLeft, failure }: Props) {
  const { t } = useI18n();
  return (
    <>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('verification.liveness.actions')}</div>
      <ActionList actions={s.actions} />
      <div className="kd-verify-meta" data-testid="liveness-meta">
        <Tag color={s.attemptsLeft > 2 ? 'blue' : 'orange'} data-testid="liveness-attempts">
          {t('verification.liveness.attemptsLeft', { n: s.attemptsLeft })}
        </Tag>
        {open && (
          <Tag icon={<ClockCircleOutlined />} color={secondsLeft < 60 ? 'red' : 'default'}>
            {t('verification.liveness.expiresIn', { time: formatSeconds(secondsLeft) })}
          </Tag>
        )}
      </div>
      {open && failure !== null && (
        <Alert
          type="warning"
          showIcon
          title={
            failure
              ? t('verification.liveness.failed', { reason: failure })
              : t('verification.liveness.failedGeneric')
          }
          data-testid="liveness-failure"
          style={{ marginBottom: 12 }}
        />
      )}
      {!open && (
        <Alert
          type="warning"
          showIcon
          title={
            s.attemptsLeft <= 0 || s.status === 'failed'
              ? t('verification.liveness.exhausted')
              : t('verification.liveness.expired')
          }
          description={failure || undefined}
          data-testid="liveness-ended"
          style={{ marginBottom: 12 }}
        />
      )}
    </>
  );
}
