import { Input } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import { graphemeLength } from '../graphemes';

export const TITLE_MAX = 30;

/** PROD-1: the title with a live counter of characters as a person reads them (like the server). */
export function TitleField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const n = graphemeLength(value);
  const over = n > TITLE_MAX;
  return (
    <>
      <Input
        size="large"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t('shop.prod.titlePlaceholder')}
        status={over ? 'error' : undefined}
        data-testid="product-title"
        aria-label={t('shop.prod.titleLabel')}
        suffix={
          <span
            className={over ? 'kd-shop-count kd-shop-count-over' : 'kd-shop-count'}
            data-testid="product-title-count"
          >
            {n}/{TITLE_MAX}
          </span>
        }
      />
      <div className={over ? 'kd-shop-error-text' : 'kd-muted'} style={{ marginTop: 4 }}>
        {over ? t('shop.prod.titleTooLong', { n, max: TITLE_MAX }) : t('shop.prod.titleHint')}
      </div>
    </>
  );
}
