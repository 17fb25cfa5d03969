import { RiseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import type { CaseSummary } from './types';
import { useConsoleI18n } from './use-console-i18n';

const STATUS_COLORS: Record<string, string> = {
  pending_review: 'processing',
  more_info_requested: 'warning',
  rejected_retry: 'orange',
  rejected_final: 'error',
  approved: 'success',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { label } = useConsoleI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="case-status" data-status={status}>
      {label('console.status', status)}
    </Tag>
  );
}

/** True once the merchant asked for the 48-hour expedited review (KYC-8); absent fields mean no. */
export const isExpedited = (c: Pick<CaseSummary, 'expedited' | 'expeditedAt' | 'priority'>) =>
  !!c.expedited || !!c.expeditedAt || (c.priority ?? 0) > 0;

/** Kind, cross-border and expedited markers of a case. */
export function KindTags({ c }: { c: CaseSummary }) {
  const { t, label } = useConsoleI18n();
  return (
    <Space size={4} wrap>
      <Tag color={c.kind === 'enterprise' ? 'geekblue' : 'cyan'} style={{ marginInlineEnd: 0 }}>
        {label('console.kind', c.kind)}
      </Tag>
      {c.crossBorder && (
        <Tag color="purple" style={{ marginInlineEnd: 0 }}>
          {t('console.tag.crossBorder')}
        </Tag>
      )}
      {isExpedited(c) && (
        <Tag
          color="volcano"
          icon={<ThunderboltOutlined />}
          style={{ marginInlineEnd: 0 }}
          data-testid="tag-expedited"
        >
          {t('console.tag.expedited')}
        </Tag>
      )}
      {c.escalated && (
        <Tag
          color="magenta"
          icon={<RiseOutlined />}
          style={{ marginInlineEnd: 0 }}
          data-testid="tag-escalated"
        >
          {t('console.tag.escalated')}
        </Tag>
      )}
    </Space>
  );
}
