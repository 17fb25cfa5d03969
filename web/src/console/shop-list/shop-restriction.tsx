import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from '../../router/link';
import { formatFen } from '../money';
import type { AdminShop } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperatorName } from '../use-operator';

/** Effect codes as tags ("禁止上架新商品", "冻结提现"). */
export function EffectTags({ effects }: { effects: string[] }) {
  const { label } = useConsoleI18n();
  return (
    <Space size={4} wrap>
      {effects.map((e) => (
        <Tag key={e} color="volcano" data-testid="shop-effect" data-effect={e}>
          {label('console.shops.effect', e)}
        </Tag>
      ))}
    </Space>
  );
}

/** The holds (operator, re-verification) and the suspension, each with reasons, effects and since. */
export function ShopRestriction({ shop }: { shop: AdminShop }) {
  const { t, lang, label } = useConsoleI18n();
  const nameOf = useOperatorName();
  const r = shop.restriction;
  if (!r)
    return (
      <Typography.Text type="secondary" data-testid="shop-no-restriction">
        {t('console.shops.noRestriction')}
      </Typography.Text>
    );
  const reasons = (codes: string[]) => codes.map((c) => label('console.shops.reason', c)).join('、');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="shop-restriction">
      {r.suspension && (
        <Alert
          type="error"
          showIcon
          title={`${t('console.shops.suspension')}: ${label('console.shops.reason', r.suspension.reason)}`}
          description={
            <div>
              {r.suspension.message && (
                <div>
                  {t('console.shops.hold.message')}: {r.suspension.message}
                </div>
              )}
              <div style={{ fontSize: 12 }}>
                {t('console.shops.hold.since')} {formatDateTime(r.suspension.since, lang)}
                {r.suspension.by ? ` · ${t('console.shops.hold.by')} ${nameOf(r.suspension.by)}` : ''}
              </div>
              <div style={{ fontSize: 12 }}>{t('console.shops.suspensionHint')}</div>
            </div>
          }
          data-testid="shop-suspension"
        />
      )}
      {r.holds.map((h) => (
        <Descriptions
          key={h.source}
          size="small"
          bordered
          column={2}
          data-testid="shop-hold"
          data-source={h.source}
          title={
            <Tag color={h.source === 'operator' ? 'orange' : 'purple'}>
              {label('console.shops.hold.source', h.source)}
            </Tag>
          }
        >
          <Descriptions.Item label={t('console.shops.hold.reasons')} span={2}>
            <span data-testid="shop-hold-reasons">{reasons(h.reasons)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('console.shops.hold.effects')} span={2}>
            <EffectTags effects={h.effects} />
          </Descriptions.Item>
          <Descriptions.Item label={t('console.shops.hold.since')}>
            {formatDateTime(h.since, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('console.shops.hold.by')}>
            {h.by ? nameOf(h.by) : label('console.shops.actor', 'system')}
          </Descriptions.Item>
          {h.message && (
            <Descriptions.Item label={t('console.shops.hold.message')} span={2}>
              {h.message}
            </Descriptions.Item>
          )}
          {h.source === 'reverification' && (
            <Descriptions.Item label="" span={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('console.shops.hold.reverificationHint')}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      ))}
    </Space>
  );
}

/** The close request: who and when, where a cancel returns, what holds it up, the refund. */
export function ShopCloseRequest({ shop }: { shop: AdminShop }) {
  const { t, lang, label } = useConsoleI18n();
  const c = shop.closeRequest;
  if (!c) return null;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="shop-close-request">
      {c.blockedBy && !c.closedAt && (
        <Alert
          type="warning"
          showIcon
          title={t('console.shops.close.blocked', {
            n: c.blockedBy.openDeductions,
            since: formatDateTime(c.blockedBy.since, lang),
          })}
          action={
            <Link to={`/console/shops/deposit?shop=${encodeURIComponent(shop.id)}`}>
              {t('console.shops.depositLink')}
            </Link>
          }
          data-testid="shop-close-blocked"
        />
      )}
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t('console.shops.close.requestedBy')}>
          {label('console.shops.actor', c.requestedBy)}
        </Descriptions.Item>
        <Descriptions.Item label={t('console.shops.close.requestedAt')}>
          {formatDateTime(c.requestedAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('console.shops.close.reason')} span={2}>
          {c.reason || '—'}
        </Descriptions.Item>
        {c.closedAt ? (
          <Descriptions.Item label={t('console.shops.close.closedAt')}>
            {formatDateTime(c.closedAt, lang)}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('console.shops.close.resumeStatus')}>
            {label('console.shop.status', c.resumeStatus)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('console.shops.close.refund')}>
          {c.refund ? (
            <span data-testid="shop-close-refund">
              {formatFen(c.refund.amountFen)}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.refund.id}
              </Typography.Text>
            </span>
          ) : c.closedAt ? (
            t('console.shops.close.noRefund')
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}
