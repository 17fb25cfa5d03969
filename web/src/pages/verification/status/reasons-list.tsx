import { Tag } from 'antd';
import type { Reason } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';

/** KYC-9: each reason's merchant-facing message, marked fixable (retry) or final. */
export function ReasonsList({ reasons }: { reasons: Reason[] }) {
  const { t } = useI18n();
  if (!reasons.length) return null;
  return (
    <div data-testid="verification-reasons" style={{ marginBottom: 12 }}>
      {reasons.map((r) => (
        <div key={r.code} className="kd-verify-reason" data-code={r.code} data-kind={r.kind}>
          <Tag color={r.kind === 'final' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {r.kind === 'final' ? t('verification.reason.final') : t('verification.reason.retry')}
          </Tag>
          <span>{r.message}</span>
        </div>
      ))}
    </div>
  );
}
