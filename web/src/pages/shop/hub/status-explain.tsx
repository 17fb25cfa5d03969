import { Alert } from 'antd';
import type { Shop } from '../../../api/shops';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';

const TYPE: Record<Shop['status'], 'info' | 'success' | 'warning' | 'error'> = {
  draft: 'info',
  pending_qualification: 'info',
  pending_deposit: 'warning',
  ready_to_activate: 'success',
  active: 'success',
  restricted: 'warning',
  suspended: 'error',
  closing: 'warning',
  closed: 'info',
};

/** Every status in words, with what happens next. */
export function StatusExplain({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const measures = restrictionMeasures(shop.restriction);
  return (
    <Alert
      type={TYPE[shop.status]}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="shop-status-explain"
      data-status={shop.status}
      title={t(`shop.status.${shop.status}` as MessageKey)}
      description={
        <>
          <div>{t(`shop.statusNext.${shop.status}` as MessageKey)}</div>
          {measures.length > 0 && (
            <div style={{ marginTop: 4 }}>
              {t('shop.hub.measures', { measures: measures.map((m) => measureText(t, m)).join('、') })}
            </div>
          )}
          <div className="kd-muted" style={{ marginTop: 4 }}>
            {t('shop.hub.since', { time: dateTime(shop.statusChangedAt) })}
          </div>
        </>
      }
    />
  );
}

/** What the restriction blocks: `restriction.effects` (src/modules/shops/restrictions.ts). */
function restrictionMeasures(r: unknown): string[] {
  if (!r || typeof r !== 'object') return [];
  const m = (r as { effects?: unknown }).effects;
  return Array.isArray(m) ? m.filter((x): x is string => typeof x === 'string') : [];
}

function measureText(t: ReturnType<typeof useI18n>['t'], m: string): string {
  const key = `shop.measure.${m}` as MessageKey;
  return t(key) === key ? m : t(key);
}
