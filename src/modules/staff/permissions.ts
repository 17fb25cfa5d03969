import type { Text } from '../../kernel/i18n.js';

/**
 * The permission catalog (SUB-2, SUB-5; docs/staff.md). A permission is what a sub-account can be
 * granted, directly or through a role. Owner-only powers are listed apart: they have no permission,
 * so no role, template or grant can ever give them to a sub-account. `staff.manage` is the one
 * owner power with an explicit permission; it is in no template and a sub-account holding it can
 * only hand out permissions it holds itself.
 */

export const PERMISSIONS = [
  'orders.view',
  'logistics.view',
  'logistics.ship',
  'customers.reply',
  'refunds.process',
  'products.view',
  'products.edit',
  'decoration.edit',
  'qualifications.manage',
  'tickets.manage',
  'shop.view',
  'shop.settings',
  'finance.view',
  'staff.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Powers that only the shop's main account (owner) ever has: never granted to a sub-account. */
export const OWNER_ONLY = [
  'owner.transfer',
  'deposits.manage',
  'payouts.manage',
  'shop.activate',
  'shop.close',
] as const;
export type OwnerOnlyAction = (typeof OWNER_ONLY)[number];

/** Anything a shop route can ask for. */
export type ShopAction = Permission | OwnerOnlyAction;

type Entry = { group: Group; label: Text; implies?: readonly Permission[]; sensitive?: true };
type Group = 'orders' | 'customers' | 'products' | 'shop' | 'finance' | 'staff';

export const GROUP_LABELS: Record<Group, Text> = {
  orders: { zh: '订单与物流', en: 'Orders and logistics' },
  customers: { zh: '客户服务', en: 'Customer service' },
  products: { zh: '商品', en: 'Products' },
  shop: { zh: '店铺', en: 'Shop' },
  finance: { zh: '财务', en: 'Finance' },
  staff: { zh: '子账号', en: 'Staff' },
};

export const CATALOG: Record<Permission, Entry> = {
  'orders.view': { group: 'orders', label: { zh: '查看订单', en: 'View orders' } },
  'logistics.view': { group: 'orders', label: { zh: '查询物流', en: 'Track shipments' } },
  'logistics.ship': {
    group: 'orders',
    label: { zh: '发货（填写物流单号）', en: 'Ship orders (enter tracking numbers)' },
    implies: ['logistics.view', 'orders.view'],
  },
  'customers.reply': { group: 'customers', label: { zh: '回复客户咨询', en: 'Reply to customers' } },
  'refunds.process': {
    group: 'customers',
    label: { zh: '处理退款/售后', en: 'Process refunds and returns' },
    implies: ['orders.view'],
    sensitive: true,
  },
  'products.view': { group: 'products', label: { zh: '查看商品', en: 'View products' } },
  'products.edit': {
    group: 'products',
    label: { zh: '编辑商品（含库存、图片）', en: 'Edit products (stock, media)' },
    implies: ['products.view'],
  },
  'decoration.edit': {
    group: 'shop',
    label: { zh: '店铺装修', en: 'Edit shop decoration' },
    implies: ['shop.view'],
  },
  'qualifications.manage': {
    group: 'shop',
    label: { zh: '提交类目资质', en: 'Submit category qualifications' },
    implies: ['shop.view'],
  },
  'tickets.manage': { group: 'shop', label: { zh: '平台工单', en: 'Platform support tickets' } },
  'shop.view': {
    group: 'shop',
    label: { zh: '查看店铺信息与开店进度', en: 'View shop details and activation' },
  },
  'shop.settings': {
    group: 'shop',
    label: { zh: '店铺设置', en: 'Shop settings' },
    implies: ['shop.view'],
    sensitive: true,
  },
  'finance.view': {
    group: 'finance',
    label: { zh: '查看财务（保证金、提现记录）', en: 'View finance (deposit, withdrawals)' },
    sensitive: true,
  },
  'staff.manage': {
    group: 'staff',
    label: { zh: '管理子账号（需主账号手机验证）', en: 'Manage staff sub-accounts (step-up required)' },
    sensitive: true,
  },
};

export const OWNER_ONLY_LABELS: Record<OwnerOnlyAction, Text> = {
  'owner.transfer': { zh: '主账号变更', en: 'Main-account transfer' },
  'deposits.manage': { zh: '缴纳/退还保证金、申诉扣款', en: 'Pay, refund or appeal the deposit' },
  'payouts.manage': { zh: '收款账户与提现', en: 'Payout accounts and withdrawals' },
  'shop.activate': { zh: '提交开店审核与激活', en: 'Submit and activate the shop' },
  'shop.close': { zh: '关闭店铺', en: 'Close the shop' },
};

/** Role templates (SUB-2): narrow on purpose; read-only, assignable by id like a custom role. */
export const TEMPLATES = [
  {
    id: 'tpl_customer_service',
    name: { zh: '客服', en: 'Customer service' },
    permissions: ['orders.view', 'logistics.view', 'customers.reply', 'products.view'],
  },
  {
    id: 'tpl_operations',
    name: { zh: '运营', en: 'Operations' },
    permissions: ['products.view', 'products.edit', 'decoration.edit', 'shop.view', 'orders.view'],
  },
  {
    id: 'tpl_finance',
    name: { zh: '财务', en: 'Finance' },
    permissions: ['finance.view', 'orders.view'],
  },
  {
    id: 'tpl_warehouse',
    name: { zh: '仓库', en: 'Warehouse' },
    permissions: ['orders.view', 'logistics.view', 'logistics.ship', 'products.view'],
  },
] as const satisfies ReadonlyArray<{ id: string; name: Text; permissions: readonly Permission[] }>;

export type TemplateId = (typeof TEMPLATES)[number]['id'];

export function templateById(id: string) {
  return TEMPLATES.find((t) => t.id === id);
}

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(CATALOG, p);
}

export function isOwnerOnly(p: string): p is OwnerOnlyAction {
  return (OWNER_ONLY as readonly string[]).includes(p);
}

/**
 * Each permission with everything it implies, transitively (itself first). Derived once from the
 * catalog above, which is code: nothing here can go stale.
 */
const CLOSURE: ReadonlyMap<string, readonly Permission[]> = new Map(
  PERMISSIONS.map((p) => {
    const out: Permission[] = [];
    const add = (q: Permission) => {
      if (out.includes(q)) return;
      out.push(q);
      for (const r of CATALOG[q].implies ?? []) add(r);
    };
    add(p);
    return [p, out] as const;
  }),
);

/**
 * Adds the permissions held, with what each implies, to `out`; unknown strings are dropped (fail
 * closed). A map look-up per entry: this runs on every shop-scoped request of a sub-account, over
 * all its roles' lists (bench/README.md "Authorization").
 */
export function expandInto(out: Set<Permission>, perms: readonly string[]): Set<Permission> {
  for (let i = 0; i < perms.length; i++) {
    const implied = CLOSURE.get(perms[i] as string);
    if (implied === undefined) continue;
    for (let k = 0; k < implied.length; k++) out.add(implied[k] as Permission);
  }
  return out;
}

/** The permissions held, with what each implies; unknown strings are dropped (fail closed). */
export function expand(perms: Iterable<string>): Set<Permission> {
  return expandInto(new Set<Permission>(), Array.isArray(perms) ? perms : [...perms]);
}

/** Sorted in catalog order, duplicates removed. */
export function sortPermissions(perms: Iterable<string>): Permission[] {
  const set = new Set(perms);
  return PERMISSIONS.filter((p) => set.has(p));
}
