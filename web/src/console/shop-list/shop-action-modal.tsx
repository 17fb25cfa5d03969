import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { changeShopStatus } from '../shop-api';
import {
  type AdminShop,
  OPERATOR_REASONS,
  type OperatorReason,
  SHOP_EFFECTS,
  type ShopActionName,
  type ShopEffect,
  type ShopStatusAction,
} from '../shop-types';
import { useConsoleI18n } from '../use-console-i18n';
import { CONFIRMED_ACTIONS, DANGER_ACTIONS } from './shop-actions';

type Values = {
  reason?: OperatorReason;
  closeReason?: string;
  message?: string;
  note?: string;
  effects?: ShopEffect[];
};

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function body(action: ShopActionName, v: Values): ShopStatusAction {
  const note = clean(v.note);
  const message = clean(v.message);
  const opt = { ...(note ? { note } : {}) };
  switch (action) {
    case 'restrict':
      return { action, reason: v.reason!, ...opt, ...(message ? { message } : {}), effects: v.effects };
    case 'suspend':
      return { action, reason: v.reason!, ...opt, ...(message ? { message } : {}) };
    case 'close': {
      const reason = clean(v.closeReason);
      return { action, ...opt, ...(reason ? { reason } : {}) };
    }
    default:
      return { action, ...opt };
  }
}

/**
 * The form behind an action button: reason code (restrict, suspend), merchant-facing message,
 * internal note, effects (restrict); suspend and close ask once more before sending.
 */
export function ShopActionModal({
  shop,
  action,
  onClose,
}: {
  shop: AdminShop;
  action: ShopActionName | null;
  onClose: () => void;
}) {
  const { t, label } = useConsoleI18n();
  const operatorHold = shop.restriction?.holds.find((h) => h.source === 'operator');
  return (
    <Modal
      open={!!action}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      title={
        action
          ? `${action === 'restrict' && operatorHold ? t('console.shops.action.restrictAgain') : label('console.shops.action', action)} · ${shop.name}`
          : ''
      }
      footer={null}
      data-testid="shop-action-modal"
    >
      {action && <ShopActionForm key={action} shop={shop} action={action} onClose={onClose} />}
    </Modal>
  );
}

/** A fresh form (and form store) for every opening: nothing typed for one action leaks into another. */
function ShopActionForm({
  shop,
  action,
  onClose,
}: {
  shop: AdminShop;
  action: ShopActionName;
  onClose: () => void;
}) {
  const { t, label } = useConsoleI18n();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const withReason = action === 'restrict' || action === 'suspend';
  const operatorHold = shop.restriction?.holds.find((h) => h.source === 'operator');

  const send = useMutation({
    mutationFn: (v: Values) => changeShopStatus(shop.id, body(action, v)),
    onSuccess: async (res) => {
      const status = label('console.shop.status', res.shop.status);
      message.success({
        content: res.refund
          ? t('console.shops.closedRefund', { amount: formatFen(res.refund.amountFen) })
          : t('console.shops.done', { status }),
        key: 'console-action',
      });
      onClose();
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['console', 'admin-shop', shop.id] }),
        qc.invalidateQueries({ queryKey: ['console', 'shops-list'] }),
        qc.invalidateQueries({ queryKey: ['console', 'admin-shops'] }),
      ]);
    },
  });

  const submit = (v: Values) => {
    if (CONFIRMED_ACTIONS.includes(action)) {
      modal.confirm({
        title: t(action === 'suspend' ? 'console.shops.confirm.suspend' : 'console.shops.confirm.close', {
          name: shop.name,
        }),
        okText: t('console.shops.form.submit'),
        cancelText: t('console.shops.cancel'),
        okButtonProps: {
          danger: true,
          ...({ 'data-testid': 'shop-action-confirm' } as Record<string, string>),
        },
        onOk: () => send.mutateAsync(v).catch(() => undefined),
      });
      return;
    }
    send.mutate(v);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        effects: operatorHold?.effects ?? [...SHOP_EFFECTS],
        reason: action === 'restrict' ? (operatorHold?.reasons[0] as OperatorReason | undefined) : undefined,
        message: action === 'restrict' ? (operatorHold?.message ?? undefined) : undefined,
      }}
      data-testid="shop-action-form"
      data-action={action}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {label('console.shops.effect', action)}
      </Typography.Paragraph>
      {withReason && (
        <Form.Item
          name="reason"
          label={t('console.shops.form.reason')}
          rules={[{ required: true, message: t('console.shops.form.reasonRequired') }]}
        >
          <Select<OperatorReason>
            placeholder={t('console.shops.form.reasonPlaceholder')}
            options={OPERATOR_REASONS.map((r) => ({ value: r, label: label('console.shops.reason', r) }))}
            data-testid="shop-action-reason"
          />
        </Form.Item>
      )}
      {action === 'restrict' && (
        <Form.Item
          name="effects"
          label={t('console.shops.form.effects')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('console.shops.form.effectsRequired') },
          ]}
        >
          <Checkbox.Group data-testid="shop-action-effects">
            {SHOP_EFFECTS.map((e) => (
              <Checkbox key={e} value={e} data-testid={`shop-action-effect-${e}`}>
                {label('console.shops.effect', e)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      {withReason && (
        <Form.Item
          name="message"
          label={t('console.shops.form.message')}
          help={t('console.shops.form.messageHelp')}
        >
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="shop-action-message" />
        </Form.Item>
      )}
      {action === 'close' && (
        <Form.Item name="closeReason" label={t('console.shops.form.closeReason')}>
          <Input maxLength={500} data-testid="shop-action-close-reason" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('console.shops.form.note')} help={t('console.shops.form.noteHelp')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="shop-action-note" />
      </Form.Item>
      <ProblemAlert error={send.error} />
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('console.shops.cancel')}</Button>
        <Button
          type="primary"
          danger={DANGER_ACTIONS.includes(action)}
          htmlType="submit"
          loading={send.isPending}
          data-testid="shop-action-submit"
        >
          {t('console.shops.form.submit')}
        </Button>
      </Space>
    </Form>
  );
}
