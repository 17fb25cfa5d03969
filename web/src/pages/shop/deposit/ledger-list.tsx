import { Empty, Typography } from 'antd';
import type { DepositEntry } from '../../../api/shops';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { formatYuan } from '../money';

/** The shop's ledger entries (held and pending accounts), newest first. */
export function LedgerList({ entries }: { entries: DepositEntry[] }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const kind = (k: string) => {
    const key = `shop.dep.kind.${k}` as MessageKey;
    return t(key) === key ? k : t(key);
  };
  return (
    <div style={{ marginTop: 24 }} data-testid="deposit-ledger">
      <Typography.Title level={5}>{t('shop.dep.ledger')}</Typography.Title>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shop.dep.ledgerEmpty')} />
      ) : (
        entries.map((e) => (
          <div key={e.id} className="kd-shop-row" data-testid="deposit-entry">
            <div style={{ flex: 1, minWidth: 0 }}>
              <div>{kind(e.kind)}</div>
              <div className="kd-muted">
                {t(`shop.dep.account.${e.account}` as MessageKey)} · {dateTime(e.createdAt)}
              </div>
            </div>
            <div className={e.amountFen >= 0 ? 'kd-shop-plus' : 'kd-shop-minus'}>
              {e.amountFen >= 0 ? '+' : '−'}¥{formatYuan(Math.abs(e.amountFen))}
            </div>
          </div>
        ))
      )}
    </div>
  );
}
