import { Alert, Button, Descriptions, Drawer, Space, Typography } from 'antd';
import { useState } from 'react';
import { type AdminTransfer, OPEN_STATUSES } from '../../api/ownership';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperator } from '../use-operator';
import { type EndAction, EndTransferModal } from './end-transfer-modal';
import { TransferStatusTag } from './transfer-status-tag';
import { TransferWindows } from './transfer-windows';

const CAN_END = ['admin', 'senior_reviewer'];

/** One transfer: parties (masked phones, merchant ids), windows, outcome, cancel / block. */
export function TransferDrawer({
  transfer: tr,
  onClose,
}: {
  transfer: AdminTransfer | null;
  onClose: () => void;
}) {
  const { t, lang, label } = useConsoleI18n();
  const op = useOperator();
  const [action, setAction] = useState<EndAction | null>(null);
  const open = !!tr && OPEN_STATUSES.includes(tr.status);
  const canEnd = !!op && CAN_END.includes(op.role);
  return (
    <Drawer
      open={!!tr}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={
        tr ? (
          <Space>
            <span data-testid="transfer-drawer-shop">{tr.shopName}</span>
            <TransferStatusTag status={tr.status} testId="transfer-drawer-status" />
          </Space>
        ) : (
          t('console.tr.drawerTitle')
        )
      }
      data-testid="transfer-drawer"
    >
      {tr && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Alert
            type={tr.status === 'blocked' ? 'error' : open ? 'info' : 'success'}
            showIcon
            title={label('console.tr.next', tr.status)}
            data-testid="transfer-drawer-next"
          />
          <Descriptions size="small" column={1} bordered data-testid="transfer-details">
            <Descriptions.Item label={t('console.tr.id')}>
              <Typography.Text code copyable style={{ fontSize: 12 }}>
                {tr.id}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.tr.shop')}>
              {tr.shopName}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr.shopId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.tr.from')}>
              <span data-testid="transfer-drawer-from">{tr.from.phone ?? '—'}</span>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr.fromMerchantId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.tr.to')}>
              <span data-testid="transfer-drawer-to">{tr.to.phone ?? '—'}</span>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr.toMerchantId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.tr.requestedAt')}>
              {formatDateTime(tr.requestedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.tr.col.windows')}>
              <TransferWindows transfer={tr} />
            </Descriptions.Item>
            {tr.endedBy && (
              <Descriptions.Item label={t('console.tr.endedBy')}>
                <span data-testid="transfer-drawer-ended-by">{label('console.tr.by', tr.endedBy)}</span>
              </Descriptions.Item>
            )}
            {tr.reason && (
              <Descriptions.Item label={t('console.tr.reason')}>
                <span data-testid="transfer-drawer-reason">{tr.reason}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {open &&
            (canEnd ? (
              <Space>
                <Button onClick={() => setAction('cancel')} data-testid="transfer-cancel">
                  {t('console.tr.cancel')}
                </Button>
                <Button danger onClick={() => setAction('block')} data-testid="transfer-block">
                  {t('console.tr.block')}
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('console.tr.noRight')}</Typography.Text>
            ))}
          <EndTransferModal transfer={tr} action={action} onClose={() => setAction(null)} />
        </Space>
      )}
    </Drawer>
  );
}
