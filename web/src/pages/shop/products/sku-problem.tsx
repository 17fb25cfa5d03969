import { Alert } from 'antd';
import { isApiError } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n-context';
import { comboLabel } from './combos';

/** 400 sku_invalid: the title and, for combinations, which ones are missing. */
export function SkuProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!isApiError(error, 'sku_invalid')) return null;
  const p = error.problem;
  const missing = Array.isArray(p.missing) ? (p.missing as Array<Record<string, string>>) : [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={p.title}
      data-code={p.code}
      description={
        <>
          {typeof p.reason === 'string' && <code className="kd-shop-code">{p.reason}</code>}
          {missing.length > 0 && (
            <div>{t('shop.prod.missingCombos', { list: missing.map(comboLabel).join('、') })}</div>
          )}
        </>
      }
    />
  );
}
