import { Tag, Tooltip } from 'antd';
import { useConsoleI18n } from '../use-console-i18n';

const COLOR: Record<string, string> = {
  pending_review: 'processing',
  approved: 'success',
  rejected: 'error',
};

/** A qualification's review state; a rejection shows its reason on hover. */
export function QualificationStatusTag({ status, reason }: { status: string; reason?: string | null }) {
  const { label } = useConsoleI18n();
  const tag = (
    <Tag color={COLOR[status] ?? 'default'} data-testid="qual-status" data-status={status}>
      {label('console.qual.status', status)}
    </Tag>
  );
  return reason ? <Tooltip title={label('console.qual.reason', reason)}>{tag}</Tooltip> : tag;
}
