import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Input, Tag } from 'antd';
import { useEffect } from 'react';
import { checkShopName, type NameAvailability } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useDebounced } from '../../../hooks/use-debounced';
import { useLatest } from '../../../hooks/use-latest';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { graphemeLength } from '../graphemes';

export const NAME_MAX = 30;

type Props = {
  value: string;
  onChange: (v: string) => void;
  /** The last answer for the value on screen (undefined while typing or checking). */
  onChecked: (a: NameAvailability | undefined) => void;
  extraSuggestions?: string[];
};

/** SHOP-1: the name with a live availability check, the reason codes and suggestions to pick. */
export function NameField({ value, onChange, onChecked, extraSuggestions }: Props) {
  const { t } = useI18n();
  const settled = useDebounced(value.trim(), 400);
  const q = useQuery({
    queryKey: ['shop-name', settled],
    queryFn: ({ signal }) => checkShopName(settled, signal),
    enabled: settled.length > 0,
    retry: false,
    staleTime: 30_000,
  });
  const current = settled === value.trim() && q.data ? q.data : undefined;
  // Tell the form what we know about the value on screen.
  const report = useLatest(onChecked);
  useEffect(() => report.current(current), [current, report]);
  const length = graphemeLength(value);
  const checking = value.trim() !== settled || q.isFetching;
  const suggestions = [...(current?.suggestions ?? []), ...(extraSuggestions ?? [])].filter(
    (s, i, all) => all.indexOf(s) === i,
  );
  return (
    <div className="kd-shop-field">
      <Input
        size="large"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t('shop.open.namePlaceholder')}
        maxLength={60}
        data-testid="shop-name-input"
        aria-label={t('shop.open.name')}
        suffix={
          <span className={length > NAME_MAX ? 'kd-shop-count kd-shop-count-over' : 'kd-shop-count'}>
            {length}/{NAME_MAX}
          </span>
        }
      />
      <div
        className="kd-shop-name-state"
        data-testid="shop-name-state"
        data-state={stateOf(value, checking, current)}
      >
        {!value.trim() ? (
          <span className="kd-muted">{t('shop.open.nameRules')}</span>
        ) : checking ? (
          <span className="kd-muted">
            <LoadingOutlined /> {t('shop.open.nameChecking')}
          </span>
        ) : current?.available ? (
          <span style={{ color: '#389e0d' }}>
            <CheckCircleFilled /> {t('shop.open.nameAvailable', { name: current.name })}
          </span>
        ) : current ? (
          <span style={{ color: '#cf1322' }} data-reason={current.reason}>
            <CloseCircleFilled /> {reasonText(t, current)}
            <code className="kd-shop-code">{codeOf(current)}</code>
          </span>
        ) : null}
      </div>
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {suggestions.length > 0 && (
        <div className="kd-shop-suggestions" data-testid="shop-name-suggestions">
          <span className="kd-muted">{t('shop.open.suggestions')}</span>
          {suggestions.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={false}
              onChange={() => onChange(s)}
              data-testid="shop-name-suggestion"
            >
              {s}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
    </div>
  );
}

function stateOf(value: string, checking: boolean, a: NameAvailability | undefined) {
  if (!value.trim()) return 'empty';
  if (checking || !a) return 'checking';
  return a.available ? 'available' : (a.reason ?? 'unavailable');
}

/** The API's error code for a refused name (what POST /v1/shops would answer). */
function codeOf(a: NameAvailability): string {
  if (a.reason === 'taken') return 'shop_name_taken';
  if (a.reason === 'forbidden') return 'shop_name_forbidden';
  return 'shop_name_invalid';
}

function reasonText(t: ReturnType<typeof useI18n>['t'], a: NameAvailability): string {
  const key = `shop.open.reason.${a.reason ?? 'invalid_characters'}` as MessageKey;
  return t(key, { term: a.term ?? '', min: 2, max: NAME_MAX });
}
