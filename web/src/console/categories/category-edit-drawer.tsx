import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { parseYuanToFen } from '../money';
import { patchCategory } from '../shop-api';
import type { AdminCategory, CategoryRequirements } from '../shop-types';
import { useCategoryTree } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';

type Values = {
  active: boolean;
  qualifications: string[];
  deposit: string;
  manualReview: boolean;
  highRisk: boolean;
  regulatedIndustry: boolean;
};

/** Admins edit a category at its version (a stale version is 409: reload and edit again). */
export function CategoryEditDrawer({
  category,
  onClose,
}: {
  category: AdminCategory | null;
  onClose: () => void;
}) {
  const { t, lang } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const tree = useCategoryTree();
  const [form] = Form.useForm<Values>();
  const req = category?.requirements;

  useEffect(() => {
    if (!category) return;
    form.setFieldsValue({
      active: category.status === 'active',
      qualifications: req?.qualifications ?? [],
      deposit: req ? (req.deposit.amountFen / 100).toFixed(2) : '0',
      manualReview: req?.manualReview ?? false,
      highRisk: req?.highRisk ?? false,
      regulatedIndustry: req?.regulatedIndustry ?? false,
    });
  }, [category, req, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const requirements: Partial<CategoryRequirements> | undefined = req
        ? {
            qualifications: v.qualifications,
            deposit: { amountFen: parseYuanToFen(v.deposit) ?? 0 },
            manualReview: v.manualReview,
            highRisk: v.highRisk,
            regulatedIndustry: v.regulatedIndustry,
          }
        : undefined;
      return patchCategory(category!.id, {
        version: category!.version,
        status: v.active ? 'active' : 'disabled',
        ...(requirements ? { requirements } : {}),
      });
    },
    onSuccess: async () => {
      message.success({ content: t('console.cat.saved'), key: 'console-action' });
      save.reset();
      onClose();
      await qc.invalidateQueries({ queryKey: ['console', 'categories'] });
    },
  });

  return (
    <Drawer
      open={!!category}
      onClose={() => {
        save.reset();
        onClose();
      }}
      width={520}
      title={
        category ? `${t('console.cat.edit')} · ${lang === 'en' ? category.nameEn : category.nameZh}` : ''
      }
      data-testid="cat-drawer"
      footer={
        <Space>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="cat-save"
          >
            {t('console.cat.save')}
          </Button>
          <Button onClick={onClose}>{t('console.shops.cancel')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="active"
          label={t('console.cat.enabled')}
          valuePropName="checked"
          extra={t('console.cat.disableHelp')}
        >
          <Switch data-testid="cat-active" />
        </Form.Item>
        {req && (
          <>
            <Form.Item
              name="qualifications"
              label={t('console.cat.col.qualifications')}
              extra={t('console.cat.qualHelp')}
            >
              <Select
                mode="multiple"
                allowClear
                options={(tree.data?.qualifications ?? []).map((q) => ({
                  value: q.code,
                  label: lang === 'en' ? q.nameEn : q.nameZh,
                }))}
                data-testid="cat-qualifications"
              />
            </Form.Item>
            <Form.Item
              name="deposit"
              label={t('console.cat.col.deposit')}
              extra={t('console.cat.depositHelp')}
              rules={[
                {
                  validator: (_, v: string) =>
                    v === '0' || v === '' || parseYuanToFen(v ?? '') !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('console.deduction.amountInvalid'))),
                },
              ]}
            >
              <Input prefix="¥" inputMode="decimal" data-testid="cat-deposit" />
            </Form.Item>
            <Form.Item
              name="manualReview"
              label={t('console.cat.manualReview')}
              valuePropName="checked"
              extra={t('console.cat.manualReviewHelp')}
            >
              <Switch data-testid="cat-manual-review" />
            </Form.Item>
            <Form.Item
              name="highRisk"
              label={t('console.cat.highRisk')}
              valuePropName="checked"
              extra={t('console.cat.highRiskHelp')}
            >
              <Switch data-testid="cat-high-risk" />
            </Form.Item>
            <Form.Item
              name="regulatedIndustry"
              label={t('console.cat.regulatedIndustry')}
              valuePropName="checked"
              extra={t('console.cat.regulatedHelp')}
            >
              <Switch data-testid="cat-regulated" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
