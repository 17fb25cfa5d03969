import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Space } from 'antd';
import { useRef } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen, parseYuanToFen } from '../money';
import { createDeduction, newIdempotencyKey } from '../shop-api';
import { useConsoleI18n } from '../use-console-i18n';

type Values = { amount: string; reason: string; evidence?: string };

/**
 * Deduct for a violation: amount in yuan (sent as fen), reason, evidence upload ids. One
 * Idempotency-Key per intended deduction: a retry after a network error cannot deduct twice.
 */
export function DeductionDrawer({
  shopId,
  open,
  onClose,
}: {
  shopId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());

  const create = useMutation({
    mutationFn: (v: Values) =>
      createDeduction(
        shopId,
        {
          amountFen: parseYuanToFen(v.amount)!,
          reason: v.reason.trim(),
          ...(v.evidence?.trim() ? { evidenceUploadIds: v.evidence.split(/[\s,，]+/).filter(Boolean) } : {}),
        },
        key.current,
      ),
    onSuccess: async (res) => {
      key.current = newIdempotencyKey();
      message.success({
        content: t('console.deduction.created', { amount: formatFen(res.deduction.amountFen) }),
        key: 'console-action',
      });
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: ['console', 'deductions', shopId] });
      await qc.invalidateQueries({ queryKey: ['console', 'deposit', shopId] });
      await qc.invalidateQueries({ queryKey: ['console', 'ledger', shopId] });
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={520}
      title={t('console.deduction.create')}
      data-testid="deduction-drawer"
      footer={
        <Space>
          <Button
            type="primary"
            danger
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="deduction-submit"
          >
            {t('console.deduction.submit')}
          </Button>
          <Button onClick={onClose}>{t('console.shops.cancel')}</Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('console.deduction.effect')} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        onValuesChange={() => {
          // A different request needs a different key (the same key with other values is 409).
          key.current = newIdempotencyKey();
        }}
      >
        <Form.Item
          name="amount"
          label={t('console.deduction.amount')}
          rules={[
            { required: true, message: t('console.deduction.amountInvalid') },
            {
              validator: (_, v: string | undefined) =>
                !v || (parseYuanToFen(v) ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('console.deduction.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" placeholder="500.00" inputMode="decimal" data-testid="deduction-amount" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('console.deduction.reason')}
          rules={[{ required: true, whitespace: true, message: t('console.deduction.reasonRequired') }]}
          extra={t('console.deduction.reasonHelp')}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="deduction-reason" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('console.deduction.evidence')}
          extra={t('console.deduction.evidenceHelp')}
        >
          <Input placeholder="upl_…, upl_…" data-testid="deduction-evidence" />
        </Form.Item>
      </Form>
      <ProblemAlert error={create.error} />
    </Drawer>
  );
}
