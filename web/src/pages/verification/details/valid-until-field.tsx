import { Checkbox, Form, Input } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import { checkValidUntil, LONG_TERM } from '../validators';

type Props = {
  label: string;
  value: string;
  onChange: (v: string) => void;
  serverError?: string | null;
  testId: string;
};

/** KYC-3: the document's end date (native date picker on phones) or "no end date". */
export function ValidUntilField({ label, value, onChange, serverError, testId }: Props) {
  const { t } = useI18n();
  const longTerm = value === LONG_TERM;
  const c = checkValidUntil(value);
  const status = serverError || c.state === 'error' ? 'error' : c.state === 'ok' ? 'success' : '';
  const help = serverError
    ? serverError
    : c.state === 'error'
      ? t(c.message, c.vars)
      : c.state === 'ok' && !longTerm
        ? t('verification.validUntil.ok')
        : null;
  return (
    <Form.Item label={label} validateStatus={status} help={help}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <Input
          type="date"
          size="large"
          value={longTerm ? '' : value}
          disabled={longTerm}
          onChange={(e) => onChange(e.target.value)}
          style={{ flex: 1, minWidth: 0 }}
          data-testid={testId}
        />
        <Checkbox
          checked={longTerm}
          onChange={(e) => onChange(e.target.checked ? LONG_TERM : '')}
          data-testid={`${testId}-long-term`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {t('verification.field.longTerm')}
        </Checkbox>
      </div>
    </Form.Item>
  );
}
