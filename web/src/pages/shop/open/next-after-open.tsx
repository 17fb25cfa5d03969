import type { Requirements } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { formatYuan } from '../money';
import { RequirementTags } from './requirement-tags';

/** What opening a shop in the chosen category means: the steps that will follow. */
export function NextAfterOpen({ requirements: r }: { requirements: Requirements }) {
  const { t } = useI18n();
  return (
    <div>
      <RequirementTags requirements={r} />
      <ol className="kd-shop-next">
        {r.qualifications.length > 0 && (
          <li>{t('shop.open.nextQual', { names: r.qualifications.map((q) => q.name).join('、') })}</li>
        )}
        {r.deposit.amountFen > 0 && (
          <li>{t('shop.open.nextDeposit', { amount: formatYuan(r.deposit.amountFen) })}</li>
        )}
        <li>{t('shop.open.nextDecorate')}</li>
        <li>{t('shop.open.nextActivate')}</li>
      </ol>
      <div className="kd-muted">{t('shop.open.free')}</div>
    </div>
  );
}
