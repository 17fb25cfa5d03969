import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { type AdminTransfer, endAdminTransfer } from '../../api/ownership';
import { ProblemAlert } from '../../components/problem-alert';
import { useConsoleI18n } from '../use-console-i18n';

export type EndAction = 'cancel' | 'block';

/** Cancel or block an open transfer with a reason both parties see (admin / senior_reviewer). */
export function EndTransferModal({
  transfer,
  action,
  onClose,
}: {
  transfer: AdminTransfer;
  action: EndAction | null;
  onClose: () => void;
}) {
  const { t } = useConsoleI18n();
  return (
    <Modal
      open={!!action}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      footer={null}
      title={
        action
          ? t(action === 'block' ? 'console.tr.modal.block' : 'console.tr.modal.cancel', {
              shop: transfer.shopName,
            })
          : ''
      }
      data-testid="transfer-end-modal"
    >
      {action && <EndForm key={action} transfer={transfer} action={action} onClose={onClose} />}
    </Modal>
  );
}

function EndForm({
  transfer,
  action,
  onClose,
}: {
  transfer: AdminTransfer;
  action: EndAction;
  onClose: () => void;
}) {
  const { t } = useConsoleI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (v: { reason: string }) =>
      endAdminTransfer(transfer.id, { reason: v.reason.trim(), block: action === 'block' }),
    onSuccess: async () => {
      message.success(t(action === 'block' ? 'console.tr.done.block' : 'console.tr.done.cancel'));
      onClose();
      await qc.invalidateQueries({ queryKey: ['console', 'transfers'] });
    },
  });
  return (
    <Form<{ reason: string }>
      layout="vertical"
      onFinish={(v) => send.mutate(v)}
      data-testid="transfer-end-form"
      data-action={action}
    >
      <Alert
        type={action === 'block' ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={t(action === 'block' ? 'console.tr.modal.blockHint' : 'console.tr.modal.cancelHint')}
      />
      <Form.Item
        name="reason"
        label={t('console.tr.modal.reason')}
        rules={[
          {
            required: true,
            whitespace: true,
            min: 2,
            max: 500,
            message: t('console.tr.modal.reasonRequired'),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="transfer-end-reason" />
      </Form.Item>
      <ProblemAlert error={send.error} />
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('console.tr.modal.close')}</Button>
        <Button
          type="primary"
          danger={action === 'block'}
          htmlType="submit"
          loading={send.isPending}
          data-testid="transfer-end-submit"
        >
          {t('console.tr.modal.submit')}
        </Button>
      </Space>
    </Form>
  );
}
