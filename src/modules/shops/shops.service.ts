import type { Context } from '../../context.js';
import { type Executor, isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Text } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { REVERIFICATION_SYNC_JOB } from './lifecycle.js';
import type { NameCheck, NameChecker } from './names/check.js';
import { suggestNames } from './names/suggest.js';
import { SHOP_MERCHANT_OPEN_KEY, SHOP_NAME_KEY, type ShopRow, type ShopsStore } from './shops.store.js';
import { nextStatus, type ShopActor, type ShopEvent, type ShopStatus } from './state-machine.js';

/**
 * Shops (SHOP-1, docs/shops.md): opening one after real-name approval, the name rules, name
 * availability with suggestions, and the state machine. Uniqueness of names and the one-open-shop
 * rule are decided by unique indexes, so of two merchants racing for one name exactly one wins.
 */

export type CategoryRef = { id: string; level: 1 | 2; requirements: unknown };

export type ShopsDeps = {
  /** True when the merchant holds an approved real-name verification (SHOP-1). */
  isVerified(merchantId: string): Promise<boolean>;
  /** The category with this id, or null (SHOP-2). */
  categoryOf(id: string): Promise<CategoryRef | null>;
};

export const AVAILABILITY_PER_MINUTE = 30;
export const AVAILABILITY_PER_DAY = 500;
const MINUTE = 60_000;
const DAY = 86_400_000;

const CATEGORY_LABELS: Record<string, Text> = {
  impersonation: { zh: '冒用平台或公权力的字样', en: 'impersonates the platform or an authority' },
  gambling: { zh: '涉赌词语', en: 'gambling' },
  drugs: { zh: '涉毒词语', en: 'drugs' },
  political: { zh: '政治敏感词', en: 'politically sensitive' },
  vulgarity: { zh: '低俗用语', en: 'vulgarity' },
};
export const categoryLabel = (c: string): Text =>
  CATEGORY_LABELS[c] ?? { zh: '平台禁用词', en: 'a word this platform does not allow' };

export type Availability = {
  available: boolean;
  name: string;
  reason?: 'taken' | Exclude<NameCheck, { ok: true }>['reason'];
  category?: string;
  term?: string;
  suggestions: string[];
};

/** Throws the problem for a name that breaks the rules. */
function refuseName(c: Exclude<NameCheck, { ok: true }>): never {
  if (c.reason === 'forbidden')
    throw appError('shop_name_forbidden', {
      reason: c.reason,
      category: c.category,
      categoryLabel: categoryLabel(c.category),
      term: c.term,
    });
  throw appError('shop_name_invalid', { reason: c.reason, min: c.min, max: c.max, length: c.length });
}

