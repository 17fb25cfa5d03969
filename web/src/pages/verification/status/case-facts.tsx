import { Descriptions } from 'antd';
import type { Verification } from '../../../api/verification';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';

const DECIDED: readonly Verification['status'][] = [
  'approved',
  'rejected_retry',
  'rejected_final',
  'more_info_requested',
];

/** Application number and its times. */
export function CaseFacts({ v }: { v: Verification }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const decided = DECIDED.includes(v.status);
  const pending = !decided && v.slaDueAt && v.status !== 'withdrawn' && v.status !== 'draft';
  return (
    <Descriptions column={1} size="small" style={{ marginTop: 8 }} data-testid="verification-facts">
      <Descriptions.Item label={t('verification.result.caseId')}>
        <span style={{ wordBreak: 'break-all' }}>{v.id}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('verification.submit.kind')}>
        {v.kind === 'personal' ? t('verification.type.personal') : t('verification.type.enterprise')}
        {v.crossBorder ? ` · ${t('verification.crossBorder')}` : ''}
      </Descriptions.Item>
      {v.submittedAt && (
        <Descriptions.Item label={t('verification.result.submittedAt')}>
          {dateTime(v.submittedAt)}
        </Descriptions.Item>
      )}
      {pending && (
        <Descriptions.Item label={t('verification.result.slaDue')}>{dateTime(v.slaDueAt)}</Descriptions.Item>
      )}
      {decided && v.decidedAt && (
        <Descriptions.Item label={t('verification.result.decidedAt')}>
          {dateTime(v.decidedAt)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
