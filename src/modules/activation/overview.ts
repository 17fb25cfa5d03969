import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import type { ActivationDeps, ShopLike } from './deps.js';
import { maskEmail, maskName, maskNumber, maskPhone } from './mask.js';
import type { MissingStep, Progression } from './progression.js';

/**
 * ACT-1 (the summary before activation) and ACT-4 (the management home after it). Personal data is
 * masked here; nothing in clear leaves this file.
 */

/** Where the merchant corrects each item (API calls the portal makes). */
export const CORRECTIONS = {
  phone: 'POST /v1/me/phone',
  email: 'POST /v1/me/email',
  identity: 'GET /v1/verifications',
  shop: 'GET /v1/shops/{shopId}',
  qualifications: 'PUT /v1/shops/{shopId}/qualifications/{code}',
  deposit: 'POST /v1/shops/{shopId}/deposit/payments',
} as const;

export type Task = {
  code:
    | 'submit_shop'
    | 'qualifications_missing'
    | 'qualifications_in_review'
    | 'qualifications_rejected'
    | 'deposit_unpaid'
    | 'activate'
    | 'reverification_due'
    | 'reverification_overdue'
    | 'restricted'
    | 'bind_email';
  severity: 'info' | 'warning' | 'blocking';
  dueAt?: number | undefined;
  codes?: string[] | undefined;
};

function maskedIdentity(id: Awaited<ReturnType<ActivationDeps['identity']>>) {
  if (!id) return null;
  if (id.kind === 'personal')
    return { kind: id.kind, name: maskName(id.name), number: maskNumber(id.idNumber) };
  return {
    kind: id.kind,
    name: maskName(id.companyName),
    number: maskNumber(id.uscc),
    legalRepresentative: maskName(id.legalRepresentativeName),
  };
}

export function createOverview(_ctx: Context, deps: ActivationDeps, progression: Progression) {
  async function shopOr404(shopId: string): Promise<ShopLike> {
    const shop = await deps.shops.find(shopId);
    if (!shop) throw appError('not_found');
    return shop;
  }

  function stepTasks(
    missing: MissingStep[],
    quals: Awaited<ReturnType<ActivationDeps['qualifications']['list']>>,
  ) {
    const tasks: Task[] = [];
    for (const m of missing) {
      if (m.step === 'submit') tasks.push({ code: 'submit_shop', severity: 'blocking' });
      if (m.step === 'deposit') tasks.push({ code: 'deposit_unpaid', severity: 'blocking' });
    }
    const by = (s: string[]) => quals.filter((q) => s.includes(q.status)).map((q) => q.code);
    const todo = by(['missing', 'attached']);
    if (todo.length) tasks.push({ code: 'qualifications_missing', severity: 'blocking', codes: todo });
    const rejected = by(['rejected']);
    if (rejected.length)
      tasks.push({ code: 'qualifications_rejected', severity: 'blocking', codes: rejected });
    const review = by(['pending_review']);
    if (review.length) tasks.push({ code: 'qualifications_in_review', severity: 'info', codes: review });
    return tasks;
  }

  return {
    /** ACT-1: everything the merchant confirms before activating, masked, with what is missing. */
    async summary(shopId: string) {
      const shop = await shopOr404(shopId);
      const [contact, identity, category, deposit, quals, missing] = await Promise.all([
        deps.contact(shop.merchant_id),
        deps.identity(shop.merchant_id),
        deps.category(shop.category_id),
        deps.deposit(shop.id),
        deps.qualifications.list(shop.id),
        progression.missing(shop),
      ]);
      return {
        shop,
        phone: contact.phone ? maskPhone(contact.phone) : null,
        email: contact.email ? maskEmail(contact.email) : null,
        identity: maskedIdentity(identity),
        category,
        deposit,
        qualifications: quals,
        missing,
        tasks: stepTasks(missing, quals),
        ready: shop.status === 'ready_to_activate',
      };
    },

    /** ACT-4: status, open tasks and key figures of the shop. */
    async home(shopId: string) {
      const shop = await shopOr404(shopId);
      const [contact, deposit, quals, missing, reverifications, restriction, products] = await Promise.all([
        deps.contact(shop.merchant_id),
        deps.deposit(shop.id),
        deps.qualifications.list(shop.id),
        progression.missing(shop),
        deps.reverification.listForMerchant(shop.merchant_id),
        deps.reverification.restrictions(shop.merchant_id),
        deps.productsCount ? deps.productsCount(shop.id) : Promise.resolve(0),
      ]);
      const tasks = stepTasks(missing, quals);
      if (shop.status === 'ready_to_activate') tasks.push({ code: 'activate', severity: 'blocking' });
      for (const r of reverifications) {
        if (
          r.status !== 'due' &&
          r.status !== 'in_progress' &&
          r.status !== 'overdue' &&
          r.status !== 'failed'
        )
          continue;
        const overdue = r.status === 'overdue' || r.status === 'failed';
        tasks.push({
          code: overdue ? 'reverification_overdue' : 'reverification_due',
          severity: overdue ? 'blocking' : 'warning',
          dueAt: Number(r.due_at),
        });
      }
      if (shop.status === 'restricted' || restriction.restricted)
        tasks.push({ code: 'restricted', severity: 'blocking', codes: restriction.reasons });
      if (!contact.email) tasks.push({ code: 'bind_email', severity: 'info' });
      return {
        shop,
        tasks,
        figures: {
          productsCount: products,
          depositRequiredFen: deposit.requiredFen,
          depositHeldFen: deposit.heldFen,
          depositStatus: deposit.status,
          qualificationsRequired: quals.length,
          qualificationsApproved: quals.filter((q) => q.status === 'approved').length,
        },
      };
    },
  };
}

export type Overview = ReturnType<typeof createOverview>;
