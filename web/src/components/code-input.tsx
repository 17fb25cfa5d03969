import type { InputRef } from 'antd';
import { Input } from 'antd';
import type { Ref } from 'react';

type Props = {
  value?: string;
  onChange?: (v: string) => void;
  autoFocus?: boolean;
  placeholder?: string;
  inputRef?: Ref<InputRef>;
  testId?: string;
  onEnter?: () => void;
};

/** A 6-digit one-time code field: numeric keyboard on phones, SMS autofill, digits only. */
export function CodeInput({ value, onChange, autoFocus, placeholder, inputRef, testId, onEnter }: Props) {
  return (
    <Input
      ref={inputRef}
      value={value}
      onChange={(e) => onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
      onPressEnter={onEnter}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      autoFocus={autoFocus}
      placeholder={placeholder}
      size="large"
      data-testid={testId ?? 'code-input'}
      style={{ letterSpacing: value ? '0.4em' : undefined, fontVariantNumeric: 'tabular-nums' }}
    />
  );
}
