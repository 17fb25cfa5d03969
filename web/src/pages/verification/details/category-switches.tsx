import { Checkbox, Form } from 'antd';
import type { VerificationKind } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import type { Details } from './details-state';

type Props = { kind: VerificationKind; d: Details; patch: (p: Partial<Details>) => void };

/** What the merchant will sell decides extra documents: KYC-4 (holding the ID), KYC-2 (industry licence). */
export function CategorySwitches({ kind, d, patch }: Props) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('verification.field.categories')} style={{ marginBottom: 12 }}>
      <Checkbox
        checked={d.highRiskCategory}
        onChange={(e) => patch({ highRiskCategory: e.target.checked })}
        data-testid="verification-high-risk"
      >
        {t('verification.field.highRisk')}
      </Checkbox>
      {kind === 'enterprise' && (
        <Checkbox
          checked={d.regulatedIndustry}
          onChange={(e) => patch({ regulatedIndustry: e.target.checked })}
          data-testid="verification-regulated"
          style={{ marginTop: 6 }}
        >
          {t('verification.field.regulated')}
        </Checkbox>
      )}
    </Form.Item>
  );
}
