import type { Text } from '../../kernel/i18n.js';

/** The new owner's checklist after a switch (MAIN-5): stored per transfer, with done flags. */
export const CHECKLIST_ITEMS = [
  'pending_orders',
  'products',
  'marketing',
  'customer_notices',
  'security_settings',
  'data_export',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_LABELS: Record<ChecklistItem, { title: Text; hint: Text }> = {
  pending_orders: {
    title: { zh: '核对待处理订单', en: 'Review pending orders' },
    hint: {
      zh: '确认未发货、退款/售后中的订单由谁跟进',
      en: 'Decide who follows up unshipped orders and open refunds',
    },
  },
  products: {
    title: { zh: '检查在售商品', en: 'Check listed products' },
    hint: { zh: '核对商品信息、价格与库存', en: 'Check product details, prices and stock' },
  },
  marketing: {
    title: { zh: '检查营销活动', en: 'Check marketing campaigns' },
    hint: { zh: '确认进行中的优惠、推广是否继续', en: 'Decide whether running promotions continue' },
  },
  customer_notices: {
    title: { zh: '更新客户公告', en: 'Update customer notices' },
    hint: { zh: '更新店铺公告与客服联系方式', en: 'Update shop announcements and customer-service contacts' },
  },
  security_settings: {
    title: { zh: '检查安全设置', en: 'Review security settings' },
    hint: {
      zh: '检查子账号权限、收款账户，开启两步验证',
      en: 'Review sub-account permissions and payout accounts; enable two-factor sign-in',
    },
  },
  data_export: {
    title: { zh: '导出店铺数据', en: 'Export shop data' },
    hint: {
      zh: '按需导出订单与商品数据留档',
      en: 'Export order and product data for your records if needed',
    },
  },
};
