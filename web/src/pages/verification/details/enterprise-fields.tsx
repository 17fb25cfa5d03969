import { Form, Input } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import { checkAnyIdNumber, checkUscc } from '../validators';
import { CheckedField } from './checked-field';
import type { Details, DetailsField } from './details-state';
import { ValidUntilField } from './valid-until-field';

type Props = {
  d: Details;
  patch: (p: Partial<Details>) => void;
  serverError: (f: DetailsField) => string | null;
};

/** KYC-2: company name, USCC (checked live), legal representative, licence validity. */
export function EnterpriseFields({ d, patch, serverError }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('verification.field.companyName')}>
        <Input
          size="large"
          value={d.companyName}
          onChange={(e) => patch({ companyName: e.target.value })}
          placeholder={t('verification.field.companyName.placeholder')}
          maxLength={128}
          autoComplete="organization"
          data-testid="verification-company-name"
        />
      </Form.Item>
      <CheckedField
        label={t('verification.field.uscc')}
        value={d.uscc}
        onChange={(v) => patch({ uscc: v })}
        check={checkUscc(d.uscc)}
        okText={t('verification.uscc.ok')}
        serverError={serverError('uscc')}
        placeholder={t('verification.field.uscc.placeholder')}
        testId="verification-uscc"
      />
      <Form.Item label={t('verification.field.legalRepName')}>
        <Input
          size="large"
          value={d.repName}
          onChange={(e) => patch({ repName: e.target.value })}
          maxLength={64}
          data-testid="verification-rep-name"
        />
      </Form.Item>
      <CheckedField
        label={t('verification.field.legalRepIdNumber')}
        value={d.repIdNumber}
        onChange={(v) => patch({ repIdNumber: v })}
        check={checkAnyIdNumber(d.repIdNumber)}
        serverError={serverError('repIdNumber')}
        placeholder={t('verification.field.idNumber.placeholder')}
        testId="verification-rep-id-number"
      />
      <ValidUntilField
        label={t('verification.field.licenceValidUntil')}
        value={d.validUntil}
        onChange={(v) => patch({ validUntil: v })}
        serverError={serverError('validUntil')}
        testId="verification-valid-until"
      />
    </>
  );
}
