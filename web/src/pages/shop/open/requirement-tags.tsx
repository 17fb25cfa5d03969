import { AuditOutlined, FileProtectOutlined, WalletOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { Requirements } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { formatYuan } from '../money';

/** What a level-2 category asks for: qualifications, a deposit in ¥, manual review. */
export function RequirementTags({ requirements: r }: { requirements: Requirements }) {
  const { t } = useI18n();
  const none = r.qualifications.length === 0 && r.deposit.amountFen === 0 && !r.manualReview;
  return (
    <div className="kd-shop-reqs" data-testid="category-requirements">
      {none && <Tag color="green">{t('shop.req.none')}</Tag>}
      {r.deposit.amountFen > 0 && (
        <Tag icon={<WalletOutlined />} color="orange" data-testid="req-deposit">
          {t('shop.req.deposit', { amount: formatYuan(r.deposit.amountFen) })}
        </Tag>
      )}
      {r.manualReview && (
        <Tag icon={<AuditOutlined />} color="blue">
          {t('shop.req.manualReview')}
        </Tag>
      )}
      {r.qualifications.map((q) => (
        <Tag key={q.code} icon={<FileProtectOutlined />} color="purple" data-testid={`req-qual-${q.code}`}>
          {q.name}
        </Tag>
      ))}
    </div>
  );
}
