import { Form, Input, Select } from 'antd';
import type { IdRegion, IdType } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { checkIdNumber, ID_TYPES_BY_REGION } from '../validators';
import { CheckedField } from './checked-field';
import type { Details, DetailsField } from './details-state';
import { ValidUntilField } from './valid-until-field';

type Props = {
  d: Details;
  patch: (p: Partial<Details>) => void;
  serverError: (f: DetailsField) => string | null;
};

const REGIONS: IdRegion[] = ['mainland', 'hong_kong', 'macao', 'taiwan', 'overseas'];

/** KYC-1: name, region and type of the document, its number (checked live) and validity. */
export function PersonalFields({ d, patch, serverError }: Props) {
  const { t } = useI18n();
  const types = ID_TYPES_BY_REGION[d.idRegion];
  const is18 = d.idType === 'resident_id' || d.idType === 'residence_permit';
  return (
    <>
      <Form.Item label={t('verification.field.name')}>
        <Input
          size="large"
          value={d.name}
          onChange={(e) => patch({ name: e.target.value })}
          placeholder={t('verification.field.name.placeholder')}
          maxLength={64}
          autoComplete="name"
          data-testid="verification-name"
        />
      </Form.Item>
      <Form.Item label={t('verification.field.idRegion')}>
        <Select
          size="large"
          value={d.idRegion}
          onChange={(r: IdRegion) => patch({ idRegion: r, idType: ID_TYPES_BY_REGION[r][0]! })}
          options={REGIONS.map((r) => ({ value: r, label: t(`verification.region.${r}` as MessageKey) }))}
          data-testid="verification-region"
        />
      </Form.Item>
      {types.length > 1 && (
        <Form.Item label={t('verification.field.idType')}>
          <Select
            size="large"
            value={d.idType}
            onChange={(v: IdType) => patch({ idType: v })}
            options={types.map((v) => ({ value: v, label: t(`verification.idType.${v}` as MessageKey) }))}
            data-testid="verification-id-type"
          />
        </Form.Item>
      )}
      <CheckedField
        label={t('verification.field.idNumber')}
        value={d.idNumber}
        onChange={(v) => patch({ idNumber: v })}
        check={checkIdNumber(d.idNumber, d.idType, d.idRegion)}
        serverError={serverError('idNumber')}
        placeholder={
          is18
            ? t('verification.field.idNumber.placeholder')
            : t('verification.field.idNumber.otherPlaceholder')
        }
        testId="verification-id-number"
      />
      <ValidUntilField
        label={t('verification.field.validUntil')}
        value={d.validUntil}
        onChange={(v) => patch({ validUntil: v })}
        serverError={serverError('validUntil')}
        testId="verification-valid-until"
      />
    </>
  );
}
