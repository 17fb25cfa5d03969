import { sql } from 'kysely';
import type { Db, DbKind, Executor } from '../../kernel/db.js';
import { precompiled, registerUniqueIndex } from '../../kernel/db.js';
import type { LiveSessionQuery } from '../accounts/sessions.service.js';

/**
 * SQL for sub-accounts and roles (DESIGN: tenant scoping lives in the store): every function takes
 * the shop id and filters by it, so a sub-account or role id of another shop is simply not found.
 */

export type SubAccountStatus = 'active' | 'disabled' | 'deleted';

export type SubAccountRow = {
  id: string;
  shop_id: string;
  name: string;
  name_normalized: string;
  password_hash: string;
  permissions: string;
  /** What the direct grants and roles amount to, expanded (JSON array), kept by every write. */
  effective_permissions: string;
  status: SubAccountStatus;
  created_by: string | null;
  password_changed_at: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
};

export type RoleRow = {
  id: string;
  shop_id: string;
  name: string;
  name_normalized: string;
  permissions: string;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    sub_accounts: SubAccountRow;
    staff_roles: RoleRow;
    sub_account_roles: { sub_account_id: string; role_id: string; shop_id: string };
  }
}

export const SUB_NAME_KEY = 'sub_accounts_shop_id_name_normalized_key';
export const ROLE_NAME_KEY = 'staff_roles_shop_id_name_normalized_key';
registerUniqueIndex(SUB_NAME_KEY, 'sub_accounts', ['shop_id', 'name_normalized']);
registerUniqueIndex(ROLE_NAME_KEY, 'staff_roles', ['shop_id', 'name_normalized']);
registerUniqueIndex('sub_account_roles_pkey', 'sub_account_roles', ['sub_account_id', 'role_id']);

export type StaffStore = ReturnType<typeof createStaffStore>;

/**
 * The facts of one authorization decision as one row (none when the shop, or the sub-account, does
 * not exist): the owner and, for a sub-account, its row with its effective permissions as stored.
 */
export type AccessRow = {
  owner_id: string;
  sub_id: string | null;
  sub_shop_id: string | null;
  sub_status: SubAccountStatus | null;
  /** `sub_accounts.effective_permissions`: JSON array, expanded, in catalog order (grants.ts `storeEffective`). */
  sub_permissions: string | null;
};

/**
 * `guards.shop` in one statement: the session look-up (sessions.service `lookupWith`) joined with the
 * facts of the decision, so a shop-scoped request reads its session and its access together. The
 * route's shop gives the owner (`shops.merchant_id`); a sub-account session gives its sub-account
 * row (`decide` checks that it belongs to the route's shop). Its one value before the session's own:
 * the route's shop id.
 */
export function withAccessFacts(q: LiveSessionQuery) {
  return q
    .leftJoin('shops as route_shop', (j) => j.on('route_shop.id', '=', ''))
    .leftJoin('sub_accounts as sub', (j) =>
      j
        .onRef('sub.id', '=', 'sessions.principal_id')
        .on('sessions.principal_type', '=', sql.lit('sub_account')),
    )
    .select([
      'route_shop.merchant_id as owner_id',
      'sub.id as sub_id',
      'sub.shop_id as sub_shop_id',
      'sub.status as sub_status',
      'sub.effective_permissions as sub_permissions',
    ]);
}

