import type { Context } from '../../context.js';
import { type Executor, isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { assertWithin, checkPermissions, parseList, storeEffective } from './grants.js';
import { expand, sortPermissions, TEMPLATES, templateById } from './permissions.js';
import type { Actor, StaffDeps } from './staff.service.js';
import { normalizeName } from './staff.service.js';
import { ROLE_NAME_KEY, type RoleRow, type StaffStore } from './staff.store.js';

/**
 * Roles (SUB-2/4): the catalog's templates (read-only, ids `tpl_…`) and the shop's custom roles.
 * A role change reaches every sub-account holding it at its next request (access is read per
 * request); each holder gets a `staff.updated` webhook.
 */
export function createRoles(ctx: Context, store: StaffStore, deps: Pick<StaffDeps, 'sessions' | 'emit'>) {
  const { db, clock, audit } = ctx;

  const customView = (r: RoleRow, holders?: number) => ({
    id: r.id,
    name: r.name,
    permissions: parseList(r.permissions),
    builtIn: false,
    ...(holders !== undefined ? { subAccounts: holders } : {}),
  });

  /** A sub-account manager may only edit roles within its own permissions (before and after). */
  async function editable(actor: Actor, roleId: string, trx: Executor): Promise<RoleRow> {
    if (templateById(roleId)) throw appError('forbidden', { reason: 'template' });
    const row = await store.role(actor.access.shopId, roleId, trx);
    if (!row) throw appError('not_found');
    assertWithin(actor.access, sortPermissions(expand(parseList(row.permissions))));
    return row;
  }

  async function notifyHolders(shopId: string, roleId: string, trx: Executor, holders?: string[]) {
    const ids =
      holders ??
      (
        await trx
          .selectFrom('sub_account_roles')
          .select('sub_account_id')
          .where('shop_id', '=', shopId)
          .where('role_id', '=', roleId)
          .execute()
      ).map((h) => h.sub_account_id);
    for (const subAccountId of ids)
      await deps.emit('staff.updated', { shopId, subAccountId, change: 'role', roleId }, trx);
    return ids;
  }

  const auditAs = (actor: Actor) => ({
    actorType: actor.principal.type,
    actorId: actor.principal.id,
    targetType: 'staff_role',
    ip: actor.ip,
  });

  return {
    async list(shopId: string, lang: Lang) {
      const rows = await store.roles(shopId);
      const counts = await db
        .selectFrom('sub_account_roles')
        .innerJoin('sub_accounts', 'sub_accounts.id', 'sub_account_roles.sub_account_id')
        .select(['sub_account_roles.role_id as roleId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('sub_account_roles.shop_id', '=', shopId)
        .where('sub_accounts.shop_id', '=', shopId)
        .where('sub_accounts.status', '<>', 'deleted')
        .groupBy('sub_account_roles.role_id')
        .execute();
      const count = new Map(counts.map((c) => [c.roleId, Number(c.n)]));
      return [
        ...TEMPLATES.map((t) => ({
          id: t.id,
          name: lang === 'en' ? t.name.en : t.name.zh,
          permissions: [...t.permissions],
          builtIn: true,
          subAccounts: count.get(t.id) ?? 0,
        })),
        ...rows.map((r) => customView(r, count.get(r.id) ?? 0)),
      ];
    },

    async create(actor: Actor, input: { name: string; permissions: string[] }) {
      deps.sessions.requireStepUp(actor.principal);
      const permissions = checkPermissions(input.permissions);
      assertWithin(actor.access, sortPermissions(expand(permissions)));
      const now = clock.now();
      const row: RoleRow = {
        id: newId('role'),
        shop_id: actor.access.shopId,
        name: input.name.normalize('NFC'),
        name_normalized: normalizeName(input.name),
        permissions: JSON.stringify(permissions),
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.insertRole(row, trx);
          await audit.record(
            {
              ...auditAs(actor),
              action: 'staff.role.created',
              targetId: row.id,
              data: { shopId: row.shop_id, permissions },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, ROLE_NAME_KEY)) throw appError('role_name_taken');
        throw err;
      }
      return customView(row, 0);
    },

    async update(
      actor: Actor,
      roleId: string,
      input: { name?: string | undefined; permissions?: string[] | undefined },
    ) {
      deps.sessions.requireStepUp(actor.principal);
      const shopId = actor.access.shopId;
      const permissions = input.permissions === undefined ? undefined : checkPermissions(input.permissions);
      if (permissions) assertWithin(actor.access, sortPermissions(expand(permissions)));
      try {
        await db.transaction().execute(async (trx) => {
          await store.lockShop(shopId, trx);
          await editable(actor, roleId, trx);
          await store.updateRole(
            shopId,
            roleId,
            {
              ...(input.name !== undefined
                ? { name: input.name.normalize('NFC'), name_normalized: normalizeName(input.name) }
                : {}),
              ...(permissions ? { permissions: JSON.stringify(permissions) } : {}),
            },
            clock.now(),
            trx,
          );
          await audit.record(
            {
              ...auditAs(actor),
              action: 'staff.role.updated',
              targetId: roleId,
              data: { shopId, renamed: input.name !== undefined, ...(permissions ? { permissions } : {}) },
            },
            trx,
          );
          if (permissions) await storeEffective(store, shopId, await notifyHolders(shopId, roleId, trx), trx);
        });
      } catch (err) {
        if (isUniqueViolation(err, ROLE_NAME_KEY)) throw appError('role_name_taken');
        throw err;
      }
      const row = await store.role(shopId, roleId);
      if (!row) throw appError('not_found');
      return customView(row);
    },

    /** Deletes a custom role; the sub-accounts holding it lose its permissions at their next request. */
    async remove(actor: Actor, roleId: string): Promise<void> {
      deps.sessions.requireStepUp(actor.principal);
      const shopId = actor.access.shopId;
      await db.transaction().execute(async (trx) => {
        await store.lockShop(shopId, trx);
        await editable(actor, roleId, trx);
        const holders = await store.deleteRole(shopId, roleId, trx);
        if (!holders) throw appError('not_found');
        await audit.record(
          {
            ...auditAs(actor),
            action: 'staff.role.deleted',
            targetId: roleId,
            data: { shopId, holders: holders.length },
          },
          trx,
        );
        await notifyHolders(shopId, roleId, trx, holders);
        await storeEffective(store, shopId, holders, trx);
      });
    },
  };
}

export type Roles = ReturnType<typeof createRoles>;
