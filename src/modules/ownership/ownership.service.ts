import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChecklistItem } from './checklist.js';
import type { OwnershipStore, TransferRow } from './ownership.store.js';
import { decide, stateAt, type TransferStatus } from './state-machine.js';
import type { Actor, TransferCore } from './transfers.core.js';

/**
 * Main-account transfers as the API sees them (MAIN-2..5, docs/ownership.md): the proofs (the
 * owner's SMS code + password, the new owner's SMS code), then the atomic steps of the core.
 *
 * Enumeration (LOGIN-2 spirit): whether a phone is registered is only revealed after the owner's
 * SMS code and password were accepted, so every probe costs a fresh code (10 a day) and the
 * owner's password. Cheap checks that reveal nothing about the target (format, self, the shop's
 * state and cooldown, an open transfer) come first, before a code is consumed.
 */

export type Proofs = {
  normalizePhone(raw: string): string | null;
  maskPhone(phone: string): string;
  phoneOf(merchantId: string): Promise<string | null>;
  checkPassword(merchantId: string, password: string): Promise<boolean>;
  /** Throws (503) when a password check could not run now, before an SMS code is spent on it. */
  assertPasswordCheckable(): void;
  verifySms(input: {
    phone: string;
    purpose: 'main_account_change';
    code: string;
    ip?: string;
  }): Promise<void>;
  merchantIdByPhone(phone: string): Promise<string | null>;
  shopName(shopId: string): Promise<string | null>;
};

