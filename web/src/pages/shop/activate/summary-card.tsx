import { Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { ActivationSummary } from '../../../api/shops';
import { formatPhone } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { Link } from '../../../router/link';
import { formatYuan } from '../money';

/** ACT-1: phone, email, masked identity, shop name and category, each with where to correct it. */
export function SummaryCard({ summary: s }: { summary: ActivationSummary }) {
  const { t } = useI18n();
  const fix = (to: string, testId: string, label?: ReactNode) => (
    <Link to={to} className="kd-shop-fix" data-testid={testId}>
      {label ?? t('shop.act.fix')}
    </Link>
  );
  const approved = s.qualifications.filter((q) => q.status === 'approved').length;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      data-testid="activation-summary"
      style={{ marginBottom: 16 }}
    >
      <Descriptions.Item label={t('field.phone')}>
        <span data-testid="summary-phone">{s.phone ? formatPhone(s.phone) : t('home.phoneNone')}</span>
        {fix('/security#phone', 'fix-phone')}
      </Descriptions.Item>
      <Descriptions.Item label={t('shop.act.email')}>
        <span data-testid="summary-email">{s.email ?? t('shop.act.noEmail')}</span>
        {fix('/security#email', 'fix-email', s.email ? undefined : t('shop.act.bindEmail'))}
      </Descriptions.Item>
      <Descriptions.Item label={t('shop.act.identity')}>
        {s.identity ? (
          <span data-testid="summary-identity">
            <Tag>{t(`field.accountType.${s.identity.kind}` as MessageKey)}</Tag>
            {s.identity.name} · {s.identity.number}
            {s.identity.legalRepresentative &&
              ` · ${t('shop.act.legalRep', { name: s.identity.legalRepresentative })}`}
          </span>
        ) : (
          t('verification.status.none')
        )}
        {fix('/verification', 'fix-identity', t('shop.act.viewVerification'))}
      </Descriptions.Item>
      <Descriptions.Item label={t('shop.act.shopName')}>
        <span data-testid="summary-shop-name">{s.shop.name}</span>
        {fix('/shop/support/new?type=activation', 'fix-shop', t('shop.act.askSupport'))}
      </Descriptions.Item>
      <Descriptions.Item label={t('shop.open.category')}>
        <span data-testid="summary-category">
          {s.category ? s.category.path.join(' › ') : s.shop.categoryId}
        </span>
        {fix('/shop/support/new?type=activation', 'fix-category', t('shop.act.askSupport'))}
      </Descriptions.Item>
      {s.qualifications.length > 0 && (
        <Descriptions.Item label={t('shop.step.qualifications')}>
          {approved}/{s.qualifications.length}
          {fix('/shop/qualifications', 'fix-qualifications', t('shop.act.view'))}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('shop.step.deposit')}>
        {s.deposit.requiredFen === 0
          ? t('shop.step.dep.none')
          : `¥${formatYuan(s.deposit.heldFen)} / ¥${formatYuan(s.deposit.requiredFen)}`}
        {s.deposit.requiredFen > 0 && fix('/shop/deposit', 'fix-deposit', t('shop.act.view'))}
      </Descriptions.Item>
    </Descriptions>
  );
}
