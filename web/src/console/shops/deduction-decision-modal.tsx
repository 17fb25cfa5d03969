import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { decideDeduction } from '../shop-api';
import type { Deduction } from '../shop-types';
import { useConsoleI18n } from '../use-console-i18n';

/** Uphold (the pending amount becomes violation income) or reverse (it returns to the held deposit). */
export function DeductionDecisionModal({
  shopId,
  target,
  onClose,
}: {
  shopId: string;
  target: { d: Deduction; decision: 'uphold' | 'reverse' } | null;
  onClose: () => void;
}) {
  const { t, label } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      decideDeduction(shopId, target!.d.id, {
        decision: target!.decision,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (res) => {
      message.success({
        content: label('console.deduction.status', res.deduction.status),
        key: 'console-action',
      });
      setNote('');
      decide.reset();
      onClose();
      await qc.invalidateQueries({ queryKey: ['console', 'deductions', shopId] });
      await qc.invalidateQueries({ queryKey: ['console', 'deposit', shopId] });
      await qc.invalidateQueries({ queryKey: ['console', 'ledger', shopId] });
    },
  });
  const close = () => {
    decide.reset();
    onClose();
  };
  return (
    <Modal
      open={!!target}
      onCancel={close}
      onOk={() => decide.mutate()}
      confirmLoading={decide.isPending}
      okText={target?.decision === 'uphold' ? t('console.deduction.uphold') : t('console.deduction.reverse')}
      okButtonProps={
        { danger: target?.decision === 'uphold', 'data-testid': 'deduction-decision-submit' } as ButtonProps
      }
      cancelText={t('console.shops.cancel')}
      title={
        target?.decision === 'uphold'
          ? t('console.deduction.upholdTitle')
          : t('console.deduction.reverseTitle')
      }
      destroyOnHidden
    >
      {target && (
        <>
          <Typography.Paragraph>
            {target.decision === 'uphold'
              ? t('console.deduction.upholdEffect', { amount: formatFen(target.d.amountFen) })
              : t('console.deduction.reverseEffect', { amount: formatFen(target.d.amountFen) })}
          </Typography.Paragraph>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={1000}
            placeholder={t('console.deduction.notePlaceholder')}
            data-testid="deduction-decision-note"
          />
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={decide.error} />
          </div>
        </>
      )}
    </Modal>
  );
}
