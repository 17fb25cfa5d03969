import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useEffect } from 'react';
import { checkPassword } from '../api/accounts';
import type { PasswordCheck } from '../api/types';
import { useDebounced } from '../hooks/use-debounced';
import { useLatest } from '../hooks/use-latest';
import { useI18n } from '../i18n/i18n-context';

type Props = {
  password: string;
  phone?: string;
  email?: string;
  onResult?: (r: PasswordCheck | null) => void;
};

/** Live password rules from POST /v1/password-checks (debounced), each rule ticked or crossed. */
export function PasswordRules({ password, phone, email, onResult }: Props) {
  const { t, lang } = useI18n();
  const debounced = useDebounced(password, 250);
  const q = useQuery({
    queryKey: ['password-check', debounced, phone ?? '', email ?? '', lang],
    queryFn: ({ signal }) =>
      checkPassword({ password: debounced, phone: phone || undefined, email: email || undefined }, signal),
    enabled: debounced.length > 0,
    staleTime: 60_000,
    retry: false,
    placeholderData: (prev) => prev,
  });
  const stale = debounced !== password || q.isFetching;
  const result = password && debounced === password && !q.isFetching ? (q.data ?? null) : null;
  const cb = useLatest(onResult);
  useEffect(() => cb.current?.(result), [result, cb]);
  if (!password) return null;
  return (
    <div data-testid="password-rules" style={{ margin: '-8px 0 16px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('password.rules')} {stale && <LoadingOutlined style={{ marginLeft: 4 }} />}
      </Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {(q.data?.rules ?? []).map((r) => (
          <li
            key={r.rule}
            data-ok={r.ok}
            style={{ fontSize: 13, lineHeight: '22px', color: r.ok ? '#389e0d' : '#cf1322' }}
          >
            {r.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
            <span style={{ marginLeft: 4 }}>{r.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
