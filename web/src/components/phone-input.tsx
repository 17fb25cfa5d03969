import { useQuery } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { checkPhone } from '../api/accounts';
import { useDebounced } from '../hooks/use-debounced';
import { formatPhone } from '../hooks/use-format';
import { useLatest } from '../hooks/use-latest';
import { useI18n } from '../i18n/i18n-context';

type Props = {
  value: string;
  onChange: (v: string) => void;
  onNormalized: (n: string) => void;
  autoFocus?: boolean;
  label?: string;
  testId?: string;
  /** Replaces "we will send a code to…" once the number is valid (e.g. "code sent to…"). */
  validHelp?: ReactNode;
};

/** Mobile number with live validation by the server (POST /v1/phone-checks): same answer as at submit. */
export function PhoneInput({ value, onChange, onNormalized, autoFocus, label, testId, validHelp }: Props) {
  const { t } = useI18n();
  const [blurred, setBlurred] = useState(false);
  const debounced = useDebounced(value.trim(), 300);
  const q = useQuery({
    queryKey: ['phone-check', debounced],
    queryFn: ({ signal }) => checkPhone(debounced, signal),
    enabled: debounced.length > 0,
    staleTime: Infinity,
    retry: false,
  });
  const settled = debounced === value.trim() && !q.isFetching && q.data !== undefined;
  const valid = settled && q.data?.valid === true;
  const normalized = valid ? (q.data?.normalized ?? '') : '';
  const cb = useLatest(onNormalized);
  useEffect(() => cb.current(normalized), [normalized, cb]);
  // Only complain once the number looks complete (11+ digits) or the user paused on something wrong.
  const digits = value.replace(/\D/g, '').length;
  const showInvalid = settled && !valid && (digits >= 11 || blurred);
  return (
    <Form.Item
      label={label ?? t('field.phone')}
      required
      hasFeedback={Boolean(value)}
      validateStatus={
        !value
          ? undefined
          : valid
            ? 'success'
            : showInvalid
              ? 'error'
              : q.isFetching
                ? 'validating'
                : undefined
      }
      help={
        valid
          ? (validHelp ?? t('field.phone.valid', { phone: formatPhone(normalized) }))
          : showInvalid
            ? t('field.phone.invalid')
            : undefined
      }
    >
      <Input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => setBlurred(true)}
        onFocus={() => setBlurred(false)}
        placeholder={t('field.phone.placeholder')}
        inputMode="tel"
        autoComplete="tel"
        maxLength={20}
        size="large"
        prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>+86</span>}
        autoFocus={autoFocus}
        data-testid={testId ?? 'phone'}
      />
    </Form.Item>
  );
}