export function createOwnershipService(
  ctx: Context,
  store: OwnershipStore,
  core: TransferCore,
  proofs: Proofs,
) {
  const { clock } = ctx;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const masked = async (merchantId: string) => {
    const phone = await proofs.phoneOf(merchantId);
    return phone ? proofs.maskPhone(phone) : null;
  };

  async function view(t: TransferRow) {
    return {
      id: t.id,
      shopId: t.shop_id,
      shopName: (await proofs.shopName(t.shop_id)) ?? '',
      status: stateAt(
        { status: t.status, waitingUntil: t.waiting_until, expiresAt: t.expires_at },
        clock.now(),
      ),
      requestedAt: iso(t.requested_at) as string,
      waitingUntil: iso(t.waiting_until) as string,
      expiresAt: iso(t.expires_at) as string,
      endedAt: iso(t.ended_at),
      endedBy: (t.ended_by_type as 'owner' | 'new_owner' | 'operator' | 'system' | null) ?? null,
      reason: t.reason,
      from: { phone: await masked(t.from_merchant_id) },
      to: { phone: await masked(t.to_merchant_id) },
    };
  }

  const adminView = async (t: TransferRow) => ({
    ...(await view(t)),
    fromMerchantId: t.from_merchant_id,
    toMerchantId: t.to_merchant_id,
  });

  async function cooldownView(shopId: string, merchantId: string) {
    const c = await core.cooldowns(shopId, merchantId);
    return { shopUntil: iso(c.shopUntil), accountUntil: iso(c.accountUntil) };
  }

  /** SEC-3: a refused request or acceptance is audited with its code (ids only), then rethrown. */
  async function audited<T>(
    action: string,
    who: { merchantId: string; shopId: string | null; transferId?: string; ip: string },
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code && code !== 'not_found')
        await ctx.audit.record({
          action,
          actorType: 'merchant',
          actorId: who.merchantId,
          targetType: who.shopId ? 'shop' : 'transfer',
          targetId: who.shopId ?? who.transferId ?? null,
          ip: who.ip,
          data: { code, ...(who.transferId ? { transferId: who.transferId } : {}) },
        });
      throw err;
    }
  }

  /** The new owner's own transfer; anyone else gets 404. */
  async function incomingOne(id: string, merchantId: string) {
    const t = await store.transferById(id);
    if (t?.to_merchant_id !== merchantId) throw appError('not_found');
    return t;
  }

  return {
    view,
    adminView,

    async request(
      shopId: string,
      ownerId: string,
      input: { newOwnerPhone: string; password: string; smsCode: string },
      ip: string,
    ) {
      const phone = proofs.normalizePhone(input.newOwnerPhone);
      if (!phone) throw appError('phone_invalid');
      return audited('ownership.transfer_request_refused', { merchantId: ownerId, shopId, ip }, async () => {
        const own = await proofs.phoneOf(ownerId);
        if (!own) throw appError('forbidden');
        if (phone === own) throw appError('transfer_to_self');
        await core.precheck(shopId, ownerId);
        // The proofs: the owner's SMS code (counts towards the phone lock), then the password.
        proofs.assertPasswordCheckable();
        await proofs.verifySms({ phone: own, purpose: 'main_account_change', code: input.smsCode, ip });
        if (!(await proofs.checkPassword(ownerId, input.password)))
          throw appError('transfer_password_incorrect');
        const targetId = await proofs.merchantIdByPhone(phone);
        if (!targetId) throw appError('transfer_target_unknown');
        const t = await core.open({
          shopId,
          from: ownerId,
          to: targetId,
          actor: { type: 'owner', id: ownerId, ip },
        });
        return view(t);
      });
    },

    /** The shop's latest transfer (open or ended) and the cooldowns now in force. */
    async current(shopId: string, ownerId: string) {
      const t = await store.latest(shopId);
      return { transfer: t ? await view(t) : null, cooldown: await cooldownView(shopId, ownerId) };
    },

    async cancel(shopId: string, ownerId: string, id: string, ip: string) {
      const t = await store.transfer(shopId, id);
      if (!t || t.from_merchant_id !== ownerId) throw appError('not_found');
      return view(await core.end(t, 'cancel', { type: 'owner', id: ownerId, ip }));
    },

    /** Offers to this merchant still open (a pending one past its window is not shown). */
    async incoming(merchantId: string) {
      const now = clock.now();
      const rows = (await store.incoming(merchantId)).filter((t) => t.expires_at > now);
      return Promise.all(rows.map(view));
    },

    async accept(id: string, merchantId: string, smsCode: string, ip: string) {
      const t = await incomingOne(id, merchantId);
      const who = { merchantId, shopId: t.shop_id, transferId: t.id, ip };
      return audited('ownership.transfer_accept_refused', who, async () => {
        // Refuse before consuming the code: an ended, waiting or expired transfer is answered as such.
        const d = decide(
          { status: t.status, waitingUntil: t.waiting_until, expiresAt: t.expires_at },
          'accept',
          'new_owner',
          clock.now(),
        );
        if (!d.ok) return view(await core.accept(t, { type: 'new_owner', id: merchantId, ip }));
        const phone = await proofs.phoneOf(merchantId);
        if (!phone) throw appError('forbidden');
        await proofs.verifySms({ phone, purpose: 'main_account_change', code: smsCode, ip });
        return view(await core.accept(t, { type: 'new_owner', id: merchantId, ip }));
      });
    },

    async decline(id: string, merchantId: string, ip: string) {
      const t = await incomingOne(id, merchantId);
      return view(await core.end(t, 'decline', { type: 'new_owner', id: merchantId, ip }));
    },

    async checklist(shopId: string, ownerId: string, lang: Lang) {
      const rows = await store.checklist(shopId, ownerId);
      if (rows.length === 0) return null;
      const pick = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
      return {
        transferId: rows[0]?.transfer_id as string,
        createdAt: iso(rows[0]?.created_at ?? 0) as string,
        items: rows
          .filter((r) => (CHECKLIST_ITEMS as readonly string[]).includes(r.item))
          .map((r) => {
            const label = CHECKLIST_LABELS[r.item as ChecklistItem];
            return {
              key: r.item as ChecklistItem,
              title: pick(label.title),
              hint: pick(label.hint),
              done: r.done_at !== null,
              doneAt: iso(r.done_at),
            };
          }),
      };
    },

    async markItem(shopId: string, ownerId: string, item: ChecklistItem, done: boolean) {
      const rows = await store.checklist(shopId, ownerId);
      const transferId = rows[0]?.transfer_id;
      if (!transferId || !(await store.markDone(shopId, transferId, item, done, clock.now())))
        throw appError('not_found');
    },

    async adminList(filter: { status?: TransferStatus; shopId?: string; limit: number }) {
      return Promise.all((await store.list(filter)).map(adminView));
    },

    async adminEnd(id: string, operatorId: string, input: { reason: string; block: boolean }, ip: string) {
      const t = await store.transferById(id);
      if (!t) throw appError('not_found');
      const actor: Actor = { type: 'operator', id: operatorId, ip };
      return adminView(await core.end(t, input.block ? 'block' : 'cancel', actor, input.reason));
    },
  };
}

export type OwnershipService = ReturnType<typeof createOwnershipService>;