export function createShopsService(ctx: Context, store: ShopsStore, checkName: NameChecker, deps: ShopsDeps) {
  const { db, clock, audit, rateLimits } = ctx;

  const suggestionsFor = (name: string) =>
    suggestNames(name, checkName, async (keys) => {
      const taken = await store.keysTaken(keys);
      return new Set(keys.filter((k) => !taken.has(k)));
    });

  async function throttle(merchantId: string) {
    for (const [scope, limit, window] of [
      ['shop_name_check_minute', AVAILABILITY_PER_MINUTE, MINUTE],
      ['shop_name_check_day', AVAILABILITY_PER_DAY, DAY],
    ] as const) {
      const hit = await rateLimits.hit(scope, merchantId, limit, window);
      if (!hit.allowed)
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
    }
  }

  return {
    checkName,

    /** Is this name free and allowed? Rate-limited per merchant against enumeration. */
    async availability(merchantId: string, raw: string): Promise<Availability> {
      await throttle(merchantId);
      const c = checkName(raw);
      if (!c.ok) {
        return {
          available: false,
          name: c.name,
          reason: c.reason,
          ...(c.reason === 'forbidden' ? { category: c.category, term: c.term } : {}),
          suggestions: [],
        };
      }
      const taken = await store.keysTaken([c.key]);
      if (!taken.has(c.key)) return { available: true, name: c.name, suggestions: [] };
      return { available: false, name: c.name, reason: 'taken', suggestions: await suggestionsFor(c.name) };
    },

    async create(
      merchantId: string,
      input: { name: string; categoryId: string },
      meta: { ip?: string | undefined } = {},
    ): Promise<ShopRow> {
      if (!(await deps.isVerified(merchantId))) throw appError('verification_required');
      const category = await deps.categoryOf(input.categoryId);
      if (category?.level !== 2) throw appError('category_invalid');
      const c = checkName(input.name);
      if (!c.ok) refuseName(c);
      const now = clock.now();
      const row: ShopRow = {
        id: newId('shop'),
        merchant_id: merchantId,
        name: c.name,
        name_normalized: c.key,
        category_id: category.id,
        status: 'draft',
        restriction: null,
        close_request: null,
        version: 1,
        status_changed_at: now,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.insert(
            row,
            {
              id: newId('shev'),
              shop_id: row.id,
              from_status: null,
              to_status: 'draft',
              event: 'create',
              actor_type: 'merchant',
              actor_id: merchantId,
              at: now,
            },
            trx,
          );
          await audit.record(
            {
              action: 'shop.created',
              actorType: 'merchant',
              actorId: merchantId,
              targetType: 'shop',
              targetId: row.id,
              ip: meta.ip,
              data: { name: row.name, categoryId: row.category_id, status: row.status },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, SHOP_NAME_KEY))
          throw appError('shop_name_taken', { suggestions: await suggestionsFor(c.name) });
        if (isUniqueViolation(err, SHOP_MERCHANT_OPEN_KEY)) throw appError('shop_limit_reached');
        throw err;
      }
      return row;
    },

    async get(merchantId: string, shopId: string): Promise<ShopRow> {
      const row = await store.byIdForMerchant(shopId, merchantId);
      if (!row) throw appError('not_found');
      return row;
    },

    list: (merchantId: string) => store.listForMerchant(merchantId),

    /** For other modules (deposits, ownership): the shop by id, unscoped; null when unknown. */
    find: async (shopId: string): Promise<ShopRow | null> => (await store.byId(shopId)) ?? null,

    /** The merchant (main account) that owns the shop, or null. */
    ownerOf: async (shopId: string): Promise<string | null> =>
      (await store.byId(shopId))?.merchant_id ?? null,

    owns: async (merchantId: string, shopId: string): Promise<boolean> =>
      (await store.byIdForMerchant(shopId, merchantId)) !== undefined,

    /**
     * Applies one state-machine event (compare-and-set on status and version); refuses moves the
     * table does not allow for this actor, or that lost a race. `resumeTo` picks the target of an
     * event that resumes an earlier status (cancel_close, reinstate). `restriction` and
     * `closeRequest` replace those details (null clears); a move to `active` clears the restriction
     * unless one is given. `inTrx` runs in the same transaction (webhooks, audit, ledger postings):
     * when it throws, nothing of the move is kept.
     */
    async apply(
      shopId: string,
      event: ShopEvent,
      actor: { type: ShopActor; id: string | null },
      extra: {
        restriction?: unknown;
        closeRequest?: unknown;
        resumeTo?: ShopStatus;
        auditData?: Record<string, unknown>;
        expect?: { version: number };
        inTrx?: (trx: Executor, move: { from: ShopRow; to: ShopStatus }) => Promise<void>;
      } = {},
    ): Promise<ShopStatus> {
      const row = await store.byId(shopId);
      if (!row) throw appError('not_found');
      if (extra.expect && extra.expect.version !== row.version)
        throw appError('shop_state_conflict', { status: row.status, event });
      const to = nextStatus(row.status, event, actor.type, extra.resumeTo);
      if (!to) throw appError('shop_state_conflict', { status: row.status, event });
      const now = clock.now();
      const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
      await db.transaction().execute(async (trx) => {
        const moved = await store.move(
          row.id,
          row.status,
          row.version,
          {
            status: to,
            status_changed_at: now,
            updated_at: now,
            restriction:
              extra.restriction !== undefined
                ? json(extra.restriction)
                : to === 'active'
                  ? null
                  : row.restriction,
            ...(extra.closeRequest !== undefined ? { close_request: json(extra.closeRequest) } : {}),
          },
          {
            id: newId('shev'),
            shop_id: row.id,
            from_status: row.status,
            to_status: to,
            event,
            actor_type: actor.type,
            actor_id: actor.id,
            at: now,
          },
          trx,
        );
        if (!moved) throw appError('shop_state_conflict', { status: row.status, event });
        await audit.record(
          {
            action: `shop.${event}`,
            actorType: actor.type,
            actorId: actor.id,
            targetType: 'shop',
            targetId: row.id,
            data: { from: row.status, to, ...extra.auditData },
          },
          trx,
        );
        // LIV-3: a shop activated while its merchant's re-verification is overdue or failed is
        // restricted at once (the sync job is a no-op otherwise).
        if (event === 'activate')
          await ctx.jobs.enqueue(REVERIFICATION_SYNC_JOB, { merchantId: row.merchant_id }, {}, trx);
        if (extra.inTrx) await extra.inTrx(trx, { from: row, to });
      });
      return to;
    },
  };
}

export type ShopsService = ReturnType<typeof createShopsService>;
