import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import type { FieldCheck } from '../validators';

type Props = {
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  check: FieldCheck;
  /** Shown for a good value when the check has no note of its own. */
  okText?: string;
  /** The server's answer for this field (id_number_invalid…), until the value changes. */
  serverError?: string | null;
  placeholder?: string;
  testId: string;
  maxLength?: number;
};

const PARTIAL: readonly MessageKey[] = ['verification.idNumber.partial', 'verification.uscc.partial'];

/**
 * A text field checked while the merchant types: the validator's answer is the help line. "Still
 * typing" (fewer characters than needed) is neutral; a wrong value is red at once.
 */
export function CheckedField(p: Props) {
  const { t } = useI18n();
  const c = p.check;
  let status: '' | 'success' | 'error' | 'validating' = '';
  let help: ReactNode = null;
  if (p.serverError) {
    status = 'error';
    help = p.serverError;
  } else if (c.state === 'ok') {
    status = 'success';
    help = c.note ? t(c.note, c.vars) : (p.okText ?? null);
  } else if (c.state === 'error') {
    status = PARTIAL.includes(c.message) ? '' : 'error';
    help = t(c.message, c.vars);
  } else if (c.state === 'server') {
    help = t('verification.idNumber.server');
  }
  return (
    <Form.Item label={p.label} validateStatus={status} help={help} hasFeedback={status === 'success'}>
      <Input
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        placeholder={p.placeholder}
        maxLength={p.maxLength ?? 32}
        autoComplete="off"
        spellCheck={false}
        size="large"
        data-testid={p.testId}
        data-check={c.state}
      />
    </Form.Item>
  );
}