export function createStaffStore(db: Db, kind: DbKind) {
  /**
   * The facts of an authorization decision, compiled once (they are read on every shop-scoped
   * request), each one primary-key look-up: for a sub-account its row with its effective
   * permissions (materialized at write time, grants.ts `storeEffective`) and its shop's owner; for
   * anyone else the shop's owner (`shops.merchant_id`, the one answer to "who owns shop X",
   * docs/ownership.md). Parameter: the sub-account id, or the shop id.
   */
  const subFacts = precompiled(
    db,
    db
      .selectFrom('sub_accounts')
      .innerJoin('shops', 'shops.id', 'sub_accounts.shop_id')
      .select([
        'shops.merchant_id as owner_id',
        'sub_accounts.id as sub_id',
        'sub_accounts.shop_id as sub_shop_id',
        'sub_accounts.status as sub_status',
        'sub_accounts.effective_permissions as sub_permissions',
      ])
      .where('sub_accounts.id', '=', ''),
  );
  const ownerFacts = precompiled(
    db,
    db.selectFrom('shops').select('merchant_id as owner_id').where('id', '=', ''),
  );

  const live = (shopId: string, ex: Executor = db) =>
    ex.selectFrom('sub_accounts').selectAll().where('shop_id', '=', shopId).where('status', '<>', 'deleted');

  return {
    async insertSubAccount(row: SubAccountRow, roleIds: readonly string[], trx: Executor): Promise<void> {
      await trx.insertInto('sub_accounts').values(row).execute();
      await this.setRoles(row.shop_id, row.id, roleIds, trx);
    },

    /** A not-deleted sub-account of the shop. */
    subAccount: (shopId: string, id: string, ex: Executor = db) =>
      live(shopId, ex).where('id', '=', id).executeTakeFirst(),

    /** For sign-in: the not-deleted sub-account with this normalised name in the shop. */
    byName: (shopId: string, nameNormalized: string) =>
      live(shopId).where('name_normalized', '=', nameNormalized).executeTakeFirst(),

    list: (shopId: string) => live(shopId).orderBy('created_at').orderBy('id').execute(),

    /**
     * The facts of an authorization decision (see `subFacts`): the sub-account's row when one is
     * given (its `sub_shop_id` is checked against the shop by `decide`), else the shop's owner;
     * undefined when there is none.
     */
    async accessFacts(shopId: string, subAccountId: string | null): Promise<AccessRow | undefined> {
      if (subAccountId !== null) return (await subFacts([subAccountId]))[0] as AccessRow | undefined;
      const row = (await ownerFacts([shopId]))[0];
      return row && { ...row, sub_id: null, sub_shop_id: null, sub_status: null, sub_permissions: null };
    },

    /**
     * Serializes the shop's staff writes: called first in every transaction that can change a
     * sub-account's effective permissions, so each recomputation sees the roles and grants as the
     * previous one committed them (PostgreSQL: a lock on the shop's row until commit; SQLite's
     * write transactions are serial already).
     */
    async lockShop(shopId: string, trx: Executor): Promise<void> {
      if (kind !== 'postgres') return;
      await trx.selectFrom('shops').select('id').where('id', '=', shopId).forUpdate().execute();
    },

    /** Stores the effective permissions (JSON) computed by grants.ts `storeEffective`. */
    async setEffective(shopId: string, id: string, effective: string, trx: Executor): Promise<void> {
      await trx
        .updateTable('sub_accounts')
        .set({ effective_permissions: effective })
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .execute();
    },

    /** The rows' direct grants (any status), for `storeEffective`. */
    directGrants: (shopId: string, ids: readonly string[], ex: Executor) =>
      ex
        .selectFrom('sub_accounts')
        .select(['id', 'permissions'])
        .where('shop_id', '=', shopId)
        .where('id', 'in', [...ids])
        .execute(),

    /** Any row of the shop, deleted ones included (authorization needs to know it was deleted). */
    anyById: (shopId: string, id: string) =>
      db
        .selectFrom('sub_accounts')
        .select(['id', 'shop_id', 'status', 'permissions', 'name'])
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /** Changes a not-deleted sub-account; false when there is none. */
    async update(
      shopId: string,
      id: string,
      patch: Partial<
        Pick<SubAccountRow, 'permissions' | 'status' | 'password_hash' | 'password_changed_at' | 'deleted_at'>
      >,
      now: number,
      trx: Executor,
      onlyStatus?: SubAccountStatus,
    ): Promise<boolean> {
      let q = trx
        .updateTable('sub_accounts')
        .set({ ...patch, updated_at: now })
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .where('status', '<>', 'deleted');
      if (onlyStatus) q = q.where('status', '=', onlyStatus);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async setRoles(shopId: string, subAccountId: string, roleIds: readonly string[], trx: Executor) {
      await trx
        .deleteFrom('sub_account_roles')
        .where('shop_id', '=', shopId)
        .where('sub_account_id', '=', subAccountId)
        .execute();
      if (roleIds.length === 0) return;
      await trx
        .insertInto('sub_account_roles')
        .values(
          [...new Set(roleIds)].map((role_id) => ({
            sub_account_id: subAccountId,
            role_id,
            shop_id: shopId,
          })),
        )
        .execute();
    },

    /** Role ids per sub-account of the shop. */
    async roleIdsOf(shopId: string, subAccountIds: readonly string[], ex: Executor = db) {
      const out = new Map<string, string[]>();
      if (subAccountIds.length === 0) return out;
      const rows = await ex
        .selectFrom('sub_account_roles')
        .select(['sub_account_id', 'role_id'])
        .where('shop_id', '=', shopId)
        .where('sub_account_id', 'in', [...subAccountIds])
        .orderBy('role_id')
        .execute();
      for (const r of rows) out.set(r.sub_account_id, [...(out.get(r.sub_account_id) ?? []), r.role_id]);
      return out;
    },

    roles: (shopId: string, ex: Executor = db) =>
      ex
        .selectFrom('staff_roles')
        .selectAll()
        .where('shop_id', '=', shopId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),

    role: (shopId: string, id: string, ex: Executor = db) =>
      ex
        .selectFrom('staff_roles')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst(),

    async rolesByIds(shopId: string, ids: readonly string[], ex: Executor = db): Promise<RoleRow[]> {
      if (ids.length === 0) return [];
      return ex
        .selectFrom('staff_roles')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', 'in', [...ids])
        .execute();
    },

    insertRole: (row: RoleRow, trx: Executor) => trx.insertInto('staff_roles').values(row).execute(),

    async updateRole(
      shopId: string,
      id: string,
      patch: Partial<Pick<RoleRow, 'name' | 'name_normalized' | 'permissions'>>,
      now: number,
      trx: Executor,
    ): Promise<boolean> {
      const res = await trx
        .updateTable('staff_roles')
        .set({ ...patch, updated_at: now })
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Deletes a role and its assignments; returns the sub-accounts that had it, or null when unknown. */
    async deleteRole(shopId: string, id: string, trx: Executor): Promise<string[] | null> {
      const holders = await trx
        .selectFrom('sub_account_roles')
        .select('sub_account_id')
        .where('shop_id', '=', shopId)
        .where('role_id', '=', id)
        .execute();
      await trx
        .deleteFrom('sub_account_roles')
        .where('shop_id', '=', shopId)
        .where('role_id', '=', id)
        .execute();
      const res = await trx
        .deleteFrom('staff_roles')
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(res.numDeletedRows) === 1 ? holders.map((h) => h.sub_account_id) : null;
    },
  };
}
