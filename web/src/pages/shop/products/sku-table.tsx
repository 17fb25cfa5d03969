import { Button, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { parseYuan } from '../money';
import { comboKey, comboLabel } from './combos';

export type SkuDraft = { price: string; stock: number | null };
type Props = {
  combos: Array<Record<string, string>>;
  values: Record<string, SkuDraft>;
  onChange: (v: Record<string, SkuDraft>) => void;
  showErrors: boolean;
};

/** One row per combination: price in yuan (at most 2 decimals) and stock; a batch fill on top. */
export function SkuTable({ combos, values, onChange, showErrors }: Props) {
  const { t } = useI18n();
  const [batchPrice, setBatchPrice] = useState('');
  const [batchStock, setBatchStock] = useState<number | null>(null);
  const get = (k: string): SkuDraft => values[k] ?? { price: '', stock: null };
  const set = (k: string, v: SkuDraft) => onChange({ ...values, [k]: v });
  const fill = () => {
    const next = { ...values };
    for (const c of combos) {
      const k = comboKey(c);
      next[k] = { price: batchPrice || get(k).price, stock: batchStock ?? get(k).stock };
    }
    onChange(next);
  };
  return (
    <div data-testid="sku-table">
      {combos.length > 1 && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            prefix="¥"
            inputMode="decimal"
            placeholder={t('shop.prod.price')}
            value={batchPrice}
            onChange={(e) => setBatchPrice(e.target.value)}
            data-testid="sku-batch-price"
          />
          <InputNumber
            min={0}
            max={1_000_000_000}
            precision={0}
            placeholder={t('shop.prod.stock')}
            value={batchStock}
            onChange={(v) => setBatchStock(typeof v === 'number' ? v : null)}
            style={{ width: '40%' }}
            data-testid="sku-batch-stock"
          />
          <Button onClick={fill} data-testid="sku-batch-apply">
            {t('shop.prod.fillAll')}
          </Button>
        </Space.Compact>
      )}
      <div className="kd-shop-sku-head">
        <span>{t('shop.prod.combination')}</span>
        <span>{t('shop.prod.price')}</span>
        <span>{t('shop.prod.stock')}</span>
      </div>
      {combos.map((c, i) => {
        const k = comboKey(c);
        const v = get(k);
        const p = parseYuan(v.price);
        const priceError = !p.ok && (showErrors || (v.price !== '' && p.reason !== 'empty'));
        const stockError = showErrors && v.stock === null;
        return (
          <div className="kd-shop-sku" key={k} data-testid={`sku-row-${i}`}>
            <div className="kd-shop-sku-label">{comboLabel(c) || t('shop.prod.single')}</div>
            <div>
              <Input
                prefix="¥"
                inputMode="decimal"
                value={v.price}
                status={priceError ? 'error' : undefined}
                onChange={(e) => set(k, { ...v, price: e.target.value })}
                placeholder="0.00"
                aria-label={`${t('shop.prod.price')} ${comboLabel(c)}`}
                data-testid={`sku-price-${i}`}
              />
              {priceError && !p.ok && (
                <div className="kd-shop-error-text" data-testid={`sku-price-error-${i}`}>
                  {t(`shop.prod.priceError.${p.reason}` as MessageKey)}
                </div>
              )}
            </div>
            <div>
              <InputNumber
                min={0}
                max={1_000_000_000}
                precision={0}
                value={v.stock}
                status={stockError ? 'error' : undefined}
                onChange={(n) => set(k, { ...v, stock: typeof n === 'number' ? n : null })}
                style={{ width: '100%' }}
                aria-label={`${t('shop.prod.stock')} ${comboLabel(c)}`}
                data-testid={`sku-stock-${i}`}
              />
              {stockError && <div className="kd-shop-error-text">{t('shop.prod.stockRequired')}</div>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
